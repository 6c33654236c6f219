/**
 * The per-rank trace buffer. Events are batched (a flush every 20 ms at most) except when the rank
 * is about to block: then everything it did before, sends included, reaches the launcher first,
 * so the deadlock detector never sees a rank blocked without the messages it already sent.
 */
import type { OpEndEvent, OpStartEvent, TraceEvent } from '../protocol/trace-events.js';
import type { ControlClient } from './control-client.js';

const FLUSH_MS = 20;
/** A wait still open after this long is flushed; shorter waits (ping-pong) cost no control write. */
const BLOCKED_FLUSH_MS = 2;
const epochMicros = performance.timeOrigin * 1000;

export function nowMicros(): number {
  return Math.round(epochMicros + performance.now() * 1000);
}

export type StartFields = Omit<OpStartEvent, 'kind' | 'rank' | 'id' | 't'>;
export type EndFields = Omit<OpEndEvent, 'kind' | 'rank' | 'id' | 't'>;

export class Tracer {
  private buffer: TraceEvent[] = [];
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private blockedTimer: NodeJS.Timeout | undefined;
  /** Ids of blocking operations still open: while any is, the launcher must see the latest state. */
  private readonly blocking = new Set<number>();

  constructor(private readonly rank: number, private readonly control: ControlClient | undefined) {}

  start(fields: StartFields): number {
    const id = this.nextId++;
    this.buffer.push({ kind: 'op-start', rank: this.rank, id, t: nowMicros(), ...fields });
    if (fields.wait) {
      this.blocking.add(id);
      this.flushSoon();
    } else this.flushLater();
    return id;
  }

  end(id: number, fields: EndFields = {}): void {
    this.buffer.push({ kind: 'op-end', rank: this.rank, id, t: nowMicros(), ...fields });
    this.blocking.delete(id);
    this.flushLater();
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
   * latency free of control traffic); one still open then is flushed at once.
   */
  private flushSoon(): void {
    if (this.blockedTimer || !this.control) return;
    this.blockedTimer = setTimeout(() => {
      this.blockedTimer = undefined;
      if (this.blocking.size > 0) this.flush();
      else this.flushLater();
    }, BLOCKED_FLUSH_MS);
    this.blockedTimer.unref();
  }

  private flushLater(): void {
    if (this.timer || !this.control) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }
}
