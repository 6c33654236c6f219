/**
 * The messages of neighbour collectives (MPI_Neighbor_*): one message per edge of the process
 * topology, each traced as its own send and receive, so the sequence diagram draws a halo
 * exchange as arrows between neighbours (a plain collective is drawn as one box across ranks).
 *
 * Matching: every message travels on the communicator's collective traffic, numbered by the
 * collective (the tag), on a context per edge key. The key tells apart several edges between the
 * same two ranks: on a periodic Cartesian dimension of size 2 both neighbours are one rank, and
 * the block sent "up" must land in the receiver's "from below" block (the Cartesian slots pair
 * 2d with 2d+1); in a graph the k-th edge a→b meets the k-th edge b←a.
 */
import { bytesOf, dtypeCode, isTypedArray, typedArrayCopy } from '../transport/dtypes.js';
import { Encoding } from '../transport/frames.js';
import { decodeClone } from '../transport/scalar-clone.js';
import type { Comm } from './comm.js';
import { PROC_NULL } from './matching.js';

/** A topology's edges as neighbour collectives use them (MPI's neighbour order). */
export interface Edges {
  /** In-neighbours (ranks received from), in order; PROC_NULL where there is none. */
  sources: readonly number[];
  /** Out-neighbours (ranks sent to), in order. */
  destinations: readonly number[];
  /** The key the message of each in-edge carries. */
  inKeys: readonly number[];
  /** The key each out-edge's message carries. */
  outKeys: readonly number[];
}

/** Graph keys: the k-th occurrence of a rank in a neighbour list gets key k. */
export function occurrenceKeys(ranks: readonly number[]): number[] {
  const seen = new Map<number, number>();
  return ranks.map((r) => {
    const k = seen.get(r) ?? 0;
    seen.set(r, k + 1);
    return k;
  });
}

function context(comm: Comm, key: number): string {
  return `${comm.id}/n${key}`;
}

/**
 * Sends `pieces[j]` to out-neighbour j and receives one value from each in-neighbour, in
 * collective number `seq`. The result has a hole where the in-neighbour is PROC_NULL (nothing
 * received: `forEach` skips it, so receive buffers keep that block as it was).
 */
export async function exchange(comm: Comm, edges: Edges, op: string, seq: number, pieces: readonly unknown[]): Promise<unknown[]> {
  const got: unknown[] = new Array(edges.sources.length);
  const recvs = edges.sources.map(async (src, j) => {
    if (src !== PROC_NULL) got[j] = await receiveOne(comm, op, seq, src, edges.inKeys[j]);
  });
  const sends = edges.destinations.map((dst, j) => (dst === PROC_NULL ? undefined : sendOne(comm, op, seq, dst, edges.outKeys[j], pieces[j])));
  await Promise.all([...sends, ...recvs]);
  return got;
}

async function sendOne(comm: Comm, op: string, seq: number, dest: number, key: number, value: unknown): Promise<void> {
  const engine = comm.rt.engine;
  const packed = isTypedArray(value)
    ? { encoding: Encoding.Bytes, dtype: dtypeCode(value), bytes: bytesOf(value) }
    : comm.pack(op, value);
  const msgSeq = engine.allocateSeq();
  const worldDest = comm.members[dest];
  const tracer = comm.rt.tracer;
  const id = tracer.start({
    op, text: `${op}: to neighbour ${dest}`, comm: comm.id, peer: worldDest, tag: key,
    bytes: packed.bytes.byteLength, msg: `${comm.rt.env.rank}.${msgSeq}`,
  });
  try {
    await engine.send({
      context: context(comm, key), source: comm.rank, tag: seq & 0x7fffffff, worldDest,
      encoding: packed.encoding, dtype: packed.dtype, payload: packed.bytes, sync: false, seq: msgSeq,
    });
  } finally {
    tracer.end(id);
  }
}

async function receiveOne(comm: Comm, op: string, seq: number, source: number, key: number): Promise<unknown> {
  const tracer = comm.rt.tracer;
  const id = tracer.start({ op, text: `${op}: from neighbour ${source}`, comm: comm.id, peer: comm.members[source], tag: key });
  const r = await comm.rt.engine.receive(context(comm, key), source, seq & 0x7fffffff).done;
  tracer.end(id, { peer: r.env.worldSource, tag: key, bytes: r.env.size, msg: `${r.env.worldSource}.${r.env.seq}` });
  return r.env.encoding === Encoding.Bytes ? typedArrayCopy(r.env.dtype, r.payload) : decodeClone(r.payload);
}
