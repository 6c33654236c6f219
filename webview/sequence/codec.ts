/**
 * Trace events → EventColumns. The host encodes ~50 ms of events into one batch of typed arrays;
 * the webview reads the columns straight into its model (model.ts). Both keep a string table
 * that grows identically, batch by batch.
 */
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { END, NONE, TURNED, type EventColumns } from './protocol.js';

/** Sender side: assigns each distinct string an index once. */
export class StringEncoder {
  private readonly index = new Map<string, number>();
  private pending: string[] = [];

  id(s: string | undefined): number {
    if (s === undefined) return NONE;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
      this.pending.push(s);
    }
    return i;
  }

  /** The strings added since the last call, in index order. */
  takeNew(): string[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

const int = (n: number | undefined): number => (n === undefined ? NONE : n);

export function encodeEvents(events: readonly TraceEvent[], strings: StringEncoder): EventColumns {
  const n = events.length;
  const c: EventColumns = {
    count: n, newStrings: [], kind: new Uint8Array(n), rank: new Int32Array(n), id: new Int32Array(n), t: new Float64Array(n),
    op: new Int32Array(n), text: new Int32Array(n), comm: new Int32Array(n), msg: new Int32Array(n), obj: new Int32Array(n),
    error: new Int32Array(n), file: new Int32Array(n), wait: new Int32Array(n), peer: new Int32Array(n), tag: new Int32Array(n),
    root: new Int32Array(n), collSeq: new Int32Array(n), line: new Int32Array(n), column: new Int32Array(n),
    bytes: new Float64Array(n), ok: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i];
    const s = e.kind === 'op-start' ? e : undefined;
    const end = e.kind === 'op-end' ? e : undefined;
    // A multiprocessing item's id (never an MPI message, whose ids look alike: hence the prefix).
    const item = e.item ?? s?.took ?? end?.gave;
    c.kind[i] = (s ? 0 : END) | (s?.took !== undefined || end?.gave !== undefined ? TURNED : 0);
    c.rank[i] = e.rank;
    c.id[i] = e.id;
    c.t[i] = e.t;
    c.op[i] = strings.id(s?.op);
    c.text[i] = strings.id(s?.text);
    c.comm[i] = strings.id(s?.comm);
    c.msg[i] = e.msg !== undefined ? strings.id(e.msg) : item !== undefined ? strings.id(`mp${item}`) : NONE;
    c.obj[i] = strings.id(s?.obj);
    c.error[i] = strings.id(end?.error);
    c.file[i] = strings.id(s?.site?.file);
    c.wait[i] = strings.id(s?.wait ? JSON.stringify(s.wait) : undefined);
    c.peer[i] = int(e.peer);
    c.tag[i] = int(e.tag);
    c.root[i] = int(s?.root);
    c.collSeq[i] = int(s?.collSeq);
    c.line[i] = int(s?.site?.line);
    c.column[i] = int(s?.site?.column);
    c.bytes[i] = e.bytes ?? NaN;
    c.ok[i] = end?.ok === undefined ? NONE : end.ok ? 1 : 0;
  }
  c.newStrings = strings.takeNew();
  encodeTraffic(events, c);
  return c;
}

/** The collectives' traffic lists, end to end in one column, when the batch has any. */
function encodeTraffic(events: readonly TraceEvent[], c: EventColumns): void {
  let total = 0;
  for (const e of events) if (e.kind === 'op-end' && e.traffic) total += e.traffic.length;
  if (total === 0) return;
  const from = new Int32Array(events.length + 1);
  const traffic = new Float64Array(total);
  let n = 0;
  events.forEach((e, i) => {
    from[i] = n;
    if (e.kind !== 'op-end' || !e.traffic) return;
    traffic.set(e.traffic, n);
    n += e.traffic.length;
  });
  from[events.length] = n;
  c.trafficFrom = from;
  c.traffic = traffic;
}

/** Receiver side: the table the sender's indices point into. */
export class StringDecoder {
  readonly table: string[] = [];

  add(batch: EventColumns): void {
    // An indexed loop: a replay brings a quarter of a million message ids, and the iterator cost.
    const add = batch.newStrings;
    for (let i = 0; i < add.length; i++) this.table.push(add[i]);
  }

  get(i: number): string | undefined {
    return i === NONE ? undefined : this.table[i];
  }
}

/**
 * The buffers under a batch's columns. VS Code hands a webview the ArrayBuffers of a posted message
 * as a transfer list (its webview host frame forwards `postMessage(message, origin, transfer)`), so
 * the columns move without a copy; tests deliver batches the same way.
 */
export function transferList(c: EventColumns): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(c)) if (ArrayBuffer.isView(v) && !out.includes(v.buffer as ArrayBuffer)) out.push(v.buffer as ArrayBuffer);
  return out;
}
