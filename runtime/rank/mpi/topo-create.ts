/**
 * Making process topologies from an intracommunicator: `Create_cart`, `Create_graph`,
 * `Create_dist_graph_adjacent`, `Create_dist_graph`, and `Cart_map`/`Graph_map`. All are
 * collective (every rank calls them, `await`ed); ranks left out of the topology (beyond the grid
 * or graph's size) get MPI.COMM_NULL (null). `reorder` is accepted; ranks are never reordered.
 * Installed on Intracomm here so that intracomm.ts needs no import of its own subclasses.
 */
import { registerAsyncResult } from '../await-hint.js';
import { captureCallSite } from '../call-site.js';
import * as alg from './algorithms.js';
import { parseArgs } from './args.js';
import { Cartcomm } from './cartcomm.js';
import { runCollective } from './collective-transport.js';
import { ArgumentError } from './errors.js';
import { Distgraphcomm, Graphcomm, type Weights } from './graphcomm.js';
import { Intracomm } from './intracomm.js';
import { UNDEFINED } from './matching.js';
import { intList, periodsArg, UNWEIGHTED, WEIGHTS_EMPTY } from './topology.js';
import type { Info } from './info.js';
import type { CartOptions, DistGraphAdjacentOptions, DistGraphOptions, GraphOptions, Periods, WeightsArg } from './options.js';


declare module './intracomm.js' {
  interface Intracomm {
    /** A Cartesian grid of `dims` processes (`MPI.Compute_dims` picks balanced ones), `periods` saying which dimensions wrap. Collective: `await` it; ranks beyond the grid get null. */
    Create_cart(dims: readonly number[], periods?: Periods, reorder?: boolean): Promise<Cartcomm | null>;
    Create_cart(dims: readonly number[], options: CartOptions): Promise<Cartcomm | null>;
    Create_cart(dims: readonly number[], periods: Periods | undefined, options: Omit<CartOptions, 'periods'>): Promise<Cartcomm | null>;
    /** A graph topology: `index` the cumulative neighbour counts (a leading 0 allowed), `edges` the neighbour lists concatenated. Collective: `await` it. */
    Create_graph(index: readonly number[], edges: readonly number[], reorder?: boolean): Promise<Graphcomm | null>;
    Create_graph(index: readonly number[], edges: readonly number[], options: GraphOptions): Promise<Graphcomm | null>;
    /** A distributed graph from each rank's own in-neighbours (`sources`) and out-neighbours (`destinations`), with optional weights. Collective: `await` it. */
    Create_dist_graph_adjacent(sources: readonly number[] | null, destinations: readonly number[] | null, sourceweights?: WeightsArg, destweights?: WeightsArg, info?: Info | null, reorder?: boolean): Promise<Distgraphcomm>;
    Create_dist_graph_adjacent(sources: readonly number[] | null, destinations: readonly number[] | null, options: DistGraphAdjacentOptions): Promise<Distgraphcomm>;
    /** A distributed graph from edges any rank may give: node `sources[i]` has `degrees[i]` edges to the next `destinations`. Collective: `await` it. */
    Create_dist_graph(sources: readonly number[], degrees: readonly number[], destinations: readonly number[], weights?: WeightsArg, info?: Info | null, reorder?: boolean): Promise<Distgraphcomm>;
    Create_dist_graph(sources: readonly number[], degrees: readonly number[], destinations: readonly number[], options: DistGraphOptions): Promise<Distgraphcomm>;
    /** The rank this process would have in `Create_cart(dims, periods)`, or MPI.UNDEFINED if it is off the grid. */
    Cart_map(dims: readonly number[], periods?: Periods): number;
    /** The rank this process would have in `Create_graph(index, edges)`, or MPI.UNDEFINED. */
    Graph_map(index: readonly number[], edges: readonly number[]): number;
  }
}

function dimsArg(op: string, dims: unknown): number[] {
  const d = intList(op, 'dims', dims, 1);
  if (dims === undefined || dims === null) throw new ArgumentError(`${op}: missing argument 'dims'`);
  return d;
}

