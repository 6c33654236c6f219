/**
 * `MPI.Intracomm` (what COMM_WORLD is): collectives in mpi4py's two flavours — lower-case for any
 * value, capitalised for typed arrays in place — and communicator creation (Dup, Split).
 * Arguments are checked on the calling rank before any message moves.
 */
import { registerAsyncResult, registerNullable } from '../await-hint.js';
import { captureCallSite } from '../call-site.js';
import type { TypedArray } from '../transport/dtypes.js';
import * as alg from './algorithms.js';
import { intArg, parseArgs } from './args.js';
import {
  blockedArg, blocksOf, checkReduceBuffers, concatInto, copyInto, IN_PLACE, inElements, isInPlace, ownBlock, placeBlocks, reduceScatterInto, rootArg, sendOrInPlace, split,
} from './collective-buffers.js';
import { reductionSig, runCollective } from './collective-transport.js';
import { resolveW } from './alltoallw.js';
import { Comm } from './comm.js';
import * as cc from './comm-create.js';
import type { Group } from './group.js';
import type { Info } from './info.js';
import type { RankRuntime } from '../runtime.js';
import { resolveVector, type BufferSpec } from './datatypes.js';
import type { CallSite } from '../../contract/trace-events.js';
import { ArgumentError, CountError } from './errors.js';
import { UNDEFINED } from './matching.js';
import * as nbc from './nonblocking-collectives.js';
import { checkBufferOp, checkObjectOp, type Op, type Reducer } from './ops.js';
import type {
  CreateFromGroupOptions, CreateGroupOptions, OpOptions, ReduceOptions, ReduceScatterOpOptions, ReduceScatterOptions, RootOptions, SplitOptions, SplitTypeOptions,
} from './options.js';
import type { Request } from './request.js';

export { IN_PLACE };
export { UNDEFINED };

export class Intracomm extends Comm {
  // ---- lower-case collectives -----------------------------------------------------------------

  /** Resolves once every rank of the communicator has called barrier. `await` it. */
  async barrier(): Promise<void> {
    return runCollective(this, { op: 'barrier', text: 'barrier()', site: captureCallSite(Intracomm.prototype.barrier) }, (seq) => alg.barrier(this, seq));
  }

