/**
 * The per-rank trace buffer. Events are batched (a flush every 20 ms at most) except when the rank
 * is about to block: then everything it did before, sends included, reaches the launcher first,
 * so the deadlock detector never sees a rank blocked without the messages it already sent.
 * Each event is encoded as it is recorded (trace-codec.ts): no event object is made here.
 */
import { TraceEncoder } from '../contract/trace-codec.js';
import type { CallSite, CallTemplate, DetectorFact, OpEndEvent, OpStartEvent } from '../contract/trace-events.js';
import type { ControlClient } from './control-client.js';
import { nowMicros } from '../contract/clock.js';

export { nowMicros, shiftClock } from '../contract/clock.js';

const FLUSH_MS = 20;
/**
 * A polling loop (`while (!req.Test()) {}`) that has found nothing this long, with no other MPI
 * call in between, is reported as blocked in its test. Long enough that a loop bounded in time
 * (poll a few seconds, then do something else) is not taken for a wait — killing a correct
 * program is worse than a late report — and short enough that a loop that never ends is
 * reported before a person gives up on it.
 */
export const POLL_BLOCKED_MS = 5000;
/** A wait still open after this long is flushed; shorter waits (ping-pong) cost no control write. */
const BLOCKED_FLUSH_MS = 2;
const NO_FIELDS = {};

export type StartFields = Omit<OpStartEvent, 'kind' | 'rank' | 'id' | 't'>;
export type EndFields = Omit<OpEndEvent, 'kind' | 'rank' | 'id' | 't'>;

export class Tracer {
  private readonly encoder = new TraceEncoder();
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private blockedTimer: NodeJS.Timeout | undefined;
  /** Blocking operations still open, with their start (ms, performance.now()). */
  private readonly blocking = new Map<number, number>();
  /** Point-to-point calls started in the batch being filled, by id: where their start lies. */
  private readonly startsInBatch = new Map<number, number>();
  /** What the polling loop in progress tests (a request, a probe's pattern), since when, and its reported call's id (0: not reported). */
  private pollKey: object | undefined;
  private pollSince = 0;
  private pollId = 0;

  constructor(private readonly rank: number, private readonly control: ControlClient | undefined) {}

  /** Records a call's start; `t`: when it began, if that was before this is called. */
  start(fields: StartFields, t = nowMicros()): number {
    if (this.pollKey) this.pollEnded(); // another MPI call: the polling loop is over
    return this.open(fields, t);
  }

  private open(fields: StartFields, t = nowMicros()): number {
    const id = this.nextId++;
    if (!this.control) return id; // nobody to tell (a singleton)
    this.encoder.add(false, this.rank, id, t, fields);
    this.opened(id, fields.wait !== undefined);
    return id;
  }

  /**
   * `start` for a point-to-point call, from what all such calls say alike (the hot path builds no
   * fields object). It sends message `<msgRank>.<msgSeq>`, or none when `msgSeq` < 0.
   */
  startCall(call: CallTemplate, site: CallSite | undefined, bytes: number | undefined, msgRank: number, msgSeq: number, t = nowMicros()): number {
    if (this.pollKey) this.pollEnded();
    const id = this.nextId++;
    if (!this.control) return id;
    this.startsInBatch.set(id, this.encoder.addCallStart(this.rank, id, t, call, site, bytes, msgRank, msgSeq));
    this.opened(id, call.wait !== undefined);
    return id;
  }

  /** A call that begins and ends at once (a Pool's chunk dealt, its result taken): paired as below. */
  mark(start: StartFields, end: EndFields = NO_FIELDS): void {
    this.endPairable(this.startPairable(start), end);
  }

  /** `start` of a call that blocks nothing and names no object (a Pool task): a pair within one batch the launcher may skip. */
  startPairable(fields: StartFields): number {
    if (this.pollKey) this.pollEnded();
    const id = this.nextId++;
    if (!this.control) return id;
    this.startsInBatch.set(id, this.encoder.length);
    this.encoder.add(false, this.rank, id, nowMicros(), fields);
    this.opened(id, fields.wait !== undefined);
    return id;
  }

  /** The end of a `startPairable` call, with what only readers of the trace want (a task's result id). */
  endPairable(id: number, fields: EndFields): void {
    if (!this.control) return;
    const at = this.encoder.length;
    this.encoder.add(true, this.rank, id, nowMicros(), fields);
    this.pairIfStartedInBatch(id, at);
    this.closed(id);
  }

  /** `end` of a receive: the message `<msgRank>.<msgSeq>` it took, from `peer` (world rank) with `tag`. */
  endReceived(id: number, peer: number, tag: number, bytes: number, msgSeq: number): void {
    if (!this.control) return;
    const at = this.encoder.length;
    this.encoder.addReceived(this.rank, id, nowMicros(), peer, tag, bytes, peer, msgSeq);
    this.pairIfStartedInBatch(id, at);
    this.closed(id);
  }

