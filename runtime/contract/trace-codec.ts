/**
 * Trace events on the control link, compactly: a ping-pong makes four events per round trip, and
 * as v8 clones of whole objects they cost the rank more than the message itself and the launcher
 * more still. The rank writes each event straight into a Float64Array as it happens (no event
 * object is ever made there); a batch is that array, which v8 copies without walking it, plus the
 * values the connection has not carried before. Strings and objects (op names, call texts, call
 * sites, what a receive waits for) travel once and are then named by their number in a table both
 * ends keep; they are never changed once traced, so identity names them.
 *
 * A record: head (bit 0: end event; bits 1…: which optional fields follow), rank, id, t, then the
 * present fields in FIELDS order — a number as is, a value by its table number, a message id
 * `<rank>.<seq>` as its two numbers, a call template (its fields, by table number) as `call`, a
 * list of numbers (a collective's traffic) as its length and then the numbers.
 * A call that began and ended within one batch has both its records marked PAIRED: a launcher
 * that keeps no events then skips what such a call cannot change (see `applyTo`).
 * The decoder is trace-decoder.ts. Bump CONTROL_VERSION on any change here.
 */
import type { CallSite, CallTemplate, DetectorFact } from './trace-events.js';

type FieldKind = 'value' | 'number' | 'msg' | 'bool' | 'template' | 'numbers';

const FIELDS: readonly (readonly [name: string, kind: FieldKind])[] = [
  ['call', 'template'], ['op', 'value'], ['text', 'value'], ['comm', 'value'], ['peer', 'number'],
  ['tag', 'number'], ['bytes', 'number'], ['root', 'number'], ['collSeq', 'number'], ['msg', 'msg'],
  ['obj', 'value'], ['wait', 'value'], ['site', 'value'], ['error', 'value'], ['ok', 'bool'], ['posts', 'value'],
  ['ctx', 'value'], ['sig', 'value'], ['traffic', 'numbers'],
  // Multiprocessing items' ids (trace-events.ts), message ids like msg.
  ['item', 'msg'], ['took', 'msg'], ['gave', 'msg'],
];
/** The same, as parallel arrays: the per-field loops read these (no tuple per field). */
export const NAMES = FIELDS.map(([name]) => name);
export const KINDS = FIELDS.map(([, kind]) => kind);
const bit = (name: string): number => 2 << NAMES.indexOf(name);
export const CALL = bit('call');
const PEER = bit('peer');
const TAG = bit('tag');
const BYTES = bit('bytes');
export const MSG = bit('msg');
const SITE = bit('site');
/** The most numbers one record takes (a message id takes two; a traffic list makes room for itself). */
const RECORD_MAX = 4 + FIELDS.length + KINDS.filter((k) => k === 'msg').length;
export const END = 1;
/** A record that is a detector fact (DetectorFact): this head, then the fact by its table number. */
export const FACT = -1;
/** A record with a message id (msg, item, took, gave) that is not `<int>.<int>` has all its ids as values, under this bit. */
export const MSG_AS_VALUE = 2 << FIELDS.length;
/** The call's start and end are both in this batch (set on both records). */
export const PAIRED = 4 << FIELDS.length;
/**
 * Values remembered per connection before both ends start a new table: one-off values (error
 * texts, the wait of each ssend) must not grow it for ever.
 */
const TABLE_LIMIT = 1 << 14;

/** One batch of trace events as it crosses the control link. */
export interface EncodedEvents {
  /** The table starts afresh before this batch's values are added. */
  reset: boolean;
  /** Values first used in this batch: they take the table's next numbers, in order. */
  added: unknown[];
  records: Float64Array;
}

export class TraceEncoder {
  private table = new Map<unknown, number>();
  private reset = false;
  private added: unknown[] = [];
  private buf = new Float64Array(4096);
  private n = 0;

  get empty(): boolean {
    return this.n === 0;
  }

  /** Appends one event; `fields` holds its optional fields (FIELDS), undefined where absent. */
  add(end: boolean, rank: number, id: number, t: number, fields: Readonly<Record<string, unknown>>): void {
    const list = fields.traffic as readonly number[] | undefined;
    if (list && this.buf.length - this.n < RECORD_MAX + list.length) this.grow(list.length);
    const b = this.record(rank, id, t);
    const at = this.n;
    let n = at + 4;
    // MSG_AS_VALUE is the record's: every message id in it goes as a value if one must.
    const idsAsValues = !idsFit(fields);
    let head = (end ? END : 0) | (idsAsValues ? MSG_AS_VALUE : 0);
    for (let i = 0; i < NAMES.length; i++) {
      const v = fields[NAMES[i]];
      if (v === undefined) continue;
      head |= 2 << i;
      const kind = KINDS[i];
      if (kind === 'number') b[n++] = v as number;
      else if (kind === 'numbers') {
        const a = v as readonly number[];
        b[n++] = a.length;
        for (let k = 0; k < a.length; k++) b[n++] = a[k];
      } else if (kind === 'bool') b[n++] = v ? 1 : 0;
      else if (kind === 'msg' && !idsAsValues && putMsg(b, n, v as string)) n += 2;
      else b[n++] = this.index(v);
    }
    b[at] = head;
    this.n = n;
  }

