/**
 * MPI message matching for one rank: arrived-but-unreceived envelopes (the unexpected queue) and
 * posted receives, both in order. A receive takes the oldest matching envelope; an arriving
 * envelope goes to the oldest matching posted receive. With one ordered connection per sender,
 * this is MPI's non-overtaking rule per (communicator, source, tag).
 */
import type { Encoding } from '../transport/frames.js';

export const ANY_SOURCE = -1;
export const ANY_TAG = -1;
/** `MPI.PROC_NULL`: a peer that is no one; a send to it or a receive from it completes at once (see comm.ts). */
export const PROC_NULL = -2;
/**
 * `MPI.UNDEFINED`: a Split color for ranks that join no new communicator, and the index waitany and
 * testany return when no request is active. Here (not in intracomm.ts) so request.ts can use it
 * without an import cycle.
 */
export const UNDEFINED = -32766;

/** A message as the receiver first sees it: whole (eager) or announced (rendezvous). */
export interface Envelope {
  /** Communicator context id (user and collective traffic use different contexts). */
  context: string;
  /** Sender's rank in the communicator. */
  source: number;
  tag: number;
  worldSource: number;
  seq: number;
  encoding: Encoding;
  dtype: number;
  size: number;
  /** Present for eager messages; rendezvous payloads arrive after the receiver's Cts. */
  payload: Uint8Array | undefined;
  /** Rendezvous (large or synchronous): the sender waits for our Cts. */
  rendezvous: boolean;
}

interface Pattern {
  context: string;
  source: number;
  tag: number;
}

/** A posted receive: its pattern, and what runs with the envelope it matches. */
export interface Posted extends Pattern {
  deliver(env: Envelope): void;
}

interface Prober extends Pattern {
  notify: (env: Envelope) => void;
  /** A matched probe (mprobe): the envelope it is notified of leaves the queue for it alone. */
  claims?: boolean;
}

function matches(p: Pattern, e: Envelope): boolean {
  return p.context === e.context && (p.source === ANY_SOURCE || p.source === e.source) && (p.tag === ANY_TAG || p.tag === e.tag);
}

/** Removes and returns the first (oldest) item that `accepts`; undefined when none does. */
function takeOldest<T>(items: T[], accepts: (item: T) => boolean): T | undefined {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!accepts(item)) continue;
    items.splice(i, 1);
    return item;
  }
  return undefined;
}

export class MatchingQueues {
  private unexpected: Envelope[] = [];
  private posted: Posted[] = [];
  private probers: Prober[] = [];

  /** An envelope arrived from the network. */
  arrive(env: Envelope): void {
    const p = takeOldest(this.posted, (q) => matches(q, env));
    if (p) {
      p.deliver(env);
      return;
    }
    this.unexpected.push(env);
    if (this.probers.length > 0) {
      const waiting = this.probers;
      this.probers = [];
      let claimed = false;
      for (const p of waiting) {
        if (!matches(p, env) || (p.claims && claimed)) {
          this.probers.push(p);
          continue;
        }
        if (p.claims) {
          claimed = true;
          this.unexpected.splice(this.unexpected.indexOf(env), 1);
        }
        p.notify(env);
      }
    }
  }

  /** Posts a receive: it is delivered the oldest matching envelope, now or when one arrives. */
  post(posted: Posted): void {
    const env = takeOldest(this.unexpected, (e) => matches(posted, e));
    if (env) posted.deliver(env);
    else this.posted.push(posted);
  }

  /** Withdraws a posted receive that has not matched yet; false if it already matched. */
  cancel(posted: Posted): boolean {
    const i = this.posted.indexOf(posted);
    if (i < 0) return false;
    this.posted.splice(i, 1);
    return true;
  }

  /** The oldest matching envelope not yet received, without receiving it. */
  peek(context: string, source: number, tag: number): Envelope | undefined {
    return this.unexpected.find((e) => matches({ context, source, tag }, e));
  }

  /** Removes and returns the oldest matching envelope not yet received (a matched probe, improbe). */
  take(context: string, source: number, tag: number): Envelope | undefined {
    return takeOldest(this.unexpected, (e) => matches({ context, source, tag }, e));
  }

  /** Resolves with the oldest matching envelope, taken out of the queue for the caller alone (mprobe). */
  claim(context: string, source: number, tag: number): Promise<Envelope> {
    const now = this.take(context, source, tag);
    if (now) return Promise.resolve(now);
    return new Promise((notify) => this.probers.push({ context, source, tag, notify, claims: true }));
  }

  /** Resolves with the first matching envelope to be (or already) waiting in the unexpected queue. */
  probe(context: string, source: number, tag: number): Promise<Envelope> {
    const now = this.peek(context, source, tag);
    if (now) return Promise.resolve(now);
    return new Promise((notify) => this.probers.push({ context, source, tag, notify }));
  }
}
