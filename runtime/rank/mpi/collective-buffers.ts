/**
 * The argument checks and result placement of the buffer collectives, as functions of a
 * communicator: roots, in-place forms, blocks of one-block-per-rank buffers, and copying a
 * collective's result into the caller's receive buffer. The nonblocking collectives use them
 * (nonblocking-collectives.ts) and the blocking forms (intracomm.ts) alike.
 */
import type { CallSite } from '../../contract/trace-events.js';
import { atCallSite } from '../call-site.js';
import { bytesOf, dtypeCode, dtypeName, type TypedArray } from '../transport/dtypes.js';
import { intArg } from './args.js';
import type { Comm } from './comm.js';
import { landed, resolveBuffer, type VectorBuffer } from './datatypes.js';
import { ArgumentError, CountError, DatatypeError, RootError, TruncateError } from './errors.js';
import type { Reducer as Op } from './ops.js';

/** `MPI.IN_PLACE`: the receive buffer is also the send buffer. */
export const IN_PLACE = Object.freeze({ toString: () => 'MPI.IN_PLACE' });

export function rootArg(comm: Comm, op: string, a: Record<string, unknown>): number {
  const root = intArg(op, a, 'root', 0);
  if (root < 0 || root >= comm.size) throw new RootError(`${op}: root=${root} is not a rank of this communicator (size ${comm.size}: ranks 0..${comm.size - 1})`);
  return root;
}

/** A buffer of one block per rank: a count in its specification counts one block's elements. */
export function blockedArg(comm: Comm, op: string, spec: unknown): TypedArray {
  return resolveBuffer(op, spec, comm.size);
}

/** Whether `sendbuf` asks for the in-place form: MPI.IN_PLACE, null (mpi4py's None), or the receive buffer itself. */
export function isInPlace(sendbuf: unknown, recv: TypedArray | undefined): boolean {
  if (sendbuf === IN_PLACE || sendbuf === null || sendbuf === undefined) return true;
  if (!recv) return false;
  const first = Array.isArray(sendbuf) ? sendbuf[0] : sendbuf;
  return ArrayBuffer.isView(first) && first.buffer === recv.buffer && first.byteOffset === recv.byteOffset;
}

/** Whether the receive buffer argument asks to leave the root's own block where it is (Scatter's in-place form). */
export function isInPlaceRecv(recvbuf: unknown): boolean {
  return recvbuf === IN_PLACE || recvbuf === null || recvbuf === undefined;
}

/**
 * The send side of a collective with an in-place form (`blocked`: one block per rank): `fromRecv(recv)` when `sendbuf` asks for
 * it where the receive buffer is in use (`anywhere`: every rank; else only at the root), the
 * send buffer otherwise.
 */
export function sendOrInPlace(comm: Comm, op: string, sendbuf: unknown, recv: TypedArray | undefined, fromRecv: (r: TypedArray) => TypedArray, anywhere = false, blocked = false): TypedArray {
  if (recv && isInPlace(sendbuf, recv)) return fromRecv(recv);
  if (sendbuf === IN_PLACE && !recv) {
    throw new ArgumentError(`${op}: MPI.IN_PLACE is for ${anywhere ? 'the rank with a receive buffer' : 'the root'} only; pass this rank's send buffer`);
  }
  // A buffer of one block per rank (Alltoall's): a count in its specification counts one block.
  return blocked ? blockedArg(comm, op, sendbuf) : comm.bufferArg(op, sendbuf);
}

/** A copy of this rank's block of a buffer of one block per rank. */
export function ownBlock(comm: Comm, recv: TypedArray): TypedArray {
  const n = Math.floor(recv.length / comm.size);
  return recv.slice(comm.rank * n, (comm.rank + 1) * n) as TypedArray;
}

/** Views of `buf` in `size` consecutive pieces of `n` elements, checking the length. */
export function split(comm: Comm, op: string, buf: TypedArray, n: number): TypedArray[] {
  if (buf.length < n * comm.size) {
    throw new CountError(`${op}: the buffer has ${buf.length} elements; it needs ${n} per rank × ${comm.size} ranks = ${n * comm.size}`);
  }
  return Array.from({ length: comm.size }, (_, i) => buf.subarray(i * n, (i + 1) * n));
}

/** `Reduce_scatter`'s recvcounts: one count >= 0 per rank, or none (each rank receives what its buffer holds). */
export function recvCounts(comm: Comm, op: string, counts: unknown): number[] | undefined {
  if (counts === undefined || counts === null) return undefined;
  if (!Array.isArray(counts) || counts.length !== comm.size || !counts.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new CountError(`${op}: recvcounts must be ${comm.size} integers >= 0 (one per rank), got ${JSON.stringify(counts)}`);
  }
  return counts as number[];
}

/**
 * A reduction's send and receive buffers hold one datatype, and (`sameCount`: Reduce, Allreduce,
 * Scan, Exscan) as many elements, as MPI requires and mpi4py checks.
 */
export function checkReduceBuffers(op: string, send: TypedArray, recv: TypedArray | undefined, sameCount = true): void {
  if (!recv) return;
  if (dtypeCode(send) !== dtypeCode(recv)) {
    throw new DatatypeError(`${op}: the send buffer holds ${dtypeName(dtypeCode(send))} elements, the receive buffer ${dtypeName(dtypeCode(recv))}; reduce buffers of one datatype`);
  }
  if (sameCount && send.length !== recv.length) throw new CountError(`${op}: the send buffer holds ${send.length} elements, the receive buffer ${recv.length}; they must hold as many`);
}

