/**
 * The per-rank trace buffer. Events are batched (a flush every 20 ms at most) except when the rank
 * is about to block: then everything it did before, sends included, reaches the launcher first,
 * so the deadlock detector never sees a rank blocked without the messages it already sent.
 */
import type { OpEndEvent, OpStartEvent, RankEvent } from '../protocol/trace-events.js';
import type { ControlClient } from './control-client.js';

const FLUSH_MS = 20;
/** A wait still open after this long is flushed; shorter waits (ping-pong) cost no control write. */
const BLOCKED_FLUSH_MS = 2;
const epochMicros = performance.timeOrigin * 1000;
/**
 * Added to this process's clock so trace times from every host line up: a cluster rank measures
 * its offset from the coordinator at rendezvous. `RANKSCOPE_TEST_CLOCK_SKEW_US` starts it off by
 * that much, to stand for a host whose clock is wrong (tests of the alignment use it).
 */
let clockShiftMicros = Number(process.env.RANKSCOPE_TEST_CLOCK_SKEW_US ?? 0) || 0;

export function nowMicros(): number {
  return Math.round(epochMicros + performance.now() * 1000 + clockShiftMicros);
}

export function shiftClock(micros: number): void {
  clockShiftMicros += micros;
}

export type StartFields = Omit<OpStartEvent, 'kind' | 'rank' | 'id' | 't'>;
export type EndFields = Omit<OpEndEvent, 'kind' | 'rank' | 'id' | 't'>;

export class Tracer {
  private buffer: RankEvent[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private blockedTimer: NodeJS.Timeout | undefined;
  /** Blocking operations still open, with their start (ms, performance.now()). */
  private readonly blocking = new Map<number, number>();

  constructor(private readonly rank: number, private readonly control: ControlClient | undefined) {}

  start(fields: StartFields): number {
    const id = this.nextId++;
    this.buffer.push({ kind: 'op-start', rank: this.rank, id, t: nowMicros(), ...fields });
    if (fields.wait) {
      this.blocking.set(id, performance.now());
      this.flushSoon();
    } else this.flushLater();
    return id;
  }

  end(id: number, fields: EndFields = {}): void {
    this.buffer.push({ kind: 'op-end', rank: this.rank, id, t: nowMicros(), ...fields });
    this.blocking.delete(id);
    this.flushLater();
  }

  /**
   * The receive a nonblocking call `id` posted has matched `msg` (undefined: it was cancelled).
   * Batched like any event: until the launcher hears it, the detector only over-counts what can
   * release a wait (no false alarm), and waitall loops stay free of extra control writes.
   */
  recvMatched(id: number, msg: string | undefined): void {
    this.buffer.push({ kind: 'recv-matched', rank: this.rank, id, t: nowMicros(), msg });
    this.flushLater();
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
  private ownerFact(e: RankEvent): void {
    this.buffer.push(e);
    if (this.blocking.size > 0) this.flush();
    else this.flushLater();
  }

  /** Sends everything buffered now; `onWritten` runs once the launcher's socket has it. */
  flush(onWritten?: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.control || this.buffer.length === 0) {
      this.buffer.length = 0;
      onWritten?.();
      return;
    }
    const events = this.buffer;
    this.buffer = [];
    this.control.send({ t: 'events', events }, onWritten);
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