  /** Every rank gets `root`'s `obj` (default root 0); the others pass anything. `await` it. */
  bcast<T = any>(obj?: T, root?: number): Promise<T>;
  bcast<T = any>(obj: T, options: RootOptions): Promise<T>;
  async bcast(obj?: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.bcast);
    const a = parseArgs('bcast', [obj, ...rest], 1, ['obj', 'root']);
    const root = rootArg(this, 'bcast', a);
    return runCollective(this, { op: 'bcast', text: `bcast(root=${root})`, site, root }, (seq) => alg.bcast(this, seq, a.obj, root));
  }

  /** `root` passes one item per rank (`size` items); each rank gets its own. `await` it. */
  scatter<T = any>(sendobj?: readonly T[] | null, root?: number): Promise<T>;
  scatter<T = any>(sendobj: readonly T[] | null | undefined, options: RootOptions): Promise<T>;
  async scatter(sendobj?: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.scatter);
    const a = parseArgs('scatter', [sendobj, ...rest], 1, ['sendobj', 'root']);
    const root = rootArg(this, 'scatter', a);
    const items = this.rank === root ? this.perRankItems('scatter', a.sendobj) : undefined;
    return runCollective(this, { op: 'scatter', text: `scatter(root=${root})`, site, root }, (seq) => alg.scatter(this, seq, items, root));
  }

  /** `root` gets every rank's `sendobj` in rank order; the others get undefined. `await` it. */
  gather<T = any>(sendobj?: T, root?: number): Promise<T[] | undefined>;
  gather<T = any>(sendobj: T, options: RootOptions): Promise<T[] | undefined>;
  async gather(sendobj?: unknown, ...rest: unknown[]): Promise<any[] | undefined> {
    const site = captureCallSite(Intracomm.prototype.gather);
    const a = parseArgs('gather', [sendobj, ...rest], 1, ['sendobj', 'root']);
    const root = rootArg(this, 'gather', a);
    return runCollective(this, { op: 'gather', text: `gather(root=${root})`, site, root }, (seq) => alg.gather(this, seq, a.sendobj, root));
  }

  /** `allgather(sendobj)`: every rank gets the array of every rank's object, in rank order. */
  allgather<T = any>(sendobj?: T): Promise<T[]>;
  async allgather(sendobj?: unknown): Promise<unknown[]> {
    return runCollective(this, { op: 'allgather', text: 'allgather()', site: captureCallSite(Intracomm.prototype.allgather) }, (seq) => alg.allgather(this, seq, sendobj));
  }

  /** `alltoall(sendobj)`: `sendobj` has one item per rank; rank r gets the array of every rank's item r. */
  alltoall<T = any>(sendobj: readonly T[]): Promise<T[]>;
  async alltoall(sendobj: unknown): Promise<unknown[]> {
    const site = captureCallSite(Intracomm.prototype.alltoall);
    const items = this.perRankItems('alltoall', sendobj);
    return runCollective(this, { op: 'alltoall', text: 'alltoall()', site }, (seq) => alg.alltoall(this, seq, items));
  }

  /** `root` gets every rank's `sendobj` combined with `op` (default MPI.SUM); the others get undefined. `await` it. */
  reduce<T = any>(sendobj: T, op?: Op, root?: number): Promise<T>;
  reduce<T = any>(sendobj: T, options: ReduceOptions): Promise<T>;
  async reduce(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.reduce);
    const a = parseArgs('reduce', [sendobj, ...rest], 1, ['sendobj', 'op', 'root']);
    const op = checkObjectOp('reduce', a.op);
    const root = rootArg(this, 'reduce', a);
    return runCollective(this, { op: 'reduce', text: `reduce(op=${op}, root=${root})`, site, root, sig: String(op) }, (seq) => alg.reduce(this, seq, a.sendobj, op, root));
  }

  /** Every rank gets every rank's `sendobj` combined with `op` (default MPI.SUM). `await` it. */
  allreduce<T = any>(sendobj: T, op?: Op): Promise<T>;
  allreduce<T = any>(sendobj: T, options: OpOptions): Promise<T>;
  async allreduce(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.allreduce);
    const a = parseArgs('allreduce', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkObjectOp('allreduce', a.op);
    return runCollective(this, { op: 'allreduce', text: `allreduce(op=${op})`, site, sig: String(op) }, (seq) => alg.allreduce(this, seq, a.sendobj, op));
  }

  /** `scan(sendobj, op=SUM)`: rank r gets the reduction of ranks 0..r's objects. */
  scan<T = any>(sendobj: T, op?: Op): Promise<T>;
  scan<T = any>(sendobj: T, options: OpOptions): Promise<T>;
  async scan(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.scan);
    const a = parseArgs('scan', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkObjectOp('scan', a.op);
    return runCollective(this, { op: 'scan', text: `scan(op=${op})`, site, sig: String(op) }, (seq) => alg.scan(this, seq, a.sendobj, op));
  }

  /** `exscan(sendobj, op=SUM)`: rank r gets the reduction of ranks 0..r-1 (rank 0 gets `undefined`). */
  exscan<T = any>(sendobj: T, op?: Op): Promise<T>;
  exscan<T = any>(sendobj: T, options: OpOptions): Promise<T>;
  async exscan(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite(Intracomm.prototype.exscan);
    const a = parseArgs('exscan', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkObjectOp('exscan', a.op);
    return runCollective(this, { op: 'exscan', text: `exscan(op=${op})`, site, sig: String(op) }, (seq) => alg.exscan(this, seq, a.sendobj, op));
  }

  // ---- buffer collectives ---------------------------------------------------------------------

  /** `Barrier()`: resolves once every rank of the communicator has called it. */
  async Barrier(): Promise<void> {
    return runCollective(this, { op: 'Barrier', text: 'Barrier()', site: captureCallSite(Intracomm.prototype.Barrier) }, (seq) => alg.barrier(this, seq));
  }

  /** `Bcast(buf, root=0)`: the root's elements of `buf` are copied into every rank's `buf` (count and type must agree). */
  Bcast(buf: BufferSpec, root?: number): Promise<void>;
  Bcast(buf: BufferSpec, options: RootOptions): Promise<void>;
  async Bcast(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Bcast);
    const a = parseArgs('Bcast', [buf, ...rest], 1, ['buf', 'root']);
    const b = this.bufferArg('Bcast', a.buf);
    const root = rootArg(this, 'Bcast', a);
    const got = await runCollective(this, { op: 'Bcast', text: `Bcast(root=${root})`, site, root, bytes: b.byteLength }, (seq) => alg.bcast(this, seq, b, root));
    if (this.rank !== root) copyInto('Bcast', b, got as TypedArray, site, true);
  }

  /**
   * `Scatter(sendbuf, recvbuf, root=0)`: the root's `sendbuf` holds one block per rank. At the
   * root, `recvbuf` MPI.IN_PLACE (or null) leaves the root's own block where it is.
   */
  Scatter(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec | typeof IN_PLACE | null, root?: number): Promise<void>;
  Scatter(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec | typeof IN_PLACE | null, options: RootOptions): Promise<void>;
  async Scatter(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | typeof IN_PLACE, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Scatter);
    const a = parseArgs('Scatter', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const root = rootArg(this, 'Scatter', a);
    const isRoot = this.rank === root;
    const send = isRoot ? blockedArg(this, 'Scatter', a.sendbuf) : undefined;
    const recv = isRoot && (a.recvbuf === IN_PLACE || a.recvbuf === null || a.recvbuf === undefined) ? undefined : this.bufferArg('Scatter', a.recvbuf);
    // The root's blocks are as its send buffer says when it holds a whole number of them (its sendcount).
    const n = send && send.length % this.size === 0 ? send.length / this.size : recv ? recv.length : Math.floor(send!.length / this.size);
    const pieces = send ? split(this, 'Scatter', send, n) : undefined;
    const got = await runCollective(this, { op: 'Scatter', text: `Scatter(root=${root})`, site, root, bytes: n * (recv ?? send!).BYTES_PER_ELEMENT }, (seq) => alg.scatter(this, seq, pieces, root));
    if (recv) copyInto('Scatter', recv, got as TypedArray, site, true);
  }

  /**
   * `Gather(sendbuf, recvbuf, root=0)`: the root's `recvbuf` receives one block per rank. At the
   * root, `sendbuf` MPI.IN_PLACE (or null, or the receive buffer itself) takes the root's block
   * from where it already is in `recvbuf`.
   */
  Gather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, root?: number): Promise<void>;
  Gather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, options: RootOptions): Promise<void>;
  async Gather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Gather);
    const a = parseArgs('Gather', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const root = rootArg(this, 'Gather', a);
    const recv = this.rank === root ? blockedArg(this, 'Gather', a.recvbuf) : undefined;
    const send = sendOrInPlace(this, 'Gather', a.sendbuf, recv, (r) => ownBlock(this, r));
    if (recv) split(this, 'Gather', recv, send.length);
    const all = await runCollective(this, { op: 'Gather', text: `Gather(root=${root})`, site, root, bytes: send.byteLength }, (seq) => alg.gather(this, seq, send, root));
    if (recv && all) concatInto('Gather', recv, all as TypedArray[], site);
  }

  /** `Allgather(sendbuf, recvbuf)`; `sendbuf` MPI.IN_PLACE (or null) takes this rank's block from `recvbuf`. */
  async Allgather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Allgather);
    const recv = blockedArg(this, 'Allgather', recvbuf);
    const send = sendOrInPlace(this, 'Allgather', sendbuf, recv, (r) => ownBlock(this, r));
    split(this, 'Allgather', recv, send.length);
    const all = await runCollective(this, { op: 'Allgather', text: 'Allgather()', site, bytes: send.byteLength }, (seq) => alg.allgather(this, seq, send));
    concatInto('Allgather', recv, all as TypedArray[], site);
  }

  /** `Alltoall(sendbuf, recvbuf)`: block i of `sendbuf` goes to rank i; MPI.IN_PLACE (or null) sends from `recvbuf`. */
  async Alltoall(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Alltoall);
    const recv = blockedArg(this, 'Alltoall', recvbuf);
    const send = sendOrInPlace(this, 'Alltoall', sendbuf, recv, (r) => r.slice() as TypedArray, true, true);
    if (send.length % this.size !== 0) throw new CountError(`Alltoall: the send buffer has ${send.length} elements, not a multiple of the ${this.size} ranks`);
    const pieces = split(this, 'Alltoall', send, send.length / this.size);
    split(this, 'Alltoall', recv, send.length / this.size);
    const all = await runCollective(this, { op: 'Alltoall', text: 'Alltoall()', site, bytes: send.byteLength }, (seq) => alg.alltoall(this, seq, pieces));
    concatInto('Alltoall', recv, all as TypedArray[], site);
  }

  /**
   * `Scatterv(sendbuf, recvbuf, root=0)`: the root's vector `sendbuf` (`[buf, counts, displs,
   * type]` and mpi4py's other forms) gives rank i its block i. MPI.IN_PLACE (or null) as the root's
   * `recvbuf` leaves its own block where it is.
   */
  Scatterv(sendbuf: unknown, recvbuf: unknown, root?: number): Promise<void>;
  Scatterv(sendbuf: unknown, recvbuf: unknown, options: RootOptions): Promise<void>;
  async Scatterv(sendbuf: unknown, recvbuf: unknown, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Scatterv);
    const a = parseArgs('Scatterv', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const root = rootArg(this, 'Scatterv', a);
    const isRoot = this.rank === root;
    const send = isRoot ? resolveVector('Scatterv', a.sendbuf, this.size) : undefined;
    const recv = isRoot && (a.recvbuf === IN_PLACE || a.recvbuf === null || a.recvbuf === undefined) ? undefined : this.bufferArg('Scatterv', a.recvbuf);
    const pieces = send && blocksOf(send);
    const got = await runCollective(this, { op: 'Scatterv', text: `Scatterv(root=${root})`, site, root, bytes: recv?.byteLength }, (seq) => alg.scatter(this, seq, pieces, root));
    if (recv) copyInto('Scatterv', recv, got as TypedArray, site);
  }

  /**
   * `Gatherv(sendbuf, recvbuf, root=0)`: rank i's `sendbuf` lands in block i of the root's vector
   * `recvbuf`. At the root, `sendbuf` MPI.IN_PLACE (or null) leaves its block where it is.
   */
  Gatherv(sendbuf: unknown, recvbuf: unknown, root?: number): Promise<void>;
  Gatherv(sendbuf: unknown, recvbuf: unknown, options: RootOptions): Promise<void>;
  async Gatherv(sendbuf: unknown, recvbuf: unknown, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Gatherv);
    const a = parseArgs('Gatherv', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const root = rootArg(this, 'Gatherv', a);
    const recv = this.rank === root ? resolveVector('Gatherv', a.recvbuf, this.size) : undefined;
    const send = recv && isInPlace(a.sendbuf, undefined) ? blocksOf(recv)[this.rank].slice() as TypedArray : this.bufferArg('Gatherv', a.sendbuf);
    const all = await runCollective(this, { op: 'Gatherv', text: `Gatherv(root=${root})`, site, root, bytes: send.byteLength }, (seq) => alg.gather(this, seq, send, root));
    if (recv && all) placeBlocks('Gatherv', recv, all as TypedArray[], site);
  }

  /** `Allgatherv(sendbuf, recvbuf)`: rank i's `sendbuf` lands in block i of every vector `recvbuf`; MPI.IN_PLACE (or null) sends this rank's block. */
  async Allgatherv(sendbuf: unknown, recvbuf: unknown): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Allgatherv);
    const recv = resolveVector('Allgatherv', recvbuf, this.size);
    const send = isInPlace(sendbuf, undefined) ? blocksOf(recv)[this.rank].slice() as TypedArray : this.bufferArg('Allgatherv', sendbuf);
    const all = await runCollective(this, { op: 'Allgatherv', text: 'Allgatherv()', site, bytes: send.byteLength }, (seq) => alg.allgather(this, seq, send));
    placeBlocks('Allgatherv', recv, all as TypedArray[], site);
  }

  /**
   * `Alltoallv(sendbuf, recvbuf)`: block i of this rank's vector `sendbuf` lands in block
   * `rank` of rank i's vector `recvbuf` (`[buf, counts, displs, type]`, `[buf, [counts, displs]]`,
   * …). MPI.IN_PLACE (or null) sends from `recvbuf`'s blocks.
   */
  async Alltoallv(sendbuf: unknown, recvbuf: unknown): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Alltoallv);
    const recv = resolveVector('Alltoallv', recvbuf, this.size);
    const pieces = isInPlace(sendbuf, undefined) ? blocksOf(recv).map((b) => b.slice() as TypedArray) : blocksOf(resolveVector('Alltoallv', sendbuf, this.size));
    const bytes = pieces.reduce((n, p) => n + p.byteLength, 0);
    const all = await runCollective(this, { op: 'Alltoallv', text: 'Alltoallv()', site, bytes }, (seq) => alg.alltoall(this, seq, pieces));
    placeBlocks('Alltoallv', recv, all as TypedArray[], site);
  }

  /**
   * `Alltoallw(sendbuf, recvbuf)`: Alltoallv with one datatype per rank and byte displacements
   * (`[buf, [counts, displs], datatypes]`; `buf` may be MPI.BOTTOM). MPI.IN_PLACE sends from `recvbuf`.
   */
  async Alltoallw(sendbuf: unknown, recvbuf: unknown): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Alltoallw);
    const recv = resolveW('Alltoallw', recvbuf, this.size);
    const pieces = sendbuf === IN_PLACE || sendbuf === null ? recv.packAll() : resolveW('Alltoallw', sendbuf, this.size).packAll();
    const bytes = pieces.reduce((n, p) => n + p.byteLength, 0);
    const all = await runCollective(this, { op: 'Alltoallw', text: 'Alltoallw()', site, bytes }, (seq) => alg.alltoall(this, seq, pieces));
    recv.land(all as TypedArray[]);
  }

  /**
   * `Reduce(sendbuf, recvbuf, op=SUM, root=0)`: element-wise over the ranks into the root's
   * `recvbuf`. At the root, `sendbuf` MPI.IN_PLACE (or null, or `recvbuf` itself) reduces what
   * `recvbuf` holds. Other ranks' `recvbuf` is not used.
   */
  Reduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, op?: Op, root?: number): Promise<void>;
  Reduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, options: ReduceOptions): Promise<void>;
  Reduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, op: Op, options: Omit<ReduceOptions, 'op'>): Promise<void>;
  async Reduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Reduce);
    const a = parseArgs('Reduce', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op', 'root']);
    const op = checkBufferOp('Reduce', a.op, a.sendbuf, a.recvbuf);
    const root = rootArg(this, 'Reduce', a);
    const recv = this.rank === root ? this.bufferArg('Reduce', a.recvbuf) : undefined;
    const send = sendOrInPlace(this, 'Reduce', a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
    checkReduceBuffers('Reduce', send, recv);
    const total = await runCollective(this, { op: 'Reduce', text: `Reduce(op=${op}, root=${root})`, site, root, bytes: send.byteLength, sig: reductionSig(op, send) }, (seq) => alg.reduce(this, seq, send, op, root));
    if (recv) copyInto('Reduce', recv, total as TypedArray, site);
  }

  /** `Allreduce(sendbuf, recvbuf, op=SUM)`; `sendbuf` MPI.IN_PLACE (or null, or `recvbuf`) reduces `recvbuf` in place. */
  Allreduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, op?: Op): Promise<void>;
  Allreduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, options: OpOptions): Promise<void>;
  async Allreduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Allreduce);
    const a = parseArgs('Allreduce', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkBufferOp('Allreduce', a.op, a.sendbuf, a.recvbuf);
    const recv = this.bufferArg('Allreduce', a.recvbuf);
    const send = sendOrInPlace(this, 'Allreduce', a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
    checkReduceBuffers('Allreduce', send, recv);
    const total = await runCollective(this, { op: 'Allreduce', text: `Allreduce(op=${op})`, site, bytes: send.byteLength, sig: reductionSig(op, send) }, (seq) => alg.allreduce(this, seq, send, op));
    copyInto('Allreduce', recv, total as TypedArray, site);
  }

  /** `Scan(sendbuf, recvbuf, op=SUM)`: ranks 0..r reduced into rank r's `recvbuf`; MPI.IN_PLACE as for Allreduce. */
  Scan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, op?: Op): Promise<void>;
  Scan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, options: OpOptions): Promise<void>;
  async Scan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Scan);
    const a = parseArgs('Scan', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkBufferOp('Scan', a.op, a.sendbuf, a.recvbuf);
    const recv = this.bufferArg('Scan', a.recvbuf);
    const send = sendOrInPlace(this, 'Scan', a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
    checkReduceBuffers('Scan', send, recv);
    const total = await runCollective(this, { op: 'Scan', text: `Scan(op=${op})`, site, bytes: send.byteLength, sig: reductionSig(op, send) }, (seq) => alg.scan(this, seq, send, op));
    copyInto('Scan', recv, total as TypedArray, site);
  }

  /** `Exscan(sendbuf, recvbuf, op=SUM)`: ranks 0..r-1 reduced into rank r's `recvbuf` (rank 0's is left as it is). */
  Exscan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, op?: Op): Promise<void>;
  Exscan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, options: OpOptions): Promise<void>;
  async Exscan(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Exscan);
    const a = parseArgs('Exscan', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkBufferOp('Exscan', a.op, a.sendbuf, a.recvbuf);
    const recv = this.bufferArg('Exscan', a.recvbuf);
    const send = sendOrInPlace(this, 'Exscan', a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
    checkReduceBuffers('Exscan', send, recv);
    const total = await runCollective(this, { op: 'Exscan', text: `Exscan(op=${op})`, site, bytes: send.byteLength, sig: reductionSig(op, send) }, (seq) => alg.exscan(this, seq, send, op));
    if (total !== undefined) copyInto('Exscan', recv, total as TypedArray, site);
  }

  /**
   * `Reduce_scatter_block(sendbuf, recvbuf, op=SUM)`: the send buffers (one block of
   * `recvbuf`'s length per rank) reduced element-wise; rank i receives block i. With `sendbuf`
   * MPI.IN_PLACE (or null, or `recvbuf`) the input is `recvbuf` (all blocks) and the result lands
   * in its first block.
   */
  Reduce_scatter_block(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, op?: Op): Promise<void>;
  Reduce_scatter_block(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, options: OpOptions): Promise<void>;
  async Reduce_scatter_block(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Reduce_scatter_block);
    const a = parseArgs('Reduce_scatter_block', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkBufferOp('Reduce_scatter_block', a.op, a.sendbuf, a.recvbuf);
    const recv = this.bufferArg('Reduce_scatter_block', a.recvbuf);
    const inplace = isInPlace(a.sendbuf, recv);
    const send = inplace ? (recv.slice() as TypedArray) : this.bufferArg('Reduce_scatter_block', a.sendbuf);
    const n = inplace ? Math.floor(recv.length / this.size) : recv.length;
    checkReduceBuffers('Reduce_scatter_block', send, recv, false);
    split(this, 'Reduce_scatter_block', send, n);
    const counts = Array<number>(this.size).fill(n);
    await this.reduceScatter('Reduce_scatter_block', site, op, send, counts, recv.subarray(0, n) as TypedArray, recv);
  }

  /**
   * `Reduce_scatter(sendbuf, recvbuf, recvcounts=None, op=SUM)`: the send buffers reduced
   * element-wise; rank i receives `recvcounts[i]` elements, after those of ranks before it.
   * Without `recvcounts`, each rank receives as many as its `recvbuf` holds. With `sendbuf`
   * MPI.IN_PLACE (or null, or `recvbuf`) the input is `recvbuf` and the result lands at its start.
   */
  Reduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, recvcounts?: readonly number[] | null, op?: Op): Promise<void>;
  Reduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, options: ReduceScatterOptions): Promise<void>;
  Reduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, recvcounts: readonly number[] | null | undefined, options: ReduceScatterOpOptions): Promise<void>;
  async Reduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Intracomm.prototype.Reduce_scatter);
    const a = parseArgs('Reduce_scatter', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'recvcounts', 'op']);
    const op = checkBufferOp('Reduce_scatter', a.op, a.sendbuf, a.recvbuf);
    const recv = this.bufferArg('Reduce_scatter', a.recvbuf);
    const inplace = isInPlace(a.sendbuf, recv);
    const send = inplace ? (recv.slice() as TypedArray) : this.bufferArg('Reduce_scatter', a.sendbuf);
    let counts: number[] | undefined;
    if (a.recvcounts !== undefined && a.recvcounts !== null) {
      if (!Array.isArray(a.recvcounts) || a.recvcounts.length !== this.size || !a.recvcounts.every((c) => Number.isInteger(c) && c >= 0)) {
        throw new CountError(`Reduce_scatter: recvcounts must be ${this.size} integers >= 0 (one per rank), got ${JSON.stringify(a.recvcounts)}`);
      }
      counts = inElements(op, a.recvcounts as number[], recv);
    } else if (inplace) {
      throw new CountError('Reduce_scatter: with MPI.IN_PLACE, pass recvcounts (how many elements each rank receives)');
    }
    const mine = counts ? counts[this.rank] : recv.length;
    if (recv.length < mine) throw new CountError(`Reduce_scatter: recvcounts[${this.rank}] is ${mine}, but the receive buffer holds ${recv.length}`);
    checkReduceBuffers('Reduce_scatter', send, recv, false);
    if (counts && !inplace && send.length !== counts.reduce((x, y) => x + y, 0)) {
      throw new CountError(`Reduce_scatter: the send buffer holds ${send.length} elements, but the receive counts add up to ${counts.reduce((x, y) => x + y, 0)}`);
    }
    await this.reduceScatter('Reduce_scatter', site, op, send, counts, recv.subarray(0, mine) as TypedArray, recv);
  }

  /**
   * The reduce-scatter family in one collective: every rank's send buffer and receive count go to
   * every rank (allgather), and each reduces them, in rank order, and keeps its own segment.
   */
  private async reduceScatter(name: string, site: CallSite | undefined, op: Reducer, send: TypedArray, counts: number[] | undefined, into: TypedArray, whole: TypedArray): Promise<void> {
    const all = (await runCollective(this, { op: name, text: `${name}(op=${op})`, site, bytes: send.byteLength, sig: String(op) }, (seq) =>
      alg.allgather(this, seq, [into.length, send]))) as [number, TypedArray][];
    reduceScatterInto(name, this.rank, op, all, counts, into, whole);
  }

  // ---- nonblocking collectives (nonblocking-collectives.ts) ------------------------------------
  // Each returns an MPI.Request at once (no `await`): `await req.Wait()` (or Request.Waitall, Test,
  // …) completes it. Blocking and nonblocking collectives share one order: every rank calls them in
  // the same sequence. Receive buffers hold the result once the request has completed.

  /** Nonblocking Barrier (MPI_Ibarrier): the request completes once every rank has called it. */
  Ibarrier(): Request {
    return nbc.Ibarrier(this, captureCallSite(Intracomm.prototype.Ibarrier));
  }

  /** Nonblocking `Bcast(buf, root=0)`: every rank's `buf` gets the root's. */
  Ibcast(buf: BufferSpec, root?: number): Request;
  Ibcast(buf: BufferSpec, options: RootOptions): Request;
  Ibcast(...args: unknown[]): Request {
    return nbc.Ibcast(this, captureCallSite(Intracomm.prototype.Ibcast), args);
  }

  /** Nonblocking `Gather(sendbuf, recvbuf, root=0)`; at the root, `sendbuf` MPI.IN_PLACE (or null) keeps its block where it is. */
  Igather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, root?: number): Request;
  Igather(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, options: RootOptions): Request;
  Igather(...args: unknown[]): Request {
    return nbc.Igather(this, captureCallSite(Intracomm.prototype.Igather), args);
  }

  /** Nonblocking `Gatherv(sendbuf, recvbuf, root=0)`: the root's `recvbuf` is a vector buffer (`[buf, counts, displs, type]`, …). */
  Igatherv(sendbuf: unknown, recvbuf: unknown, root?: number): Request;
  Igatherv(sendbuf: unknown, recvbuf: unknown, options: RootOptions): Request;
  Igatherv(...args: unknown[]): Request {
    return nbc.Igatherv(this, captureCallSite(Intracomm.prototype.Igatherv), args);
  }

  /** Nonblocking `Scatter(sendbuf, recvbuf, root=0)`; at the root, `recvbuf` MPI.IN_PLACE (or null) leaves its block where it is. */
  Iscatter(sendbuf: BufferSpec | null, recvbuf: BufferSpec | typeof IN_PLACE, root?: number): Request;
  Iscatter(sendbuf: BufferSpec | null, recvbuf: BufferSpec | typeof IN_PLACE, options: RootOptions): Request;
  Iscatter(...args: unknown[]): Request {
    return nbc.Iscatter(this, captureCallSite(Intracomm.prototype.Iscatter), args);
  }

  /** Nonblocking `Scatterv(sendbuf, recvbuf, root=0)`: the root's `sendbuf` is a vector buffer. */
  Iscatterv(sendbuf: unknown, recvbuf: unknown, root?: number): Request;
  Iscatterv(sendbuf: unknown, recvbuf: unknown, options: RootOptions): Request;
  Iscatterv(...args: unknown[]): Request {
    return nbc.Iscatterv(this, captureCallSite(Intracomm.prototype.Iscatterv), args);
  }

  /** Nonblocking `Allgather(sendbuf, recvbuf)`; `sendbuf` MPI.IN_PLACE (or null) takes this rank's block from `recvbuf`. */
  Iallgather(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec): Request {
    return nbc.Iallgather(this, captureCallSite(Intracomm.prototype.Iallgather), [sendbuf, recvbuf]);
  }

  /** Nonblocking `Allgatherv(sendbuf, recvbuf)`: `recvbuf` is a vector buffer. */
  Iallgatherv(sendbuf: unknown, recvbuf: unknown): Request {
    return nbc.Iallgatherv(this, captureCallSite(Intracomm.prototype.Iallgatherv), [sendbuf, recvbuf]);
  }

  /** Nonblocking `Alltoall(sendbuf, recvbuf)`; MPI.IN_PLACE (or null) sends from `recvbuf`. */
  Ialltoall(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec): Request {
    return nbc.Ialltoall(this, captureCallSite(Intracomm.prototype.Ialltoall), [sendbuf, recvbuf]);
  }

  /** Nonblocking `Alltoallv(sendbuf, recvbuf)`: both vector buffers; MPI.IN_PLACE (or null) sends from `recvbuf`. */
  Ialltoallv(sendbuf: unknown, recvbuf: unknown): Request {
    return nbc.Ialltoallv(this, captureCallSite(Intracomm.prototype.Ialltoallv), [sendbuf, recvbuf]);
  }

  /** Nonblocking `Alltoallw(sendbuf, recvbuf)`: a datatype per rank and byte displacements; MPI.IN_PLACE sends from `recvbuf`. */
  Ialltoallw(sendbuf: unknown, recvbuf: unknown): Request {
    return nbc.Ialltoallw(this, captureCallSite(Intracomm.prototype.Ialltoallw), [sendbuf, recvbuf]);
  }

  /** Nonblocking `Reduce(sendbuf, recvbuf, op=SUM, root=0)`; at the root, `sendbuf` MPI.IN_PLACE (or null) reduces `recvbuf`. */
  Ireduce(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec | null, op?: Op, root?: number): Request;
  Ireduce(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec | null, options: ReduceOptions): Request;
  Ireduce(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec | null, op: Op, options: RootOptions): Request;
  Ireduce(...args: unknown[]): Request {
    return nbc.Ireduce(this, captureCallSite(Intracomm.prototype.Ireduce), args);
  }

  /** Nonblocking `Allreduce(sendbuf, recvbuf, op=SUM)`; `sendbuf` MPI.IN_PLACE (or null) reduces `recvbuf` in place. */
  Iallreduce(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, op?: Op): Request;
  Iallreduce(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, options: OpOptions): Request;
  Iallreduce(...args: unknown[]): Request {
    return nbc.Iallreduce(this, captureCallSite(Intracomm.prototype.Iallreduce), args);
  }

  /** Nonblocking `Scan(sendbuf, recvbuf, op=SUM)`: ranks 0..r reduced into rank r's `recvbuf`. */
  Iscan(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, op?: Op): Request;
  Iscan(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, options: OpOptions): Request;
  Iscan(...args: unknown[]): Request {
    return nbc.Iscan(this, captureCallSite(Intracomm.prototype.Iscan), args);
  }

  /** Nonblocking `Exscan(sendbuf, recvbuf, op=SUM)`: ranks 0..r-1 reduced into rank r's `recvbuf` (rank 0's left as it is). */
  Iexscan(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, op?: Op): Request;
  Iexscan(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, options: OpOptions): Request;
  Iexscan(...args: unknown[]): Request {
    return nbc.Iexscan(this, captureCallSite(Intracomm.prototype.Iexscan), args);
  }

  /** Nonblocking `Reduce_scatter_block(sendbuf, recvbuf, op=SUM)`: rank i receives block i of the reduction. */
  Ireduce_scatter_block(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, op?: Op): Request;
  Ireduce_scatter_block(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, options: OpOptions): Request;
  Ireduce_scatter_block(...args: unknown[]): Request {
    return nbc.Ireduce_scatter_block(this, captureCallSite(Intracomm.prototype.Ireduce_scatter_block), args);
  }

  /** Nonblocking `Reduce_scatter(sendbuf, recvbuf, recvcounts=None, op=SUM)`: rank i receives `recvcounts[i]` elements of the reduction. */
  Ireduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, recvcounts?: number[] | null, op?: Op): Request;
  Ireduce_scatter(sendbuf: BufferSpec | typeof IN_PLACE | null, recvbuf: BufferSpec, options: ReduceScatterOptions): Request;
  Ireduce_scatter(...args: unknown[]): Request {
    return nbc.Ireduce_scatter(this, captureCallSite(Intracomm.prototype.Ireduce_scatter), args);
  }

  // ---- communicators --------------------------------------------------------------------------

  /**
   * A communicator with the same members and its own message space. It keeps this one's hints
   * (`Get_info`), or takes `info`'s when given (MPI_Comm_dup_with_info). Collective.
   */
  async Dup(info?: Info | null): Promise<Intracomm> {
    const hints = info === undefined || info === null ? this.Get_info() : cc.dupInfo('Dup', info);
    const id = this.nextChildId();
    await runCollective(this, { op: 'Dup', text: 'Dup()', site: captureCallSite(Intracomm.prototype.Dup) }, (seq) => alg.barrier(this, seq));
    return cc.withInfo(new Intracomm(this.rt, id, this.members, this.rank), hints);
  }

  /** `Dup(info)`, as MPI_Comm_dup_with_info. Collective. */
  async Dup_with_info(info: Info): Promise<Intracomm> {
    cc.dupInfo('Dup_with_info', info); // a bad info is an error of the call the program made
    return this.Dup(info);
  }

  /** The same as `Dup()` (mpi4py's generic copy). Collective. */
  Clone(): Promise<Intracomm> {
    return this.Dup();
  }

  /**
   * Nonblocking Dup: `[newcomm, request]`, as mpi4py's. Use `newcomm` once `request` completed
   * (`await request.Wait()`); every member must call Idup in the same order as its other collectives.
   */
  Idup(info?: Info | null): [Intracomm, Request] {
    const hints = info === undefined || info === null ? this.Get_info() : cc.dupInfo('Idup', info);
    const comm = cc.withInfo(new Intracomm(this.rt, this.nextChildId(), this.members, this.rank), hints);
    return [comm, nbc.Inamed(this, captureCallSite(Intracomm.prototype.Idup), 'Idup')];
  }

  /** `Idup(info)`, as MPI_Comm_idup_with_info. */
  Idup_with_info(info: Info): [Intracomm, Request] {
    return this.Idup(info);
  }

  /**
   * The communicator of `group`'s processes (a subgroup of this one's, e.g. `comm.Get_group().Incl([0, 1])`),
   * ranked in the group's order. Every member of this communicator calls it with the same group;
   * those outside the group get MPI.COMM_NULL (null). Collective.
   */
  Create(group: Group): Promise<Intracomm | null> {
    return cc.create(this, captureCallSite(Intracomm.prototype.Create), [group], this.maker());
  }

  /**
   * `Create_group(group, tag=0)`: like `Create`, but only `group`'s members call it (the others
   * need not). Collective over the group.
   */
  Create_group(group: Group, tag?: number): Promise<Intracomm>;
  Create_group(group: Group, options: CreateGroupOptions): Promise<Intracomm>;
  Create_group(...args: unknown[]): Promise<Intracomm> {
    return cc.createGroup(this, captureCallSite(Intracomm.prototype.Create_group), args, this.maker());
  }

  /**
   * `MPI.Intracomm.Create_from_group(group, stringtag='org.mpi4py', info, errhandler)`: the
   * communicator of `group`'s processes, made by them alone with no parent communicator (MPI 4).
   * The members pass the same `stringtag`. Collective over the group.
   */
  static Create_from_group(group: Group, stringtag?: string, info?: Info | null): Promise<Intracomm>;
  static Create_from_group(group: Group, options: CreateFromGroupOptions): Promise<Intracomm>;
  static Create_from_group(...args: unknown[]): Promise<Intracomm> {
    const rt = Intracomm.runtime;
    if (!rt) return Promise.reject(new Error('Create_from_group: the MPI runtime is not started'));
    return cc.createFromGroup(rt.env.rank, captureCallSite(Intracomm.Create_from_group), args, (id, members, rank) => new Intracomm(rt, id, members, rank));
  }
  /** @internal The process's runtime, for communicators made without a parent (set by the API module). */
  static runtime: RankRuntime | undefined;

  /**
   * `Split_type(split_type, key=0, info=INFO_NULL)`: MPI.COMM_TYPE_SHARED gives the communicator
   * of the ranks on this host (ordered by `key`, then rank); MPI.UNDEFINED gives MPI.COMM_NULL
   * (null), as do hardware types the runtime does not know (only a host's shared memory). Collective.
   */
  Split_type(split_type: number, key?: number, info?: Info | null): Promise<Intracomm | null>;
  Split_type(split_type: number, options: SplitTypeOptions): Promise<Intracomm | null>;
  Split_type(...args: unknown[]): Promise<Intracomm | null> {
    return cc.splitType(this, captureCallSite(Intracomm.prototype.Split_type), args, this.maker());
  }

  private maker(): cc.MakeComm<Intracomm> {
    return (id, members, rank) => new Intracomm(this.rt, id, members, rank);
  }

  /**
   * Splits into one communicator per `color`, ranked by `key` then by old rank. Collective;
   * `MPI.UNDEFINED` as color gives `MPI.COMM_NULL` (null).
   */
  Split(color?: number, key?: number): Promise<Intracomm | null>;
  Split(options: SplitOptions): Promise<Intracomm | null>;
  Split(color: number, options: Omit<SplitOptions, 'color'>): Promise<Intracomm | null>;
  async Split(...args: unknown[]): Promise<Intracomm | null> {
    const site = captureCallSite(Intracomm.prototype.Split);
    const a = parseArgs('Split', args, 0, ['color', 'key']);
    const color = intArg('Split', a, 'color', UNDEFINED);
    const key = intArg('Split', a, 'key', 0);
    const id = this.nextChildId();
    const all = (await runCollective(this, { op: 'Split', text: `Split(color=${color}, key=${key})`, site }, (seq) =>
      alg.allgather(this, seq, [color, key]))) as [number, number][];
    if (color === UNDEFINED) return null;
    const members = all
      .map(([c, k], rank) => ({ c, k, rank }))
      .filter((m) => m.c === color)
      .sort((x, y) => x.k - y.k || x.rank - y.rank);
    const group = members.map((m) => this.members[m.rank]);
    return new Intracomm(this.rt, `${id}:${color}`, group, members.findIndex((m) => m.rank === this.rank));
  }

  // ---- argument checks ------------------------------------------------------------------------

  /** The one-item-per-rank array that scatter and alltoall take. */
  private perRankItems(op: string, x: unknown): unknown[] {
    if (x === undefined || x === null || typeof (x as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof x === 'string') {
      throw new ArgumentError(`${op}: expected an array with one item per rank (${this.size} items), got ${x === null ? 'null' : typeof x}`);
    }
    const items = Array.from(x as Iterable<unknown>);
    if (items.length !== this.size) {
      throw new CountError(`${op}: expected ${this.size} items (one per rank), got ${items.length}`);
    }
    return items;
  }

}

registerAsyncResult('comm.Split() or comm.Dup()', 'comm.Split(color)', Intracomm.prototype);
registerNullable('this is a call on MPI.COMM_NULL (null): the communicator a rank outside it gets from Split(MPI.UNDEFINED), Create, Create_cart or Create_group; check `comm !== MPI.COMM_NULL` before using it, or pass a communicator this rank belongs to', Intracomm.prototype);
