/**
 * Wait-state analysis (Scalasca's patterns) over trace events, incrementally: the launcher feeds it
 * each batch as it arrives and asks for a report now and then. It keeps only what is still to be
 * paired — calls not yet ended, messages whose send or receive is still to come, collectives some
 * member has not finished — so a long run costs memory for what is in flight, not for its history.
 * Times are the ranks' own clocks (µs since the epoch): on one machine they agree.
 */
import type { OpStartEvent, TraceEvent } from '../contract/trace-events.js';
import type { WaitStateReport } from '../contract/wait-states.js';
import { CollectiveWaits } from './collective-waits.js';
import { criticalPath } from './critical-path.js';
import { WaitTally } from './wait-tally.js';

/** A point-to-point message's two ends, as far as they are known. */
interface Message {
  send?: { start: OpStartEvent; t1?: number };
  /** The call that completed the receive, when the message was posted for, and when it ended. */
  recv?: { start: OpStartEvent; posted: number; postedBy: number; t1: number };
}

export class WaitStateAnalyzer {
  readonly tally: WaitTally;
  private readonly open = new Map<number, Map<number, OpStartEvent>>();
  /** Per rank: when each nonblocking receive still to be waited for was posted (by its op id). */
  private readonly posted = new Map<number, Map<number, number>>();
  private readonly messages = new Map<string, Message>();
  private readonly collectives: CollectiveWaits;

  /** `keepEdges`: remember what released each wait, to give a final report its critical path. */
  constructor(maxIntervals?: number, keepEdges = false) {
    this.tally = new WaitTally(maxIntervals, keepEdges ? new Map() : undefined);
    this.collectives = new CollectiveWaits(this.tally);
  }

  add(events: readonly TraceEvent[]): void {
    for (const e of events) {
      if (e.kind === 'op-start') this.started(e);
      else this.ended(e.rank, e.id, e.t, e.msg);
    }
  }

  /** `events`: the whole run's, for the critical path (a final report, of an analyzer keeping edges). */
  report(final: boolean, events?: readonly TraceEvent[]): WaitStateReport {
    const r = this.tally.report(final);
    const path = final && events && this.tally.edges ? criticalPath(events, this.tally.edges) : undefined;
    if (path) r.criticalPath = path;
    return r;
  }

  private started(e: OpStartEvent): void {
    perRank(this.open, e.rank).set(e.id, e);
    if (e.posts) perRank(this.posted, e.rank).set(e.id, e.t);
    if (e.msg !== undefined) {
      this.message(e.msg).send = { start: e };
      this.settle(e.msg);
    }
    this.collectives.started(e);
  }

  private ended(rank: number, id: number, t: number, received: string | undefined): void {
    const calls = this.open.get(rank);
    const s = calls?.get(id);
    if (!s) return;
    calls!.delete(id);
    if (s.msg !== undefined) {
      const m = this.messages.get(s.msg);
      if (m?.send) m.send.t1 = t;
      this.settle(s.msg);
    }
    // Only a call that blocked for it can have waited for a message.
    if (received !== undefined && s.wait) {
      const postedId = s.wait.type === 'recv' ? s.wait.posted : undefined;
      const postedAt = postedId === undefined ? undefined : this.posted.get(rank)?.get(postedId);
      if (postedId !== undefined) this.posted.get(rank)?.delete(postedId);
      const byIrecv = postedAt !== undefined;
      this.message(received).recv = { start: s, posted: byIrecv ? postedAt : s.t, postedBy: byIrecv ? postedId! : s.id, t1: t };
      this.settle(received);
    }
    if (s.collSeq !== undefined) this.collectives.ended(s, t);
    if (s.wait?.type === 'lock') this.tally.add(s, 'lock-contention', s.t, t);
    else if (s.wait?.type === 'object' && s.wait.op === 'get') this.tally.add(s, 'queue-starvation', s.t, t);
  }

  private message(id: string): Message {
    let m = this.messages.get(id);
    if (!m) this.messages.set(id, (m = {}));
    return m;
  }

  /** Judges a message once its receive ended and its send started (and, if it blocked, ended). */
  private settle(id: string): void {
    const m = this.messages.get(id);
    const { send, recv } = m ?? {};
    if (!send || !recv) return;
    const blockingSend = send.start.wait?.type === 'send';
    if (blockingSend && send.t1 === undefined) return;
    this.messages.delete(id);
    const sent = { rank: send.start.rank, op: send.start.id, t: send.start.t };
    if (send.start.t > recv.start.t) this.tally.add(recv.start, 'late-sender', recv.start.t, Math.min(send.start.t, recv.t1), sent);
    const posted = { rank: recv.start.rank, op: recv.postedBy, t: recv.posted };
    if (blockingSend && recv.posted > send.start.t) this.tally.add(send.start, 'late-receiver', send.start.t, Math.min(recv.posted, send.t1!), posted);
  }
}

/** The whole report of a run already over (a trace file or a run's record read back). */
export function waitStatesOf(events: readonly TraceEvent[]): WaitStateReport {
  const a = new WaitStateAnalyzer(undefined, true);
  a.add(events);
  return a.report(true, events);
}

function perRank<T>(maps: Map<number, Map<number, T>>, rank: number): Map<number, T> {
  let m = maps.get(rank);
  if (!m) maps.set(rank, (m = new Map()));
  return m;
}