  /** A call that ends in the batch it started in is marked so: the launcher may skip most of it. */
  private pairIfStartedInBatch(id: number, endAt: number): void {
    const startAt = this.startsInBatch.get(id);
    if (startAt === undefined) return;
    this.startsInBatch.delete(id);
    this.encoder.pair(startAt, endAt);
  }

  private opened(id: number, blocking: boolean): void {
    if (blocking) {
      this.blocking.set(id, performance.now());
      this.flushSoon();
    } else this.flushLater();
  }

  private closed(id: number): void {
    this.blocking.delete(id);
    this.flushLater();
  }

  end(id: number, fields: EndFields = NO_FIELDS): void {
    if (!this.control) return;
    if (fields === NO_FIELDS) {
      const at = this.encoder.length;
      this.encoder.addEnd(this.rank, id, nowMicros());
      this.pairIfStartedInBatch(id, at);
    } else {
      this.startsInBatch.delete(id); // an error end says more than a pair would keep
      this.encoder.add(true, this.rank, id, nowMicros(), fields);
    }
    this.closed(id);
  }

  /**
   * The receive a nonblocking call `id` posted has matched `msg` (undefined: it was cancelled).
   * Batched like any event: until the launcher hears it, the detector only over-counts what can
   * release a wait (no false alarm), and waitall loops stay free of extra control writes.
   */
  recvMatched(id: number, msg: string | undefined): void {
    if (!this.control) return;
    this.encoder.addFact({ kind: 'recv-matched', rank: this.rank, id, t: nowMicros(), msg });
    this.flushLater();
  }

  /**
   * A nonblocking test of `key` (a request, a probe's pattern) found nothing. Says whether the
   * loop repeating it has now gone on long enough to be reported as blocked (`pollBlocked`): the
   * same key, no other MPI call, for POLL_BLOCKED_MS. Costs no allocation.
   */
  pollFailed(key: object): boolean {
    if (!this.control) return false;
    const now = performance.now();
    if (key !== this.pollKey) {
      if (this.pollKey) this.pollEnded();
      this.pollKey = key;
      this.pollSince = now;
      return false;
    }
    return this.pollId === 0 && now - this.pollSince >= POLL_BLOCKED_MS;
  }

  /**
   * Reports the polling loop as blocked in its test, with what it waits for, as a blocking call
   * would be. Written at once: a loop that never yields runs no timer, and the launcher must hear it.
   */
  pollBlocked(fields: StartFields): void {
    this.pollId = this.open(fields);
    this.flush();
  }

  /**
   * The polling loop is over (its test succeeded, or another call came). A loop reported as
   * blocked ends its call now (with `fields` if the test of `key` completed it), written at once;
   * returns whether `fields` went so.
   */
  pollEnded(key?: object, fields?: EndFields): boolean {
    const id = this.pollId;
    const same = key !== undefined && key === this.pollKey;
    this.pollKey = undefined;
    this.pollId = 0;
    if (id === 0) return false;
    this.end(id, same ? fields : undefined);
    this.flush();
    return same && fields !== undefined;
  }

  /** Who holds open the end of a pipe this process owns that sends to end `obj`. */
  pipeHolders(obj: string, openBy: number[]): void {
    this.ownerFact({ kind: 'pipe-holders', rank: this.rank, obj, t: nowMicros(), openBy });
  }

  /** Which workers of a Pool this process owns are connected, and which of them hold tasks. */
  poolTasks(obj: string, workers: number[], busy: number[]): void {
    this.ownerFact({ kind: 'pool-tasks', rank: this.rank, obj, t: nowMicros(), workers, busy });
  }

  /**
   * What an object's owner knows and the detector needs, sent on every change (which is rare):
   * heard at once while this process is blocked, for what it says can free others, or no longer.
   */
  private ownerFact(e: DetectorFact): void {
    if (!this.control) return;
    this.encoder.addFact(e);
    if (this.blocking.size > 0) this.flush();
    else this.flushLater();
  }

  /** Sends everything buffered now; `onWritten` runs once the launcher's socket has it. */
  flush(onWritten?: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.control || this.encoder.empty) {
      onWritten?.();
      return;
    }
    this.startsInBatch.clear(); // calls still open end in a later batch: no pairs across batches
    this.control.send({ t: 'events', ...this.encoder.take() }, onWritten);
  }

  /**
   * A wait that a message ends within BLOCKED_FLUSH_MS needs no urgent flush (that keeps ping-pong
   * free of control traffic); a wait open that long is flushed at once, so the deadlock detector
   * sees it.
   */
  private flushSoon(delay = BLOCKED_FLUSH_MS): void {
    if (this.blockedTimer || !this.control) return;
    this.blockedTimer = setTimeout(() => {
      this.blockedTimer = undefined;
      if (this.blocking.size === 0) return this.flushLater();
      const oldest = Math.min(...this.blocking.values());
      const age = performance.now() - oldest;
      if (age >= BLOCKED_FLUSH_MS) this.flush();
      else this.flushSoon(BLOCKED_FLUSH_MS - age);
    }, delay);
    this.blockedTimer.unref();
  }

  private flushLater(): void {
    if (this.timer || !this.control) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }
}
