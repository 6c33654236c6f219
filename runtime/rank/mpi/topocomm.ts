/**
 * `MPI.Topocomm`: what Cartesian, graph and distributed-graph communicators share — their
 * neighbour lists (`inedges`, `outedges`, `degrees`) and the neighbour collectives, where each
 * rank exchanges data with its neighbours only (neighbor-transport.ts moves and traces them).
 * Buffer forms take one block per in-neighbour (receive) and per out-neighbour (send); a
 * PROC_NULL neighbour sends nothing and leaves its receive block as it was.
 */
import { atCallSite, captureCallSite } from '../call-site.js';
import type { RankRuntime } from '../runtime.js';
import type { CallSite, WaitFor } from '../../contract/trace-events.js';
import type { TypedArray } from '../transport/dtypes.js';
import { resolveW } from './alltoallw.js';
import { blocksOf, placeBlocks } from './collective-buffers.js';
import { Comm } from './comm.js';
import { landed, resolveBuffer, resolveVector, type BufferSpec } from './datatypes.js';
import { CountError, TruncateError } from './errors.js';
import { Intracomm } from './intracomm.js';
import { ANY_SOURCE, ANY_TAG } from './matching.js';
import { postReceives, sendAll, type Edges } from './neighbor-transport.js';
import { Request, type Completion } from './request.js';
import { traced } from './traced.js';

/** What a neighbour collective does once its arguments are checked: what to send, where results go. */
interface NeighborPlan {
  bytes: number;
  pieces: unknown[];
  finish: (got: unknown[]) => unknown;
}

export class Topocomm extends Intracomm {
  /** @internal */
  readonly nbr: Edges;

  constructor(rt: RankRuntime, id: string, members: readonly number[], rank: number, edges: Edges) {
    // mpi4py's MPI.Topocomm(comm) / MPI.Cartcomm(graph): a communicator is not converted into a topology.
    if ((rt as unknown) instanceof Comm || edges === undefined) throw new TypeError(`${new.target.name}: build topologies with comm.Create_cart, Create_graph or Create_dist_graph*, not by converting a communicator`);
    super(rt, id, members, rank);
    this.nbr = edges;
  }

  /** Always true: this communicator has a process topology. */
  override get is_topo(): boolean {
    return true;
  }
  /** `[indegree, outdegree, weighted]`. */
  get degrees(): [number, number, boolean] {
    return [this.indegree, this.outdegree, false];
  }
  /** How many ranks this rank receives from in a neighbour collective. */
  get indegree(): number {
    return this.nbr.sources.length;
  }
  /** How many ranks this rank sends to in a neighbour collective. */
  get outdegree(): number {
    return this.nbr.destinations.length;
  }
  /** The in-neighbours, in neighbour-collective order (MPI.PROC_NULL where a Cartesian edge has none). */
  get inedges(): number[] {
    return [...this.nbr.sources];
  }
  /** The out-neighbours, in neighbour-collective order. */
  get outedges(): number[] {
    return [...this.nbr.destinations];
  }
  /** `[inedges, outedges]`. */
  get inoutedges(): [number[], number[]] {
    return [this.inedges, this.outedges];
  }

  // ---- lower-case neighbour collectives --------------------------------------------------------

  /** Sends `sendobj` to every out-neighbour; resolves to the in-neighbours' objects (null from PROC_NULL). `await` it. */
  neighbor_allgather<T = any>(sendobj: T): Promise<T[]>;
  async neighbor_allgather(sendobj: unknown): Promise<unknown[]> {
    const pieces = this.nbr.destinations.map(() => sendobj);
    return this.run('neighbor_allgather', captureCallSite(), { bytes: 0, pieces, finish: objects });
  }

  /** `sendobj[j]` goes to out-neighbour j; resolves to one object per in-neighbour. `await` it. */
  neighbor_alltoall<T = any>(sendobj: readonly T[]): Promise<T[]>;
  async neighbor_alltoall(sendobj: readonly unknown[]): Promise<unknown[]> {
    const site = captureCallSite();
    if (!Array.isArray(sendobj) || sendobj.length !== this.outdegree) {
      throw new CountError(`neighbor_alltoall: expected an array with one item per out-neighbour (${this.outdegree} items), got ${Array.isArray(sendobj) ? sendobj.length : typeof sendobj}`);
    }
    return this.run('neighbor_alltoall', site, { bytes: 0, pieces: [...sendobj], finish: objects });
  }

  // ---- buffer forms, blocking and nonblocking ---------------------------------------------------

