/**
 * The diagram's model, built straight from the typed-array batches (no object per event): ops as
 * columns of what drawing reads (times, lane, flags) with the rest read from the kept batches
 * (event-store.ts), per-lane index lists in start order (a process reports its events in order),
 * messages (a send's start matched to its receive's end by message id), collectives (same
 * communicator and sequence number on every member) and Lamport clocks for the logical-time view.
 */
import { StringDecoder } from './codec.js';
import { CollectiveTraffic } from './collective-traffic.js';
import { EventStore, type IntField } from './event-store.js';
import { F64, I32, U8 } from './growable.js';
import { OpenCalls } from './open-calls.js';
import { END, NONE, TURNED, type EventColumns } from './protocol.js';

export const BLOCKING = 1;
export const FAILED = 2;
export const COLLECTIVE = 4;
/** msgTurn bits: the message left at its sender's end (a Pool task's result), reached its receiver's start (the task's chunk). */
export const SENT_AT_END = 1;
export const TAKEN_AT_START = 2;

export class TraceModel {
  readonly strings = new StringDecoder();
  readonly store = new EventStore();
  names: string[] = [];
  // Op columns.
  readonly rank = new I32();
  readonly t0 = new F64();
  /** Infinity until the op ends. */
  readonly t1 = new F64();
  /** Lamport ticks; l1 is 0 until the op ends. */
  readonly l0 = new I32();
  readonly l1 = new I32();
  readonly flags = new U8();
  /** The global indices (in `store`) of the op's start event and of its end event (-1 until it ends). */
  readonly startEvent = new I32();
  readonly endEvent = new I32();
  /** Op indices of each lane, in start order. */
  readonly lanes: I32[] = [];
  /** Messages: the send op and the receive op (-1 until it arrives). */
  readonly msgSend = new I32();
  readonly msgRecv = new I32();
  /** SENT_AT_END | TAKEN_AT_START: where on its ops a message begins and ends (0: an MPI message's start → end). */
  readonly msgTurn = new U8();
  /** Message index by the message id's string index. */
  private readonly msgByString = new I32();
  readonly collectives = new Map<string, number[]>();
  /** The messages collectives sent inside themselves (their end events carry them). */
  readonly traffic = new CollectiveTraffic();
  private readonly open = new OpenCalls();
  private readonly clock: number[] = [];
  tMin = Infinity;
  tMax = -Infinity;
  lMax = 0;
  events = 0;
  /** Bumped on every change, so views know to redraw or recompute. */
  version = 0;
  /** Ops so far (the columns' length is set to it at the end of each batch). */
  private opCount = 0;
  /** Every per-op column, to make room in all of them at once. */
  private readonly opColumns = [this.rank, this.t0, this.t1, this.l0, this.l1, this.flags, this.startEvent, this.endEvent];

  get ops(): number {
    return this.t0.n;
  }

  get messages(): number {
    return this.msgSend.n;
  }

  /** Makes room for `events` more events at once (a replay says how many follow). */
  reserve(events: number): void {
    for (const col of this.opColumns) col.reserve(Math.ceil(events / 2));
  }

  add(c: EventColumns): void {
    this.strings.add(c);
    const first = this.store.add(c);
    let starts = 0;
    for (let i = 0; i < c.count; i++) starts += c.kind[i] & END ? 0 : 1;
    for (const col of this.opColumns) col.reserve(starts);
    for (let i = 0; i < c.count; i++) {
      if (!(c.kind[i] & END)) this.start(c, i, first + i);
      else this.end(c, i, first + i);
    }
    for (const col of this.opColumns) col.n = this.opCount;
    this.events += c.count;
    this.version++;
  }

  private lane(r: number): I32 {
    while (this.lanes.length <= r) {
      this.lanes.push(new I32());
      this.clock.push(0);
    }
    return this.lanes[r];
  }

  private start(c: EventColumns, i: number, g: number): void {
    const r = c.rank[i];
    const t = c.t[i];
    const lane = this.lane(r);
    // Room was reserved for the whole batch (add): write the columns straight.
    const k = this.opCount++;
    this.t0.a[k] = t;
    this.t1.a[k] = Infinity;
    this.rank.a[k] = r;
    this.l0.a[k] = ++this.clock[r];
    this.l1.a[k] = 0;
    this.flags.a[k] = (c.wait[i] !== NONE ? BLOCKING : 0) | (c.collSeq[i] !== NONE ? COLLECTIVE : 0);
    this.startEvent.a[k] = g;
    this.endEvent.a[k] = -1;
    lane.push(k);
    this.open.open(r, c.id[i], k);
    if (c.msg[i] !== NONE) {
      // Index first: messageIndex may grow (replace) the array.
      const msg = this.messageIndex(c.msg[i]);
      if (c.kind[i] & TURNED) this.takenAtStart(msg, k, r);
      else this.msgSend.a[msg] = k;
    }
    if (c.collSeq[i] !== NONE) {
      const key = `${c.comm[i]}#${c.collSeq[i]}`;
      const members = this.collectives.get(key);
      if (members) members.push(k);
      else this.collectives.set(key, [k]);
    }
    if (t < this.tMin) this.tMin = t;
    if (t > this.tMax) this.tMax = t;
  }

