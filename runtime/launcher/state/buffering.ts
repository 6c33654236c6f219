/**
 * Potential deadlocks (MUST's term): a run that ended well only because standard sends were
 * buffered. MPI lets `send`/`Send` return before the receive is posted (small messages, under the
 * eager limit) or wait for it (large ones, or another MPI): a program whose ranks all send first
 * and receive second works in one case and hangs in the other. The course material's lesson.
 *
 * The launcher records, per rank and in program order (op ids), each point-to-point send and
 * where the receive that took its message was posted. After a run, `replayUnbuffered` plays the
 * ranks again on paper as if no send were buffered (each blocking send waits until its receive
 * is posted; each blocking receive until its send is reached; each collective until every
 * member has reached it), with the matching the run had. Ranks left stuck in a cycle are a
 * deadlock that the run's buffering hid. Waits, and collectives not every member was heard in,
 * are left out: they only add waits, so nothing reported here is a false alarm for the matching
 * the run had (wildcard receives, which could have matched otherwise, are not held to it).
 */
import type { OpStartEvent } from '../../contract/trace-events.js';

/** Sends that wait for their receive when nothing is buffered (MPI's standard, synchronous and ready modes). */
const BLOCKING_SENDS = new Set(['send', 'Send', 'ssend', 'Ssend', 'rsend', 'Rsend']);
/** Past this many recorded calls the replay is skipped (its memory would grow with the run). */
const RECORD_LIMIT = 200_000;

interface P2PCall {
  /** The rank's op id: program order within the rank. */
  id: number;
  /** A send (`start` is its event), the post of the receive that took `msg`, or a collective (`msg`: its key). */
  kind: 'send' | 'post' | 'coll';
  msg: string;
  /** Whether the call waits for its partner when nothing is buffered. */
  blocking: boolean;
  /** A post of a wildcard receive (any source or tag): another message could have matched it. */
  wildcard?: boolean;
  /** A post of a receive from MPI.ANY_SOURCE (`--explore` counts these per rank). */
  anySource?: boolean;
  /** A collective's number of members: it completes once they have all reached it. */
  members?: number;
  /** A send's or collective's start event; a wildcard receive's, when it is known. */
  start?: OpStartEvent;
}

/** A message of the run: its send, and the receive that took it (if one did), each with its rank. */
export interface MessagePair {
  send: { rank: number; call: OpStartEvent };
  post?: { rank: number; id: number; wildcard: boolean; anySource: boolean; call?: OpStartEvent };
}

/** How a receive was a wildcard: from any source (else any tag only), and its start when known. */
export interface Wildcard {
  anySource: boolean;
  start?: OpStartEvent;
}

/** One member of a potential deadlock: the call a rank would be stuck in, and for whom it waits. */
export interface StuckCall {
  rank: number;
  call: OpStartEvent | undefined;
  waitsFor: number;
}

export class SendOrder {
  private readonly calls = new Map<number, P2PCall[]>();
  private recorded = 0;

  /** A call that sends a message has begun (its event names the message). */
  send(e: OpStartEvent): void {
    if (e.msg && !e.ctx) this.add(e.rank, { id: e.id, kind: 'send', msg: e.msg, blocking: BLOCKING_SENDS.has(e.op), start: e });
  }

  /**
   * Rank `rank`'s call `id` took message `msg`: `blocking` when the call itself waited for it (a
   * `recv`), not when a nonblocking receive posted earlier matched it (`irecv`, told as matched);
   * `wildcard` when it took any source or any tag.
   */
  posted(rank: number, id: number, msg: string, blocking: boolean, wild?: Wildcard): void {
    this.add(rank, { id, kind: 'post', msg, blocking: blocking && !wild, wildcard: wild !== undefined, anySource: wild?.anySource, start: wild?.start });
  }

  /** Which of rank `rank`'s receives from any source its call `id` was (0-based, program order). */
  anySourceIndex(rank: number, id: number): number {
    return (this.calls.get(rank) ?? []).filter((c) => c.kind === 'post' && c.anySource && c.id < id).length;
  }

