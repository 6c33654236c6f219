/**
 * `MPI.Graphcomm` (`comm.Create_graph(index, edges)`: every rank passes the whole graph) and
 * `MPI.Distgraphcomm` (`Create_dist_graph_adjacent`: each rank passes its own in- and
 * out-neighbours; `Create_dist_graph`: any rank may pass any edges).
 */
import type { RankRuntime } from '../runtime.js';
import { RankError } from './errors.js';
import { occurrenceKeys } from './neighbor-transport.js';
import { Topocomm } from './topocomm.js';
import { DIST_GRAPH, GRAPH } from './topology.js';

export class Graphcomm extends Topocomm {
  private readonly gIndex: readonly number[];
  private readonly gEdges: readonly number[];

  /** `index`: the cumulative neighbour counts (without the leading 0); `edges`: all neighbour lists, concatenated. */
  constructor(rt: RankRuntime, id: string, members: readonly number[], rank: number, index: readonly number[], edges: readonly number[]) {
    const mine = index === undefined ? undefined : edges.slice(rank === 0 ? 0 : index[rank - 1], index[rank]);
    super(rt, id, members, rank, mine === undefined ? (undefined as never) : { sources: mine, destinations: mine, inKeys: occurrenceKeys(mine), outKeys: occurrenceKeys(mine) });
    this.gIndex = [...index];
    this.gEdges = [...edges];
  }

  /** MPI.GRAPH: this communicator has a graph topology. */
  override Get_topology(): number {
    return GRAPH;
  }
  /** A duplicate with the same graph and its own message space. Collective: `await` it. */
  override async Dup(): Promise<Graphcomm> {
    const d = await super.Dup();
    return new Graphcomm(this.rt, d.id, this.members, this.rank, this.gIndex, this.gEdges);
  }
  /** `[nnodes, nedges]`. */
  Get_dims(): [number, number] {
    return [this.nnodes, this.nedges];
  }
  /** `[nnodes, nedges]` (as `Get_dims()`). */
  get dims(): [number, number] {
    return this.Get_dims();
  }
  /** The number of nodes (processes) of the graph. */
  get nnodes(): number {
    return this.gIndex.length;
  }
  /** The number of edges of the graph. */
  get nedges(): number {
    return this.gEdges.length;
  }
  /** `[index, edges]`, as given to Create_graph. */
  Get_topo(): [number[], number[]] {
    return [this.index, this.edges];
  }
  /** `[index, edges]`, as given to Create_graph (as `Get_topo()`). */
  get topo(): [number[], number[]] {
    return this.Get_topo();
  }
  /** Cumulative neighbour counts, one per node. */
  get index(): number[] {
    return [...this.gIndex];
  }
  /** How many neighbours `rank` has. */
  Get_neighbors_count(rank: number): number {
    return this.Get_neighbors(rank).length;
  }
  /** The neighbours of `rank`. */
  Get_neighbors(rank: number): number[] {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.nnodes) throw new RankError(`Get_neighbors: rank ${rank} is not a node of the graph (0..${this.nnodes - 1})`);
    return this.gEdges.slice(rank === 0 ? 0 : this.gIndex[rank - 1], this.gIndex[rank]);
  }
  /** This rank's neighbours. */
  get neighbors(): number[] {
    return this.Get_neighbors(this.rank);
  }
  /** How many neighbours this rank has. */
  get nneighbors(): number {
    return this.neighbors.length;
  }
  /** Every node's neighbours, concatenated (as given to Create_graph). */
  get edges(): number[] {
    return [...this.gEdges];
  }
}


/** A distributed graph's weights, or none (MPI_UNWEIGHTED). */
export interface Weights {
  sourceweights: number[];
  destweights: number[];
}

export class Distgraphcomm extends Topocomm {
  private readonly weights: Weights | undefined;

  constructor(rt: RankRuntime, id: string, members: readonly number[], rank: number, sources: readonly number[], destinations: readonly number[], weights: Weights | undefined) {
    super(rt, id, members, rank, sources === undefined ? (undefined as never) : {
      sources, destinations, inKeys: occurrenceKeys(sources), outKeys: occurrenceKeys(destinations),
    });
    this.weights = weights;
  }

  /** MPI.DIST_GRAPH: this communicator has a distributed-graph topology. */
  override Get_topology(): number {
    return DIST_GRAPH;
  }
  /** A duplicate with the same neighbours and weights and its own message space. Collective: `await` it. */
  override async Dup(): Promise<Distgraphcomm> {
    const d = await super.Dup();
    return new Distgraphcomm(this.rt, d.id, this.members, this.rank, this.nbr.sources, this.nbr.destinations, this.weights);
  }
  /** `[indegree, outdegree, weighted]` (as `Get_dist_neighbors_count()`). */
  override get degrees(): [number, number, boolean] {
    return [this.indegree, this.outdegree, this.weights !== undefined];
  }
  /** `[indegree, outdegree, weighted]`. */
  Get_dist_neighbors_count(): [number, number, boolean] {
    return this.degrees;
  }
  /** `[sources, destinations, weights]`; weights is `[sourceweights, destweights]`, or null when unweighted. */
  Get_dist_neighbors(): [number[], number[], [number[], number[]] | null] {
    const w = this.weights;
    return [this.inedges, this.outedges, w ? [[...w.sourceweights], [...w.destweights]] : null];
  }
}