  private end(c: EventColumns, i: number, g: number): void {
    const r = c.rank[i];
    const k = this.open.close(r, c.id[i]);
    if (k < 0) return;
    const t = c.t[i];
    this.t1.a[k] = t;
    this.endEvent.a[k] = g;
    if (c.error[i] !== NONE) this.flags.a[k] |= FAILED;
    if (c.trafficFrom && c.trafficFrom[i] < c.trafficFrom[i + 1]) this.traffic.add(c, i, k, r);
    let clock = this.clock[r];
    if (c.msg[i] !== NONE) {
      const m = this.messageIndex(c.msg[i]);
      if (c.kind[i] & TURNED) {
        this.msgSend.a[m] = k;
        this.msgTurn.a[m] |= SENT_AT_END;
      } else {
        this.msgRecv.a[m] = k;
        // Lamport: a receive happens after its send.
        if (this.msgSend.a[m] >= 0) clock = Math.max(clock, this.msgFrom(m, 'logical'));
      }
    }
    this.clock[r] = ++clock;
    this.l1.a[k] = clock;
    if (clock > this.lMax) this.lMax = clock;
    if (t > this.tMax) this.tMax = t;
  }

  /** Op `k` of lane `r` began by taking message `m` (a Pool task its chunk): it happens after the send. */
  private takenAtStart(m: number, k: number, r: number): void {
    this.msgRecv.a[m] = k;
    this.msgTurn.a[m] |= TAKEN_AT_START;
    if (this.msgSend.a[m] < 0) return;
    const after = this.msgFrom(m, 'logical') + 1;
    if (this.l0.a[k] < after) this.l0.a[k] = this.clock[r] = after;
  }

  /** Where message `m` leaves its send op (µs, or Lamport ticks): its start, or its end if SENT_AT_END. */
  msgFrom(m: number, mode: 'wall' | 'logical'): number {
    const s = this.msgSend.a[m];
    const atEnd = this.msgTurn.a[m] & SENT_AT_END;
    return mode === 'wall' ? (atEnd ? this.t1.a[s] : this.t0.a[s]) : atEnd ? this.l1.a[s] : this.l0.a[s];
  }

  /** Where message `m` reaches its receiving op: its end, or its start if TAKEN_AT_START. */
  msgTo(m: number, mode: 'wall' | 'logical'): number {
    const r = this.msgRecv.a[m];
    const atStart = this.msgTurn.a[m] & TAKEN_AT_START;
    return mode === 'wall' ? (atStart ? this.t0.a[r] : this.t1.a[r]) : atStart ? this.l0.a[r] : this.l1.a[r];
  }

  /** The message with this id (string index), created on first sight from either end. */
  private messageIndex(idString: number): number {
    let index = this.msgByString.get(idString);
    if (index < 0) {
      index = this.msgSend.push(-1);
      this.msgRecv.push(-1);
      this.msgTurn.push(0);
      this.msgByString.set(idString, index);
    }
    return index;
  }

  /** Calls started and not ended (blocked, or cut off by a deadlock or a crash). */
  get openCount(): number {
    return this.open.count;
  }

  /**
   * How far past the last event a call that never ended is drawn: without this tail a call that
   * began last (the second half of a deadlock) would be a sliver at the very edge.
   */
  get openTail(): number {
    return this.openCount > 0 ? Math.max((this.tMax - this.tMin) * 0.15, 1000) : 0;
  }

  /** How long a call took, or has waited so far (to the last event known). */
  durationOf(k: number): number {
    const t = this.t1.a[k];
    return (t === Infinity ? this.tMax : t) - this.t0.a[k];
  }

  /** When an op ended, or the end of what is known (plus the tail) if it never did. */
  endOf(k: number): number {
    const t = this.t1.a[k];
    return t === Infinity ? this.tMax + this.openTail : t;
  }

  str(i: number): string {
    return this.strings.get(i) ?? '';
  }

  /** Where an op was called, as `file:line`, for labels and links. */
  site(k: number): { file: string; line: number } | undefined {
    const f = this.field(k, 'file');
    return f === NONE ? undefined : { file: this.str(f), line: this.field(k, 'line') };
  }

  /** A field of the op's start event (op, text, comm, tag, file, line: string indices or NONE). */
  field(k: number, f: IntField): number {
    return this.store.int(this.startEvent.a[k], f);
  }

  /** The peer: a receive from any source learns it when it ends. */
  peer(k: number): number {
    const e = this.endEvent.a[k];
    const p = e >= 0 ? this.store.int(e, 'peer') : NONE;
    return p !== NONE ? p : this.field(k, 'peer');
  }

  /** Message size (NaN when unknown): a receive learns it when it ends. */
  bytes(k: number): number {
    const e = this.endEvent.a[k];
    const b = e >= 0 ? this.store.bytes(e) : NaN;
    return Number.isNaN(b) ? this.store.bytes(this.startEvent.a[k]) : b;
  }
}
