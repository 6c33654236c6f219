/**
 * The messages of neighbour collectives (MPI_Neighbor_*): one message per edge of the process
 * topology, each traced as its own send and receive, so the sequence diagram draws a halo
 * exchange as arrows between neighbours (a plain collective is drawn as one box across ranks).
 *
 * Matching: every message travels on a context of its own per edge key (`<comm>/n<key>`, apart
 * from user messages and other collectives), tagged with the collective's number. The trace says
 * so too (the send's `ctx`, the receive's posted wait), so the deadlock detector never takes a
 * neighbour message in flight for one a user's recv(ANY_SOURCE, ANY_TAG) could get; the events
 * still name the communicator, so the diagram draws each message as an arrow on it. The key tells apart several edges between the
 * same two ranks: on a periodic Cartesian dimension of size 2 both neighbours are one rank, and
 * the block sent "up" must land in the receiver's "from below" block (the Cartesian slots pair
 * 2d with 2d+1); in a graph the k-th edge a→b meets the k-th edge b←a.
 */
import { bytesOf, dtypeCode, isTypedArray, typedArrayCopy } from '../transport/dtypes.js';
import { Encoding } from '../transport/frames.js';
import { decodeClone } from '../transport/scalar-clone.js';
import type { CallSite, RecvWait } from '../../contract/trace-events.js';
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
 * Posts the receives of neighbour collective number `seq`, one per in-neighbour, each traced as a
 * receive that stays posted until its message is in (as an `irecv`), so the deadlock detector
 * knows which neighbours a waiting rank still needs. `waits` says so for the collective's wait.
 * `receiving` resolves with what arrived, with a hole where the in-neighbour is PROC_NULL
 * (nothing received: `forEach` skips it, so receive buffers keep that block as it was).
 */
export function postReceives(comm: Comm, edges: Edges, op: string, seq: number, site: CallSite | undefined): { receiving: Promise<unknown[]>; waits: RecvWait[] } {
  const got: unknown[] = new Array(edges.sources.length);
  const waits: RecvWait[] = [];
  const pending = edges.sources.map(async (src, j) => {
    if (src === PROC_NULL) return;
    const key = edges.inKeys[j];
    const tracer = comm.rt.tracer;
    // The detector matches this wait in the neighbour context only: no user message releases it.
    const posts: RecvWait = { type: 'recv', comm: context(comm, key), source: comm.members[src], tag: key, group: [...comm.members] };
    const id = tracer.start({ op, text: `${op}: from neighbour ${src}`, comm: comm.id, peer: comm.members[src], tag: key, posts, site });
    waits.push({ ...posts, posted: id });
    const r = await comm.rt.engine.receive(context(comm, key), src, seq & 0x7fffffff).done;
    const msg = `${r.env.worldSource}.${r.env.seq}`;
    tracer.recvMatched(id, msg);
    tracer.end(id, { peer: r.env.worldSource, tag: key, bytes: r.env.size, msg });
    got[j] = r.env.encoding === Encoding.Bytes ? typedArrayCopy(r.env.dtype, r.payload) : decodeClone(r.payload);
  });
  return { receiving: Promise.all(pending).then(() => got), waits };
}

/** Sends `pieces[j]` to out-neighbour j (none to PROC_NULL), each traced as a send. */
export async function sendAll(comm: Comm, edges: Edges, op: string, seq: number, pieces: readonly unknown[], site: CallSite | undefined): Promise<void> {
  await Promise.all(edges.destinations.map((dst, j) => (dst === PROC_NULL ? Promise.resolve() : sendOne(comm, op, seq, dst, edges.outKeys[j], pieces[j], site))));
}

async function sendOne(comm: Comm, op: string, seq: number, dest: number, key: number, value: unknown, site: CallSite | undefined): Promise<void> {
  const engine = comm.rt.engine;
  const packed = isTypedArray(value)
    ? { encoding: Encoding.Bytes, dtype: dtypeCode(value), bytes: bytesOf(value) }
    : comm.pack(op, value);
  const msgSeq = engine.allocateSeq();
  const worldDest = comm.members[dest];
  const tracer = comm.rt.tracer;
  const id = tracer.start({
    op, text: `${op}: to neighbour ${dest}`, comm: comm.id, ctx: context(comm, key), peer: worldDest, tag: key,
    bytes: packed.bytes.byteLength, msg: `${comm.rt.env.rank}.${msgSeq}`, site,
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
