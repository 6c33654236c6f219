/**
 * The diagram's model, built straight from the typed-array batches (no object per event): ops as
 * columns, per-lane index lists in start order (a process reports its events in order), messages
 * (a send's start matched to its receive's end by message id), collectives (same communicator and
 * sequence number on every member) and Lamport clocks for the logical-time view.
 */
import { StringDecoder } from './codec.js';
import { F64, I32 } from './growable.js';
import { NONE, type EventColumns } from './protocol.js';

export const BLOCKING = 1;
export const FAILED = 2;
export const COLLECTIVE = 4;

export class TraceModel {
  readonly strings = new StringDecoder();
  names: string[] = [];
  // Op columns.
  readonly rank = new I32();
  readonly t0 = new F64();
  readonly t1 = new F64();
  readonly l0 = new F64();
  readonly l1 = new F64();
  readonly op = new I32();
  readonly text = new I32();
  readonly file = new I32();
  readonly line = new I32();
  readonly flags = new I32();
  readonly peer = new I32();
  readonly tag = new I32();
  readonly comm = new I32();
  readonly bytes = new F64();
  /** Op indices of each lane, in start order. */
  readonly lanes: I32[] = [];
  /** Messages: the send op and the receive op (-1 until it arrives). */
  readonly msgSend = new I32();
  readonly msgRecv = new I32();
  /** Message index by the message id's string index. */
  private readonly msgByString = new I32();
  readonly collectives = new Map<string, number[]>();
  private readonly openOps: Map<number, number>[] = [];
  private readonly clock: number[] = [];
  tMin = Infinity;
  tMax = -Infinity;
  lMax = 0;
  events = 0;
  /** Bumped on every change, so views know to redraw or recompute. */
  version = 0;

  get ops(): number {
    return this.t0.n;
  }

  get messages(): number {
    return this.msgSend.n;
  }

  add(c: EventColumns): void {
    this.strings.add(c);
    for (let i = 0; i < c.count; i++) {
      if (c.kind[i] === 0) this.start(c, i);
      else this.end(c, i);
    }
    this.events += c.count;
    this.version++;
  }

  private lane(r: number): I32 {
    while (this.lanes.length <= r) {
      this.lanes.push(new I32());
      this.openOps.push(new Map());
      this.clock.push(0);
    }
    return this.lanes[r];
  }

  private start(c: EventColumns, i: number): void {
    const r = c.rank[i];
    const t = c.t[i];
    const lane = this.lane(r);
    const k = this.t0.push(t);
    this.t1.push(Infinity);
    this.rank.push(r);
    this.l0.push(++this.clock[r]);
    this.l1.push(Infinity);
    this.op.push(c.op[i]);
    this.text.push(c.text[i]);
    this.file.push(c.file[i]);
    this.line.push(c.line[i]);
    this.peer.push(c.peer[i]);
    this.tag.push(c.tag[i]);
    this.comm.push(c.comm[i]);
    this.bytes.push(c.bytes[i]);
    this.flags.push((c.wait[i] !== NONE ? BLOCKING : 0) | (c.collSeq[i] !== NONE ? COLLECTIVE : 0));
    lane.push(k);
    this.openOps[r].set(c.id[i], k);
    this.openCount++;
    if (c.msg[i] !== NONE) this.msgSend.a[this.messageIndex(c.msg[i])] = k;
    if (c.collSeq[i] !== NONE) {
      const key = `${c.comm[i]}#${c.collSeq[i]}`;
      const members = this.collectives.get(key);
      if (members) members.push(k);
      else this.collectives.set(key, [k]);
    }
    if (t < this.tMin) this.tMin = t;
    if (t > this.tMax) this.tMax = t;
  }

  private end(c: EventColumns, i: number): void {
    const r = c.rank[i];
    const k = this.openOps[r]?.get(c.id[i]);
    if (k === undefined) return;
    this.openOps[r].delete(c.id[i]);
    this.openCount--;
    const t = c.t[i];
    this.t1.a[k] = t;
    if (c.error[i] !== NONE) this.flags.a[k] |= FAILED;
    if (!Number.isNaN(c.bytes[i])) this.bytes.a[k] = c.bytes[i];
    if (c.peer[i] !== NONE) this.peer.a[k] = c.peer[i];
    let clock = this.clock[r];
    if (c.msg[i] !== NONE) {
      const m = this.messageIndex(c.msg[i]);
      this.msgRecv.a[m] = k;
      // Lamport: a receive happens after its send.
      const s = this.msgSend.a[m];
      if (s >= 0) clock = Math.max(clock, this.l0.a[s]);
    }
    this.clock[r] = ++clock;
    this.l1.a[k] = clock;
    if (clock > this.lMax) this.lMax = clock;
    if (t > this.tMax) this.tMax = t;
  }

  /** The message with this id (string index), created on first sight from either end. */
  private messageIndex(idString: number): number {
    let index = this.msgByString.get(idString);
    if (index < 0) {
      index = this.msgSend.push(-1);
      this.msgRecv.push(-1);
      this.msgByString.set(idString, index);
    }
    return index;
  }

  /** Calls started and not ended (blocked, or cut off by a deadlock or a crash). */
  openCount = 0;

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
    const f = this.file.a[k];
    return f === NONE ? undefined : { file: this.str(f), line: this.line.a[k] };
  }
}