  /** Every message recorded, with the receive that took it; none when the run recorded too many calls. */
  messages(): MessagePair[] {
    if (this.recorded > RECORD_LIMIT) return [];
    const pairs = new Map<string, MessagePair>();
    const posts: [number, P2PCall][] = [];
    for (const [rank, list] of this.calls) {
      for (const c of list) {
        if (c.kind === 'send') pairs.set(c.msg, { send: { rank, call: c.start! } });
        else if (c.kind === 'post') posts.push([rank, c]);
      }
    }
    for (const [rank, c] of posts) {
      const pair = pairs.get(c.msg);
      if (pair) pair.post = { rank, id: c.id, wildcard: c.wildcard === true, anySource: c.anySource === true, call: c.start };
    }
    return [...pairs.values()];
  }

  /** A rank entered collective `key` (`<comm>#<seq>`) of `members` ranks; `blocking` unless nonblocking (Ibarrier). */
  collective(e: OpStartEvent, key: string, members: number): void {
    this.add(e.rank, { id: e.id, kind: 'coll', msg: key, blocking: e.wait !== undefined, members, start: e });
  }

  private add(rank: number, call: P2PCall): void {
    if (++this.recorded > RECORD_LIMIT) return this.calls.clear();
    const list = this.calls.get(rank) ?? [];
    list.push(call);
    this.calls.set(rank, list);
  }

  /** The ranks stuck in a cycle when no send is buffered, or undefined (none, or too many calls to say). */
  replayUnbuffered(): StuckCall[] | undefined {
    if (this.recorded > RECORD_LIMIT) return undefined;
    const ops = new Map([...this.calls].map(([r, list]) => [r, [...list].sort((a, b) => a.id - b.id || (a.kind === 'send' ? -1 : 1))]));
    const sends = new Map<string, At>();
    const posts = new Map<string, At>();
    const colls = new Map<string, At[]>();
    // Sends a wildcard receive took are never held: without buffering, an earlier wildcard
    // receive could have taken them, and the replay must not invent a wait the run need not have.
    const free = new Set<string>();
    for (const [r, list] of ops) {
      list.forEach((c, i) => {
        if (c.kind === 'coll') colls.set(c.msg, [...(colls.get(c.msg) ?? []), [r, i]]);
        else (c.kind === 'send' ? sends : posts).set(c.msg, [r, i]);
        if (c.wildcard) free.add(c.msg);
      });
    }
    const next = new Map([...ops.keys()].map((r) => [r, 0]));
    const reached = (at: At | undefined): boolean => !at || next.get(at[0])! >= at[1];
    // A send completes once its receive is posted; a receive once its send is reached; a
    // collective once every member has reached it (one whose members were not all heard of passes).
    const released = (c: P2PCall): boolean => {
      if (c.kind === 'send') return free.has(c.msg) || reached(posts.get(c.msg));
      if (c.kind === 'post') return reached(sends.get(c.msg));
      const at = colls.get(c.msg)!;
      return at.length < c.members! || at.every(reached);
    };
    for (let moved = true; moved; ) {
      moved = false;
      for (const [r, list] of ops) {
        for (let i = next.get(r)!; i < list.length && (!list[i].blocking || released(list[i])); i++) {
          next.set(r, i + 1);
          moved = true;
        }
      }
    }
    const stuck = new Map<number, StuckCall>();
    for (const [r, list] of ops) {
      const c = list[next.get(r)!];
      if (!c) continue;
      const partner = c.kind === 'coll' ? colls.get(c.msg)!.find((at) => !reached(at))! : (c.kind === 'send' ? posts : sends).get(c.msg)!;
      stuck.set(r, { rank: r, call: c.start, waitsFor: partner[0] });
    }
    return cycleOf(stuck);
  }
}

/** Where a call is: its rank, and its place in that rank's calls. */
type At = [rank: number, index: number];

/** A cycle of stuck ranks each waiting for the next, or undefined. */
function cycleOf(stuck: Map<number, StuckCall>): StuckCall[] | undefined {
  for (const start of stuck.keys()) {
    const path: number[] = [];
    for (let r: number | undefined = start; r !== undefined && stuck.has(r); r = stuck.get(r)!.waitsFor) {
      const seen = path.indexOf(r);
      if (seen >= 0) return fromLowest(path.slice(seen)).map((x) => stuck.get(x)!);
      path.push(r);
    }
  }
  return undefined;
}

/** The cycle's ranks starting from the lowest, so a report reads the same whichever rank was heard first. */
function fromLowest(cycle: number[]): number[] {
  const at = cycle.indexOf(Math.min(...cycle));
  return [...cycle.slice(at), ...cycle.slice(0, at)];
}
