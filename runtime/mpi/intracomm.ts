/**
 * `MPI.Intracomm` (what COMM_WORLD is): collectives in mpi4py's two flavours — lower-case for any
 * value, capitalised for typed arrays in place — and communicator creation (Dup, Split).
 * Arguments are checked on the calling rank before any message moves.
 */
import { registerAsyncResult } from '../rank/await-hint.js';
import { captureCallSite } from '../rank/call-site.js';
import type { TypedArray } from '../transport/dtypes.js';
import * as alg from './algorithms.js';
import { intArg, parseArgs } from './args.js';
import { runCollective } from './collective-transport.js';
import { Comm } from './comm.js';
import type { BufferSpec } from './datatypes.js';
import { ArgumentError, BufferError, CountError, RootError } from './errors.js';
import { UNDEFINED } from './matching.js';
import { checkOp, type Op } from './ops.js';

/** `MPI.IN_PLACE`: the receive buffer is also the send buffer. */
export const IN_PLACE = Object.freeze({ toString: () => 'MPI.IN_PLACE' });
export { UNDEFINED };

export class Intracomm extends Comm {
  // ---- lower-case collectives -----------------------------------------------------------------

  /** Resolves once every rank of the communicator has called barrier. `await` it. */
  barrier(): Promise<void> {
    return runCollective(this, { op: 'barrier', text: 'barrier()', site: captureCallSite() }, (seq) => alg.barrier(this, seq));
  }

  /** Every rank gets `root`'s `obj` (default root 0); the others pass anything. `await` it. */
  bcast<T = any>(obj?: T, root?: number): Promise<T>;
  bcast<T = any>(obj: T, options: { root?: number }): Promise<T>;
  bcast(obj?: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('bcast', [obj, ...rest], 1, ['obj', 'root']);
    const root = this.rootArg('bcast', a);
    return runCollective(this, { op: 'bcast', text: `bcast(root=${root})`, site, root }, (seq) => alg.bcast(this, seq, a.obj, root));
  }

  /** `root` passes one item per rank (`size` items); each rank gets its own. `await` it. */
  scatter<T = any>(sendobj?: readonly T[] | null, root?: number): Promise<T>;
  scatter<T = any>(sendobj: readonly T[] | null | undefined, options: { root?: number }): Promise<T>;
  scatter(sendobj?: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('scatter', [sendobj, ...rest], 1, ['sendobj', 'root']);
    const root = this.rootArg('scatter', a);
    const items = this.rank === root ? this.perRankItems('scatter', a.sendobj) : undefined;
    return runCollective(this, { op: 'scatter', text: `scatter(root=${root})`, site, root }, (seq) => alg.scatter(this, seq, items, root));
  }

  /** `root` gets every rank's `sendobj` in rank order; the others get undefined. `await` it. */
  gather<T = any>(sendobj?: T, root?: number): Promise<T[] | undefined>;
  gather<T = any>(sendobj: T, options: { root?: number }): Promise<T[] | undefined>;
  gather(sendobj?: unknown, ...rest: unknown[]): Promise<any[] | undefined> {
    const site = captureCallSite();
    const a = parseArgs('gather', [sendobj, ...rest], 1, ['sendobj', 'root']);
    const root = this.rootArg('gather', a);
    return runCollective(this, { op: 'gather', text: `gather(root=${root})`, site, root }, (seq) => alg.gather(this, seq, a.sendobj, root));
  }

  allgather(sendobj?: unknown): Promise<any[]> {
    return runCollective(this, { op: 'allgather', text: 'allgather()', site: captureCallSite() }, (seq) => alg.allgather(this, seq, sendobj));
  }

  alltoall(sendobj: unknown): Promise<any[]> {
    const site = captureCallSite();
    const items = this.perRankItems('alltoall', sendobj);
    return runCollective(this, { op: 'alltoall', text: 'alltoall()', site }, (seq) => alg.alltoall(this, seq, items));
  }