  /** `Neighbor_allgather(sendbuf, recvbuf)`: block j of `recvbuf` gets in-neighbour j's `sendbuf`. */
  async Neighbor_allgather(sendbuf: BufferSpec, recvbuf: BufferSpec): Promise<void> {
    await this.run('Neighbor_allgather', captureCallSite(), this.allgatherPlan('Neighbor_allgather', sendbuf, recvbuf));
  }
  /** Nonblocking Neighbor_allgather: `await req.Wait()`. */
  Ineighbor_allgather(sendbuf: BufferSpec, recvbuf: BufferSpec): Request {
    return this.runNb('Ineighbor_allgather', captureCallSite(), this.allgatherPlan('Ineighbor_allgather', sendbuf, recvbuf));
  }
  /** `Neighbor_allgatherv(sendbuf, recvbuf)`: `recvbuf` a vector buffer with one block per in-neighbour. */
  async Neighbor_allgatherv(sendbuf: BufferSpec, recvbuf: unknown): Promise<void> {
    await this.run('Neighbor_allgatherv', captureCallSite(), this.allgathervPlan('Neighbor_allgatherv', sendbuf, recvbuf));
  }
  /** Nonblocking `Neighbor_allgatherv`: returns a request. */
  Ineighbor_allgatherv(sendbuf: BufferSpec, recvbuf: unknown): Request {
    return this.runNb('Ineighbor_allgatherv', captureCallSite(), this.allgathervPlan('Ineighbor_allgatherv', sendbuf, recvbuf));
  }
  /** `Neighbor_alltoall(sendbuf, recvbuf)`: block j of `sendbuf` goes to out-neighbour j; block j of `recvbuf` comes from in-neighbour j. */
  async Neighbor_alltoall(sendbuf: BufferSpec, recvbuf: BufferSpec): Promise<void> {
    await this.run('Neighbor_alltoall', captureCallSite(), this.alltoallPlan('Neighbor_alltoall', sendbuf, recvbuf));
  }
  /** Nonblocking `Neighbor_alltoall`: returns a request. */
  Ineighbor_alltoall(sendbuf: BufferSpec, recvbuf: BufferSpec): Request {
    return this.runNb('Ineighbor_alltoall', captureCallSite(), this.alltoallPlan('Ineighbor_alltoall', sendbuf, recvbuf));
  }
  /** `Neighbor_alltoallv(sendbuf, recvbuf)`: vector buffers, a block per out- and per in-neighbour. */
  async Neighbor_alltoallv(sendbuf: unknown, recvbuf: unknown): Promise<void> {
    await this.run('Neighbor_alltoallv', captureCallSite(), this.alltoallvPlan('Neighbor_alltoallv', sendbuf, recvbuf));
  }
  /** Nonblocking `Neighbor_alltoallv`: returns a request. */
  Ineighbor_alltoallv(sendbuf: unknown, recvbuf: unknown): Request {
    return this.runNb('Ineighbor_alltoallv', captureCallSite(), this.alltoallvPlan('Ineighbor_alltoallv', sendbuf, recvbuf));
  }
  /** `Neighbor_alltoallw(sendbuf, recvbuf)`: `[buf, [counts, displs], datatypes]` per side, byte displacements; `buf` may be MPI.BOTTOM. */
  async Neighbor_alltoallw(sendbuf: unknown, recvbuf: unknown): Promise<void> {
    await this.run('Neighbor_alltoallw', captureCallSite(), this.alltoallwPlan('Neighbor_alltoallw', sendbuf, recvbuf));
  }
  /** Nonblocking `Neighbor_alltoallw`: returns a request. */
  Ineighbor_alltoallw(sendbuf: unknown, recvbuf: unknown): Request {
    return this.runNb('Ineighbor_alltoallw', captureCallSite(), this.alltoallwPlan('Ineighbor_alltoallw', sendbuf, recvbuf));
  }

  // ---- plans: argument checks at the call, result placement after -------------------------------

  private allgatherPlan(op: string, sendbuf: BufferSpec, recvbuf: BufferSpec): NeighborPlan {
    const send = this.bufferArg(op, sendbuf);
    const recv = resolveBuffer(op, recvbuf, Math.max(this.indegree, 1));
    return { bytes: send.byteLength, pieces: this.nbr.destinations.map(() => send), finish: (got) => landBlocks(op, recv, this.indegree, got) };
  }

  private allgathervPlan(op: string, sendbuf: BufferSpec, recvbuf: unknown): NeighborPlan {
    const send = this.bufferArg(op, sendbuf);
    const recv = resolveVector(op, recvbuf, this.indegree);
    return { bytes: send.byteLength, pieces: this.nbr.destinations.map(() => send), finish: (got) => placeBlocks(op, recv, got as TypedArray[]) };
  }