/** MPI.BYTE (a Uint8Array) matches any datatype, as raw bytes do in MPI. */
function isByteCode(code: number): boolean {
  return code === 2 || code === 3; // Uint8Array, Uint8ClampedArray
}

/**
 * What arrived (`src`, from `from`) must fit the receive buffer as a receive's message must: a
 * longer one is MPI's truncation error, one of another datatype MPI's type error (copying it
 * element by element would silently convert the values).
 */
function checkArrival(op: string, from: string | undefined, dest: TypedArray, src: TypedArray, exact = false): void {
  const sc = dtypeCode(src), dc = dtypeCode(dest);
  if (src.length > 0 && sc !== dc && !isByteCode(sc) && !isByteCode(dc)) {
    throw new DatatypeError(`${op}: datatype mismatch: ${from ? `${from} sent` : 'the data that arrived is'} ${dtypeName(sc)} elements, the receive buffer is a ${dtypeName(dc)}; use buffers of one datatype on every rank, or MPI.BYTE`);
  }
  if (src.byteLength > dest.byteLength) {
    throw new TruncateError(`${op}: message truncated: ${from ? `${from} sent` : 'the data that arrived is'} ${src.length} elements (${src.byteLength} bytes), the receive buffer holds ${dest.byteLength} bytes; make the buffer larger or the count smaller`);
  }
  if (exact && src.byteLength < dest.byteLength) {
    throw new CountError(`${op}: count mismatch: ${from ? `${from} sent` : 'the root sent'} ${src.byteLength} bytes, this rank's receive buffer takes ${dest.byteLength}; in a collective every rank's count and datatype must match the root's`);
  }
}

/** Copies what arrived into the receive buffer, bytes as they are when one side is MPI.BYTE. */
function land(dest: TypedArray, src: TypedArray, at = 0): void {
  if (dtypeCode(src) === dtypeCode(dest)) (dest as any).set(src, at);
  else bytesOf(dest).set(bytesOf(src), at * dest.BYTES_PER_ELEMENT);
}

/** `exact`: what arrives must fill the buffer (a root's Bcast or Scatter block: the counts must agree). */
export function copyInto(op: string, dest: TypedArray, src: TypedArray, site?: CallSite, exact = false): void {
  try {
    checkArrival(op, undefined, dest, src, exact);
  } catch (e) {
    throw atCallSite(site, op, e as Error);
  }
  land(dest, src);
  landed(dest);
}

/**
 * The reduce-scatter family's result: `all` is every rank's [receive count, send buffer] (an
 * allgather); each rank reduces the buffers in rank order and keeps its own segment in `into`.
 */
export function reduceScatterInto(name: string, rank: number, op: Op, all: [number, TypedArray][], counts: number[] | undefined, into: TypedArray, whole: TypedArray): void {
  const sizes = counts ?? all.map(([n]) => n);
  const total = sizes.reduce((x, y) => x + y, 0);
  const parts = all.map(([, buf], r) => {
    if (buf.length < total) throw new CountError(`${name}: rank ${r}'s send buffer has ${buf.length} elements; the receive counts add up to ${total}`);
    return buf.subarray(0, total) as TypedArray;
  });
  const reduced = parts.reduce((acc, x) => op.apply(acc, x) as TypedArray);
  const from = sizes.slice(0, rank).reduce((x, y) => x + y, 0);
  copyInto(name, into, reduced.subarray(from, from + into.length) as TypedArray);
  landed(whole); // `into` is a part of the receive buffer's view; a packed datatype unpacks the whole
}

/**
 * Receive counts in elements of the view's kind: a packed datatype (a pair type such as
 * MPI.DOUBLE_INT, a derived type) travels as its bytes or base elements, several per MPI element.
 */
export function inElements(op: Op, counts: number[] | undefined, view: TypedArray): number[] | undefined {
  const t = op.datatype;
  if (!counts || !t?.packed) return counts;
  const per = t.size / view.BYTES_PER_ELEMENT;
  return counts.map((c) => c * per);
}

export function concatInto(op: string, dest: TypedArray, parts: TypedArray[], site?: CallSite): void {
  let at = 0;
  parts.forEach((p, i) => {
    try {
      checkArrival(op, `rank ${i}`, dest.subarray(at) as TypedArray, p);
    } catch (e) {
      throw atCallSite(site, op, e as Error);
    }
    land(dest, p, at);
    at += p.byteLength / dest.BYTES_PER_ELEMENT;
  });
  landed(dest);
}

/** The blocks of a vector buffer, as views. */
export function blocksOf(v: VectorBuffer): TypedArray[] {
  return v.counts.map((n, i) => v.buf.subarray(v.displs[i], v.displs[i] + n) as TypedArray);
}

/** Puts rank i's piece into block i of a vector buffer; a piece of another size is MPI's count error. */
export function placeBlocks(op: string, v: VectorBuffer, pieces: TypedArray[], site?: CallSite): void {
  pieces.forEach((piece, i) => {
    const block = v.buf.subarray(v.displs[i], v.displs[i] + v.counts[i]) as TypedArray;
    try {
      checkArrival(op, `rank ${i}`, block, piece);
      if (piece.byteLength !== block.byteLength) throw new CountError(`${op}: rank ${i} sent ${piece.length} elements, but the receive counts say ${v.counts[i]}`);
    } catch (e) {
      throw atCallSite(site, op, e as Error);
    }
    land(v.buf, piece, v.displs[i]);
  });
  landed(v.buf);
}