  /** `root` gets every rank's `sendobj` combined with `op` (default MPI.SUM); the others get undefined. `await` it. */
  reduce<T = any>(sendobj: T, op?: Op, root?: number): Promise<T>;
  reduce<T = any>(sendobj: T, options: { op?: Op; root?: number }): Promise<T>;
  reduce(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('reduce', [sendobj, ...rest], 1, ['sendobj', 'op', 'root']);
    const op = checkOp('reduce', a.op);
    const root = this.rootArg('reduce', a);
    return runCollective(this, { op: 'reduce', text: `reduce(op=${op}, root=${root})`, site, root }, (seq) => alg.reduce(this, seq, a.sendobj, op, root));
  }

  /** Every rank gets every rank's `sendobj` combined with `op` (default MPI.SUM). `await` it. */
  allreduce<T = any>(sendobj: T, op?: Op): Promise<T>;
  allreduce<T = any>(sendobj: T, options: { op?: Op }): Promise<T>;
  allreduce(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('allreduce', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkOp('allreduce', a.op);
    return runCollective(this, { op: 'allreduce', text: `allreduce(op=${op})`, site }, (seq) => alg.allreduce(this, seq, a.sendobj, op));
  }

  scan(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('scan', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkOp('scan', a.op);
    return runCollective(this, { op: 'scan', text: `scan(op=${op})`, site }, (seq) => alg.scan(this, seq, a.sendobj, op));
  }

  exscan(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('exscan', [sendobj, ...rest], 1, ['sendobj', 'op']);
    const op = checkOp('exscan', a.op);
    return runCollective(this, { op: 'exscan', text: `exscan(op=${op})`, site }, (seq) => alg.exscan(this, seq, a.sendobj, op));
  }

  // ---- buffer collectives ---------------------------------------------------------------------

  Barrier(): Promise<void> {
    return runCollective(this, { op: 'Barrier', text: 'Barrier()', site: captureCallSite() }, (seq) => alg.barrier(this, seq));
  }

  async Bcast(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Bcast', [buf, ...rest], 1, ['buf', 'root']);
    const b = this.bufferArg('Bcast', a.buf);
    const root = this.rootArg('Bcast', a);
    const got = await runCollective(this, { op: 'Bcast', text: `Bcast(root=${root})`, site, root, bytes: b.byteLength }, (seq) => alg.bcast(this, seq, b, root));
    if (this.rank !== root) copyInto('Bcast', b, got as TypedArray);
  }

  async Scatter(sendbuf: BufferSpec | null, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Scatter', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const recv = this.bufferArg('Scatter', a.recvbuf);
    const root = this.rootArg('Scatter', a);
    const pieces = this.rank === root ? this.split('Scatter', this.bufferArg('Scatter', a.sendbuf), recv.length) : undefined;
    const got = await runCollective(this, { op: 'Scatter', text: `Scatter(root=${root})`, site, root, bytes: recv.byteLength }, (seq) => alg.scatter(this, seq, pieces, root));
    copyInto('Scatter', recv, got as TypedArray);
  }

  async Gather(sendbuf: BufferSpec, recvbuf: BufferSpec | null, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Gather', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'root']);
    const send = this.bufferArg('Gather', a.sendbuf);
    const root = this.rootArg('Gather', a);
    const recv = this.rank === root ? this.bufferArg('Gather', a.recvbuf) : undefined;
    if (recv) this.split('Gather', recv, send.length);
    const all = await runCollective(this, { op: 'Gather', text: `Gather(root=${root})`, site, root, bytes: send.byteLength }, (seq) => alg.gather(this, seq, send, root));
    if (recv && all) concatInto('Gather', recv, all as TypedArray[]);
  }

  async Allgather(sendbuf: BufferSpec, recvbuf: BufferSpec): Promise<void> {
    const site = captureCallSite();
    const send = this.bufferArg('Allgather', sendbuf);
    const recv = this.bufferArg('Allgather', recvbuf);
    this.split('Allgather', recv, send.length);
    const all = await runCollective(this, { op: 'Allgather', text: 'Allgather()', site, bytes: send.byteLength }, (seq) => alg.allgather(this, seq, send));
    concatInto('Allgather', recv, all as TypedArray[]);
  }

  async Alltoall(sendbuf: BufferSpec, recvbuf: BufferSpec): Promise<void> {
    const site = captureCallSite();
    const send = this.bufferArg('Alltoall', sendbuf);
    const recv = this.bufferArg('Alltoall', recvbuf);
    if (send.length % this.size !== 0) throw new CountError(`Alltoall: the send buffer has ${send.length} elements, not a multiple of the ${this.size} ranks`);
    const pieces = this.split('Alltoall', send, send.length / this.size);
    this.split('Alltoall', recv, send.length / this.size);
    const all = await runCollective(this, { op: 'Alltoall', text: 'Alltoall()', site, bytes: send.byteLength }, (seq) => alg.alltoall(this, seq, pieces));
    concatInto('Alltoall', recv, all as TypedArray[]);
  }

  /** `Alltoallv([sendbuf, counts, displs?], [recvbuf, counts, displs?])` (also `[buf, [counts, displs]]`). */
  async Alltoallv(sendspec: unknown[], recvspec: unknown[]): Promise<void> {
    const site = captureCallSite();
    const send = this.vectorSpec('Alltoallv', sendspec);
    const recv = this.vectorSpec('Alltoallv', recvspec);
    const pieces = send.counts.map((c, i) => send.buf.subarray(send.displs[i], send.displs[i] + c));
    const all = await runCollective(this, { op: 'Alltoallv', text: 'Alltoallv()', site, bytes: send.buf.byteLength }, (seq) => alg.alltoall(this, seq, pieces));
    (all as TypedArray[]).forEach((piece, i) => {
      if (piece.length !== recv.counts[i]) {
        throw new CountError(`Alltoallv: rank ${i} sent ${piece.length} elements, but recvcounts[${i}] is ${recv.counts[i]}`);
      }
      (recv.buf as any).set(piece, recv.displs[i]);
    });
  }

  async Reduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec | null, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Reduce', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op', 'root']);
    const op = checkOp('Reduce', a.op);
    const root = this.rootArg('Reduce', a);
    const recv = this.rank === root ? this.bufferArg('Reduce', a.recvbuf) : undefined;
    const send = a.sendbuf === IN_PLACE && recv ? recv.slice() : this.bufferArg('Reduce', a.sendbuf);
    if (recv && recv.length < send.length) throw new CountError(`Reduce: the receive buffer holds ${recv.length} elements, the send buffer ${send.length}`);
    const total = await runCollective(this, { op: 'Reduce', text: `Reduce(op=${op}, root=${root})`, site, root, bytes: send.byteLength }, (seq) => alg.reduce(this, seq, send, op, root));
    if (recv) copyInto('Reduce', recv, total as TypedArray);
  }

  async Allreduce(sendbuf: BufferSpec | typeof IN_PLACE, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Allreduce', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkOp('Allreduce', a.op);
    const recv = this.bufferArg('Allreduce', a.recvbuf);
    const send = a.sendbuf === IN_PLACE ? recv.slice() : this.bufferArg('Allreduce', a.sendbuf);
    const total = await runCollective(this, { op: 'Allreduce', text: `Allreduce(op=${op})`, site, bytes: send.byteLength }, (seq) => alg.allreduce(this, seq, send, op));
    copyInto('Allreduce', recv, total as TypedArray);
  }

  async Scan(sendbuf: BufferSpec, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Scan', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkOp('Scan', a.op);
    const send = this.bufferArg('Scan', a.sendbuf);
    const recv = this.bufferArg('Scan', a.recvbuf);
    const total = await runCollective(this, { op: 'Scan', text: `Scan(op=${op})`, site, bytes: send.byteLength }, (seq) => alg.scan(this, seq, send, op));
    copyInto('Scan', recv, total as TypedArray);
  }

  async Exscan(sendbuf: BufferSpec, recvbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Exscan', [sendbuf, recvbuf, ...rest], 2, ['sendbuf', 'recvbuf', 'op']);
    const op = checkOp('Exscan', a.op);
    const send = this.bufferArg('Exscan', a.sendbuf);
    const recv = this.bufferArg('Exscan', a.recvbuf);
    const total = await runCollective(this, { op: 'Exscan', text: `Exscan(op=${op})`, site, bytes: send.byteLength }, (seq) => alg.exscan(this, seq, send, op));
    if (total !== undefined) copyInto('Exscan', recv, total as TypedArray);
  }

  // ---- communicators --------------------------------------------------------------------------

  /** A communicator with the same members and its own message space. Collective. */
  async Dup(): Promise<Intracomm> {
    const id = this.nextChildId();
    await runCollective(this, { op: 'Dup', text: 'Dup()', site: captureCallSite() }, (seq) => alg.barrier(this, seq));
    return new Intracomm(this.rt, id, this.group, this.rank);
  }

  /**
   * Splits into one communicator per `color`, ranked by `key` then by old rank. Collective;
   * `MPI.UNDEFINED` as color gives `MPI.COMM_NULL` (null).
   */
  async Split(...args: unknown[]): Promise<Intracomm | null> {
    const site = captureCallSite();
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
    const group = members.map((m) => this.group[m.rank]);
    return new Intracomm(this.rt, `${id}:${color}`, group, members.findIndex((m) => m.rank === this.rank));
  }

  // ---- argument checks ------------------------------------------------------------------------

  private rootArg(op: string, a: Record<string, unknown>): number {
    const root = intArg(op, a, 'root', 0);
    if (root < 0 || root >= this.size) throw new RootError(`${op}: root=${root} is not a rank of this communicator (size ${this.size}: ranks 0..${this.size - 1})`);
    return root;
  }

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

  /** Views of `buf` in `size` consecutive pieces of `n` elements, checking the length. */
  private split(op: string, buf: TypedArray, n: number): TypedArray[] {
    if (buf.length < n * this.size) {
      throw new CountError(`${op}: the buffer has ${buf.length} elements; it needs ${n} per rank × ${this.size} ranks = ${n * this.size}`);
    }
    return Array.from({ length: this.size }, (_, i) => buf.subarray(i * n, (i + 1) * n));
  }

  private vectorSpec(op: string, spec: unknown[]): { buf: TypedArray; counts: number[]; displs: number[] } {
    if (!Array.isArray(spec)) throw new ArgumentError(`${op}: expected [buffer, counts, displs], got ${typeof spec}`);
    const buf = this.bufferArg(op, spec[0]);
    let counts = spec[1] as number[] | [number[], number[]];
    let displs = spec[2] as number[] | undefined;
    if (Array.isArray(counts) && Array.isArray(counts[0])) [counts, displs] = counts as [number[], number[]];
    if (!Array.isArray(counts) || counts.length !== this.size) {
      throw new CountError(`${op}: expected ${this.size} counts (one per rank), got ${Array.isArray(counts) ? counts.length : typeof counts}`);
    }
    const c = counts as number[];
    const d = Array.isArray(displs) ? displs : c.map((_, i) => c.slice(0, i).reduce((s, x) => s + x, 0));
    return { buf, counts: c, displs: d };
  }
}

registerAsyncResult('comm.Split() or comm.Dup()', 'comm.Split(color)', Intracomm.prototype);

function copyInto(op: string, dest: TypedArray, src: TypedArray): void {
  if (src.length > dest.length) throw new BufferError(`${op}: result has ${src.length} elements but the receive buffer holds ${dest.length}`);
  (dest as any).set(src);
}

function concatInto(op: string, dest: TypedArray, parts: TypedArray[]): void {
  let at = 0;
  for (const p of parts) {
    if (at + p.length > dest.length) throw new BufferError(`${op}: the receive buffer (${dest.length} elements) is too small for the data`);
    (dest as any).set(p, at);
    at += p.length;
  }
}