  private alltoallPlan(op: string, sendbuf: BufferSpec, recvbuf: BufferSpec): NeighborPlan {
    const send = resolveBuffer(op, sendbuf, Math.max(this.outdegree, 1));
    const recv = resolveBuffer(op, recvbuf, Math.max(this.indegree, 1));
    const n = this.outdegree ? Math.floor(send.length / this.outdegree) : 0;
    const pieces = this.nbr.destinations.map((_, j) => send.subarray(j * n, (j + 1) * n));
    return { bytes: n * this.outdegree * send.BYTES_PER_ELEMENT, pieces, finish: (got) => landBlocks(op, recv, this.indegree, got) };
  }

  private alltoallvPlan(op: string, sendbuf: unknown, recvbuf: unknown): NeighborPlan {
    const pieces = blocksOf(resolveVector(op, sendbuf, this.outdegree));
    const recv = resolveVector(op, recvbuf, this.indegree);
    return { bytes: pieces.reduce((n, p) => n + p.byteLength, 0), pieces, finish: (got) => placeBlocks(op, recv, got as TypedArray[]) };
  }

  private alltoallwPlan(op: string, sendbuf: unknown, recvbuf: unknown): NeighborPlan {
    const pieces = resolveW(op, sendbuf, this.outdegree).packAll();
    const recv = resolveW(op, recvbuf, this.indegree);
    return { bytes: pieces.reduce((n, p) => n + p.byteLength, 0), pieces, finish: (got) => recv.land(got as TypedArray[]) };
  }

  /**
   * Numbers the collective and posts its receives; the call then waits both for every member to
   * enter (as any collective) and for each receive still posted (neighbor-transport.ts).
   */
  private begin(op: string, site: CallSite | undefined): { seq: number; receiving: Promise<unknown[]>; wait: WaitFor } {
    this.checkLive(op);
    const seq = ++this.collSeq;
    const { receiving, waits } = postReceives(this, this.nbr, op, seq, site);
    const all: WaitFor = { type: 'collective', comm: this.id, seq, op, group: [...this.members] };
    return { seq, receiving, wait: { type: 'all', of: [all, ...waits] } };
  }

  private async run(op: string, site: CallSite | undefined, plan: NeighborPlan): Promise<any> {
    const { seq, receiving, wait } = this.begin(op, site);
    return traced(this.rt.tracer, { op, text: `${op}()`, comm: this.id, collSeq: seq, bytes: plan.bytes || undefined, wait, site }, async () => {
      await sendAll(this, this.nbr, op, seq, plan.pieces, site);
      return finishAt(plan, await receiving, op, site);
    });
  }

  /** The nonblocking form: the call is traced as entered at once; a wait on its request waits as the blocking call does. */
  private runNb(op: string, site: CallSite | undefined, plan: NeighborPlan): Request {
    const { seq, receiving, wait } = this.begin(op, site);
    const tracer = this.rt.tracer;
    tracer.end(tracer.start({ op, text: `${op}()`, comm: this.id, collSeq: seq, bytes: plan.bytes || undefined, site }));
    const done = sendAll(this, this.nbr, op, seq, plan.pieces, site).then(() => receiving).then((got) => {
      finishAt(plan, got, op, site);
      return COMPLETED;
    });
    return Request.started(done, { tracer, comm: this.id, text: `${op}()`, wait });
  }
}

/** What a completed neighbour-collective request reports: no message, MPI's empty status. */
const COMPLETED: Completion = { value: undefined, source: ANY_SOURCE, tag: ANY_TAG, count: 0 };

/** The lower-case result: one object per in-neighbour, None (null) from a PROC_NULL one. */
function objects(got: unknown[]): unknown[] {
  return Array.from(got, (x, j) => (j in got ? x : null));
}

/** Puts in-neighbour j's piece into block j of `recv` (`degree` equal blocks). */
function landBlocks(op: string, recv: TypedArray, degree: number, got: unknown[]): void {
  const n = degree ? Math.floor(recv.length / degree) : 0;
  got.forEach((piece, j) => {
    const p = piece as TypedArray;
    if (p.length > n) throw new TruncateError(`${op}: in-neighbour ${j} sent ${p.length} elements, but its block of the receive buffer holds ${n}`);
    (recv as any).set(p, j * n);
  });
  landed(recv);
}

/** Places what the neighbours sent; a misfit (truncation, datatype) is reported at the call's line. */
function finishAt(plan: NeighborPlan, got: unknown, op: string, site: CallSite | undefined): unknown {
  try {
    return plan.finish(got as unknown[]);
  } catch (e) {
    throw e instanceof Error ? atCallSite(site, op, e) : e;
  }
}