/** mpi4py's two index forms: with the leading 0 (length nnodes + 1) or without. */
function indexArg(op: string, index: unknown, edges: number[]): number[] {
  const ix = intList(op, 'index', index);
  const out = ix.length > 0 && ix[0] === 0 && ix[ix.length - 1] === edges.length && ix.length > 1 ? ix.slice(1) : ix;
  if (out.some((v, i) => v < (i ? out[i - 1] : 0)) || (out.length && out[out.length - 1] !== edges.length)) {
    throw new ArgumentError(`${op}: index must be non-decreasing cumulative neighbour counts ending at the number of edges (${edges.length}), got ${JSON.stringify(index)}`);
  }
  return out;
}

/** Unweighted (UNWEIGHTED or None), MPI.WEIGHTS_EMPTY (weighted, no edges), or one weight per edge. */
function weightsArg(op: string, name: string, w: unknown, n: number): number[] | undefined {
  if (w === undefined || w === null || w === UNWEIGHTED) return undefined;
  if (w === WEIGHTS_EMPTY) {
    if (n !== 0) throw new ArgumentError(`${op}: ${name} MPI.WEIGHTS_EMPTY is for no edges, but there are ${n}`);
    return [];
  }
  const list = intList(op, name, w);
  if (list.length !== n) throw new ArgumentError(`${op}: ${name} needs one weight per edge (${n}), got ${list.length}`);
  return list;
}

function checkRanks(comm: Intracomm, op: string, name: string, ranks: number[]): void {
  const bad = ranks.find((r) => r >= comm.size);
  if (bad !== undefined) throw new ArgumentError(`${op}: ${name} names rank ${bad}, not in this communicator (size ${comm.size})`);
}

const proto = Intracomm.prototype;

proto.Create_cart = async function (this: Intracomm, dims: unknown, ...rest: unknown[]): Promise<any> {
  const site = captureCallSite();
  const a = parseArgs('Create_cart', [dims, ...rest], 1, ['dims', 'periods', 'reorder']);
  const d = dimsArg('Create_cart', a.dims);
  const periods = periodsArg('Create_cart', a.periods, d.length);
  const n = d.reduce((x, y) => x * y, 1);
  if (n > this.size) throw new ArgumentError(`Create_cart: the grid ${JSON.stringify(d)} needs ${n} processes, the communicator has ${this.size}`);
  const id = this.nextChildId();
  await runCollective(this, { op: 'Create_cart', text: `Create_cart(dims=${JSON.stringify(d)})`, site }, (seq) => alg.barrier(this, seq));
  if (this.rank >= n) return null;
  return new Cartcomm(this.rt, id, this.members.slice(0, n), this.rank, d, periods);
};

proto.Create_graph = async function (this: Intracomm, index: unknown, edges: unknown, ...rest: unknown[]): Promise<any> {
  const site = captureCallSite();
  const a = parseArgs('Create_graph', [index, edges, ...rest], 2, ['index', 'edges', 'reorder']);
  const e = intList('Create_graph', 'edges', a.edges);
  const ix = indexArg('Create_graph', a.index, e);
  if (ix.length > this.size) throw new ArgumentError(`Create_graph: the graph has ${ix.length} nodes, the communicator ${this.size} processes`);
  checkRanks(this, 'Create_graph', 'edges', e);
  const id = this.nextChildId();
  await runCollective(this, { op: 'Create_graph', text: `Create_graph(nnodes=${ix.length})`, site }, (seq) => alg.barrier(this, seq));
  if (this.rank >= ix.length) return null;
  return new Graphcomm(this.rt, id, this.members.slice(0, ix.length), this.rank, ix, e);
};

