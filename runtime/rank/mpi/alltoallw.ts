/**
 * `Alltoallw(sendbuf, recvbuf)`: Alltoallv with a datatype per peer and displacements in bytes.
 * mpi4py's forms: `[buf, [counts, displs], datatypes]` or `[buf, counts, displs, datatypes]`, where
 * `buf` may be `MPI.BOTTOM` (the datatypes then carry addresses); MPI.IN_PLACE as `sendbuf` sends
 * from `recvbuf`. Each block is packed through its datatype's type map, so any datatype works.
 */
import { bytesOf, isTypedArray, type TypedArray } from '../transport/dtypes.js';
import { ABSOLUTE, BOTTOM, memoryOf } from './addresses.js';
import { Datatype } from './datatype.js';
import { BufferError, CountError, DatatypeError, TruncateError } from './errors.js';
import { pack, span, unpack, type Memory } from './typemap.js';

/** One side of an Alltoallw: each peer's block, packed or unpacked in place. */
export interface WBuffer {
  /** The bytes of each peer's block, packed (what is sent). */
  packAll(): Uint8Array[];
  /** Unpacks each peer's received bytes into its block. */
  land(pieces: TypedArray[]): void;
  bytes: number;
}

export function resolveW(op: string, spec: unknown, peers: number): WBuffer {
  if (!Array.isArray(spec) || spec.length < 2 || spec.length > 4 || (spec.length === 3 && (!Array.isArray(spec[1]) || spec[1].length !== 2))) {
    throw new BufferError(`${op}: a buffer is [buf, [counts, displs], datatypes], [buf, counts, displs, datatypes] (displacements in bytes, one datatype per rank) or [buf, datatypes]`);
  }
  const [buf, counts, displs, types] = spec.length === 2 ? [spec[0], null, null, spec[1]] : spec.length === 3 ? [spec[0], ...(spec[1] as unknown[]), spec[2]] : spec;
  if (buf === BOTTOM && (counts === null || counts === undefined)) throw new CountError(`${op}: with MPI.BOTTOM give the counts`);
  if (buf === BOTTOM && (displs === null || displs === undefined)) throw new CountError(`${op}: with MPI.BOTTOM give the displacements (addresses)`);
  const mem = memoryFor(op, buf);
  // Neither counts nor displacements (mpi4py's None): one element from the start for each rank.
  const defaults = (counts === null || counts === undefined) && (displs === null || displs === undefined);
  const c = defaults ? Array<number>(peers).fill(1) : perPeer(op, 'counts', counts, peers);
  const d = defaults ? Array<number>(peers).fill(0) : perPeer(op, 'displacements', displs, peers);
  const t = Array.isArray(types) ? types : Array(peers).fill(types);
  if (t.length !== peers) throw new CountError(`${op}: expected ${peers} datatypes (one per rank), got ${t.length}`);
  t.forEach((x, i) => {
    if (!(x instanceof Datatype)) throw new DatatypeError(`${op}: datatype ${i} is ${String(x)}; give MPI datatypes (MPI.INT, or ones built and committed)`);
    x.checkLive(op, true);
    const [first, end] = span(d[i], c[i], x.map);
    if (buf !== BOTTOM && isTypedArray(buf) && (first < 0 || end > buf.byteLength)) {
      throw new BufferError(`${op}: block ${i} (${c[i]} × ${x.name} from byte ${d[i]}) runs past the buffer's ${buf.byteLength} bytes`);
    }
  });
  const dts = t as Datatype[];
  return {
    bytes: dts.reduce((n, x, i) => n + x.size * c[i], 0),
    packAll: () => dts.map((x, i) => pack(mem, d[i], c[i], x.map)),
    land: (pieces) => pieces.forEach((p, i) => {
      const room = dts[i].size * c[i];
      if (p.byteLength > room) throw new TruncateError(`${op}: rank ${i} sent ${p.byteLength} bytes, but block ${i} of the receive buffer holds ${room}`);
      unpack(bytesOf(p), mem, d[i], c[i], dts[i].map);
    }),
  };
}

function memoryFor(op: string, buf: unknown): Memory {
  if (buf === BOTTOM) return ABSOLUTE;
  if (buf === null || buf === undefined) return { bytes: () => { throw new BufferError(`${op}: the buffer is null but a block is not empty`); } };
  if (!isTypedArray(buf)) throw new BufferError(`${op}: expected a typed array or MPI.BOTTOM as the buffer`);
  return memoryOf(buf);
}

function perPeer(op: string, what: string, x: unknown, peers: number): number[] {
  const xs = Array.isArray(x) ? x : Array(peers).fill(x);
  if (xs.length !== peers || xs.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
    throw new CountError(`${op}: expected ${peers} ${what} (integers >= 0, one per rank), got ${JSON.stringify(x)}`);
  }
  return xs as number[];
}
