/**
 * The launcher's side of trace-codec.ts: batches back into events for those who keep or draw them,
 * or, for a launcher that keeps none, straight into the job's state.
 */
import { CALL, END, FACT, KINDS, MSG, MSG_AS_VALUE, NAMES, PAIRED, type EncodedEvents } from './trace-codec.js';
import type { CallTemplate, DetectorFact, OpStartEvent, RankEvent } from './trace-events.js';

/** Where `TraceDecoder.applyTo` puts a batch: a job's state, which keeps no events. */
export interface BatchSink {
  apply(e: RankEvent): void;
  /** A call that began and ended within the batch sent message `e.msg`. */
  sent(e: OpStartEvent): void;
  /**
   * Call `id` of `rank`, which began and ended within the batch, took message `msg`;
   * `wildcard`: its start, when it was a receive from MPI.ANY_SOURCE or with MPI.ANY_TAG (another
   * message could have matched it).
   */
  took(msg: string, rank: number, id: number, wildcard: OpStartEvent | undefined): void;
}

export class TraceDecoder {
  private table: unknown[] = [];
  /** Paired receives of this batch (op ids) that took any source or any tag: their ends say so. */
  private readonly wildcards = new Map<number, OpStartEvent>();
  /** The record being read. */
  private at = 0;

  decode(batch: EncodedEvents): RankEvent[] {
    const r = this.begin(batch);
    const events: RankEvent[] = [];
    while (this.at < r.length) events.push(this.next(r));
    return events;
  }

  /**
   * Applies a batch to `sink` without making the events a reader would want, for a launcher that
   * keeps none. A call whose start and end are both in the batch (PAIRED) leaves nothing open
   * behind it: all that it changes is which messages are in flight, so only that is told, and a
   * ping-pong's receive starts and send ends cost nothing here. Every other record goes whole.
   */
  applyTo(batch: EncodedEvents, sink: BatchSink): void {
    const r = this.begin(batch);
    while (this.at < r.length) {
      const head = r[this.at];
      if (head === FACT || !(head & PAIRED)) sink.apply(this.next(r));
      else if (!(head & MSG)) {
        // Rare enough to read whole: a receive that could have taken another message.
        if (!(head & END) && head & CALL && isWildcard(this.value(r[this.at + 4]) as CallTemplate)) {
          const start = this.next(r) as OpStartEvent;
          this.wildcards.set(start.id, start);
        } else this.at += recordLength(r, this.at);
      }
      else if (!(head & END)) sink.sent(this.next(r) as OpStartEvent);
      else {
        const id = r[this.at + 2];
        sink.took(this.msgOf(r, this.at, head), r[this.at + 1], id, this.wildcards.get(id));
        this.wildcards.delete(id);
        this.at += recordLength(r, this.at);
      }
    }
  }

  private begin(batch: EncodedEvents): Float64Array {
    this.wildcards.clear();
    if (batch.reset) this.table = [];
    for (const v of batch.added) this.table.push(v);
    this.at = 0;
    return batch.records;
  }

  /** The record at `this.at` as an event (or a fact); moves past it. */
  private next(r: Float64Array): RankEvent {
    let i = this.at;
    const head = r[i];
    if (head === FACT) {
      this.at = i + 2;
      return this.value(r[i + 1]) as DetectorFact;
    }
    const e: Record<string, unknown> = { kind: head & END ? 'op-end' : 'op-start', rank: r[i + 1], id: r[i + 2], t: r[i + 3] };
    i += 4;
    for (let f = 0; f < NAMES.length; f++) {
      if (!(head & (2 << f))) continue;
      const name = NAMES[f];
      const kind = KINDS[f];
      if (kind === 'template') copyTemplate(e, this.value(r[i++]) as CallTemplate);
      else if (kind === 'number') e[name] = r[i++];
      else if (kind === 'numbers') {
        const len = r[i++];
        e[name] = Array.from(r.subarray(i, i + len));
        i += len;
      }
      else if (kind === 'bool') e[name] = r[i++] === 1;
      else if (kind === 'msg' && !(head & MSG_AS_VALUE)) {
        e[name] = `${r[i]}.${r[i + 1]}`;
        i += 2;
      } else e[name] = this.value(r[i++]);
    }
    this.at = i;
    return e as unknown as RankEvent;
  }

  /** The message id of the record at `at` (its head has MSG). */
  private msgOf(r: Float64Array, at: number, head: number): string {
    const i = at + 4 + fieldsBefore(r, at, MSG_FIELD);
    return head & MSG_AS_VALUE ? String(this.value(r[i])) : `${r[i]}.${r[i + 1]}`;
  }

  private value(index: number): unknown {
    if (index >= this.table.length) throw new Error(`rankscope: a trace batch names value ${index}; the table holds ${this.table.length}`);
    return this.table[index];
  }
}

const MSG_FIELD = NAMES.indexOf('msg');

/** How many numbers the fields before field `f` take in the record at `at`. */
function fieldsBefore(r: Float64Array, at: number, f: number): number {
  const head = r[at];
  let n = 0;
  for (let k = 0; k < f; k++) {
    if (!(head & (2 << k))) continue;
    // A list's length comes first, then the list.
    if (KINDS[k] === 'numbers') n += 1 + r[at + 4 + n];
    else n += KINDS[k] === 'msg' && !(head & MSG_AS_VALUE) ? 2 : 1;
  }
  return n;
}

/** A whole record's length in numbers (head, rank, id, t, then its fields). */
function recordLength(r: Float64Array, at: number): number {
  return 4 + fieldsBefore(r, at, NAMES.length);
}

/** A template's fields into an event, written out (Object.assign costs several times this). */
function copyTemplate(e: Record<string, unknown>, call: CallTemplate): void {
  e.op = call.op;
  e.text = call.text;
  e.comm = call.comm;
  if (call.peer !== undefined) e.peer = call.peer;
  if (call.tag !== undefined) e.tag = call.tag;
  if (call.wait !== undefined) e.wait = call.wait;
}

/** Whether a call's template is a receive from MPI.ANY_SOURCE or with MPI.ANY_TAG. */
function isWildcard(call: CallTemplate): boolean {
  return call.wait?.type === 'recv' && (call.wait.source < 0 || call.wait.tag < 0);
}