proto.Create_dist_graph_adjacent = async function (this: Intracomm, sources: unknown, destinations: unknown, ...rest: unknown[]): Promise<any> {
  const site = captureCallSite();
  const op = 'Create_dist_graph_adjacent';
  const a = parseArgs(op, [sources, destinations, ...rest], 2, ['sources', 'destinations', 'sourceweights', 'destweights', 'info', 'reorder']);
  const src = intList(op, 'sources', a.sources);
  const dst = intList(op, 'destinations', a.destinations);
  checkRanks(this, op, 'sources', src);
  checkRanks(this, op, 'destinations', dst);
  const sw = weightsArg(op, 'sourceweights', a.sourceweights, src.length);
  const dw = weightsArg(op, 'destweights', a.destweights, dst.length);
  const weights: Weights | undefined = sw || dw ? { sourceweights: sw ?? [], destweights: dw ?? [] } : undefined;
  const id = this.nextChildId();
  await runCollective(this, { op, text: `${op}(indegree=${src.length}, outdegree=${dst.length})`, site }, (seq) => alg.barrier(this, seq));
  return new Distgraphcomm(this.rt, id, this.members, this.rank, src, dst, weights);
};

proto.Create_dist_graph = async function (this: Intracomm, sources: unknown, degrees: unknown, destinations: unknown, ...rest: unknown[]): Promise<any> {
  const site = captureCallSite();
  const op = 'Create_dist_graph';
  const a = parseArgs(op, [sources, degrees, destinations, ...rest], 3, ['sources', 'degrees', 'destinations', 'weights', 'info', 'reorder']);
  const src = intList(op, 'sources', a.sources);
  const deg = intList(op, 'degrees', a.degrees);
  const dst = intList(op, 'destinations', a.destinations);
  if (deg.length !== src.length) throw new ArgumentError(`${op}: degrees needs one count per source (${src.length}), got ${deg.length}`);
  const total = deg.reduce((x, y) => x + y, 0);
  if (dst.length !== total) throw new ArgumentError(`${op}: the degrees add up to ${total} edges, but destinations has ${dst.length}`);
  checkRanks(this, op, 'sources', src);
  checkRanks(this, op, 'destinations', dst);
  const w = weightsArg(op, 'weights', a.weights, total);
  // Every rank's edges [from, to, weight] go to every rank, which keeps those that touch it.
  const mine: [number, number, number][] = [];
  let at = 0;
  src.forEach((s, i) => {
    for (let k = 0; k < deg[i]; k++, at++) mine.push([s, dst[at], w ? w[at] : 1]);
  });
  const id = this.nextChildId();
  const all = (await runCollective(this, { op, text: `${op}(edges=${total})`, site }, (seq) => alg.allgather(this, seq, [mine, w !== undefined]))) as [[number, number, number][], boolean][];
  const edges = all.flatMap(([e]) => e);
  const ins = edges.filter(([, t]) => t === this.rank);
  const outs = edges.filter(([f]) => f === this.rank);
  const weighted = all.some(([, isW]) => isW);
  const weights = weighted ? { sourceweights: ins.map(([, , x]) => x), destweights: outs.map(([, , x]) => x) } : undefined;
  return new Distgraphcomm(this.rt, id, this.members, this.rank, ins.map(([f]) => f), outs.map(([, t]) => t), weights);
};

proto.Cart_map = function (this: Intracomm, dims: readonly number[], periods?: Periods): number {
  const d = dimsArg('Cart_map', dims);
  periodsArg('Cart_map', periods, d.length);
  return this.rank < d.reduce((x, y) => x * y, 1) ? this.rank : UNDEFINED;
};

proto.Graph_map = function (this: Intracomm, index: readonly number[], edges: readonly number[]): number {
  const ix = indexArg('Graph_map', index, intList('Graph_map', 'edges', edges));
  return this.rank < ix.length ? this.rank : UNDEFINED;
};

export { Cartcomm, Distgraphcomm, Graphcomm };

// `const cart = comm.Create_cart(dims)` without `await`, then `cart.Shift(0, 1)`: say why it fails.
registerAsyncResult('comm.Create_cart() or cart.Sub()', 'comm.Create_cart(dims, { periods })', Cartcomm.prototype);
registerAsyncResult('comm.Create_graph()', 'comm.Create_graph(index, edges)', Graphcomm.prototype);
registerAsyncResult('comm.Create_dist_graph_adjacent()', 'comm.Create_dist_graph_adjacent(sources, destinations)', Distgraphcomm.prototype);