  /**
   * A point-to-point call's start (the hot path: no fields object, no message-id text). `call`
   * holds what is constant; `msgSeq` < 0: no message id. Returns where the record lies in this
   * batch, for `pair`.
   */
  addCallStart(rank: number, id: number, t: number, call: CallTemplate, site: CallSite | undefined, bytes: number | undefined, msgRank: number, msgSeq: number): number {
    const at = this.n;
    const b = this.record(rank, id, t);
    let n = this.n + 4;
    let head = CALL;
    b[n++] = this.index(call);
    if (bytes !== undefined) {
      head |= BYTES;
      b[n++] = bytes;
    }
    if (msgSeq >= 0) {
      head |= MSG;
      b[n++] = msgRank;
      b[n++] = msgSeq;
    }
    if (site) {
      head |= SITE;
      b[n++] = this.index(site);
    }
    b[this.n] = head;
    this.n = n;
    return at;
  }

  /**
   * Marks the record just added, an end, and its call's start at `startAt` (from `addCallStart`,
   * in this same batch) as a pair.
   */
  pair(startAt: number, endAt: number): void {
    this.buf[startAt] += PAIRED;
    this.buf[endAt] += PAIRED;
  }

  /** Where the next record will lie in this batch. */
  get length(): number {
    return this.n;
  }

  /** An end that says nothing more (a send's, most often). */
  addEnd(rank: number, id: number, t: number): void {
    this.record(rank, id, t)[this.n] = END;
    this.n += 4;
  }

  /** A receive's end: the message it took, `<msgRank>.<msgSeq>`, from `peer` with `tag`. */
  addReceived(rank: number, id: number, t: number, peer: number, tag: number, bytes: number, msgRank: number, msgSeq: number): void {
    const b = this.record(rank, id, t);
    const n = this.n;
    b[n] = END | PEER | TAG | BYTES | MSG;
    b[n + 4] = peer;
    b[n + 5] = tag;
    b[n + 6] = bytes;
    b[n + 7] = msgRank;
    b[n + 8] = msgSeq;
    this.n = n + 9;
  }

  /** Appends a fact for the launcher's detector, in order with the events around it. */
  addFact(fact: DetectorFact): void {
    if (this.buf.length - this.n < RECORD_MAX) this.grow();
    this.buf[this.n] = FACT;
    this.buf[this.n + 1] = this.index(fact);
    this.n += 2;
  }

  /** Room for one more record, its rank, id and time written; the head and fields are the caller's. */
  private record(rank: number, id: number, t: number): Float64Array {
    if (this.buf.length - this.n < RECORD_MAX) this.grow();
    const b = this.buf;
    b[this.n + 1] = rank;
    b[this.n + 2] = id;
    b[this.n + 3] = t;
    return b;
  }

  /** Everything added since the last batch; the next one starts empty. */
  take(): EncodedEvents {
    const batch = { reset: this.reset, added: this.added, records: this.buf.slice(0, this.n) };
    this.reset = this.table.size > TABLE_LIMIT;
    if (this.reset) this.table.clear();
    this.added = [];
    this.n = 0;
    return batch;
  }

  private grow(extra = 0): void {
    const bigger = new Float64Array(this.buf.length * 2 + extra);
    bigger.set(this.buf.subarray(0, this.n));
    this.buf = bigger;
  }

  private index(v: unknown): number {
    let i = this.table.get(v);
    if (i === undefined) {
      i = this.table.size;
      this.table.set(v, i);
      this.added.push(v);
    }
    return i;
  }
}

const ID_FIELDS = NAMES.filter((_, i) => KINDS[i] === 'msg');
const scratch = new Float64Array(2);

/** Whether every message id among `fields` (msg, item, took, gave) is `<int>.<int>`. */
function idsFit(fields: Readonly<Record<string, unknown>>): boolean {
  for (const name of ID_FIELDS) {
    const v = fields[name];
    if (v !== undefined && !putMsg(scratch, 0, v as string)) return false;
  }
  return true;
}

/** Writes `<a>.<b>` (plain non-negative integers) as a and b at `at`; false for any other form. */
function putMsg(b: Float64Array, at: number, msg: string): boolean {
  let a = 0;
  let i = 0;
  let digits = 0;
  for (; i < msg.length; i++, digits++) {
    const c = msg.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    a = a * 10 + c;
  }
  if (digits === 0 || digits > 15 || msg.charCodeAt(i) !== 46 || (digits > 1 && msg.charCodeAt(0) === 48)) return false;
  const start = ++i;
  let s = 0;
  for (; i < msg.length; i++) {
    const c = msg.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    s = s * 10 + c;
  }
  const len = i - start;
  if (len === 0 || len > 15 || (len > 1 && msg.charCodeAt(start) === 48)) return false;
  b[at] = a;
  b[at + 1] = s;
  return true;
}
