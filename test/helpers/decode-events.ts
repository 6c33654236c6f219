/**
 * Batches of EventColumns back into trace events, for tests that check what the host posted to the
 * diagram (the webview itself reads the columns straight into its model and never needs this).
 */
import type { OpEndEvent, OpStartEvent, TraceEvent } from '../../runtime/contract/trace-events.js';
import type { StringDecoder } from '../../webview/sequence/codec.js';
import { NONE, type EventColumns } from '../../webview/sequence/protocol.js';

/** Decodes a batch into trace events, adding its new strings to `strings` (the receiver's table). */
export function decodeEvents(c: EventColumns, strings: StringDecoder): TraceEvent[] {
  strings.add(c);
  const out: TraceEvent[] = new Array(c.count);
  const opt = (n: number): number | undefined => (n === NONE ? undefined : n);
  for (let i = 0; i < c.count; i++) {
    const base = { rank: c.rank[i], id: c.id[i], t: c.t[i], peer: opt(c.peer[i]), tag: opt(c.tag[i]), msg: strings.get(c.msg[i]), bytes: Number.isNaN(c.bytes[i]) ? undefined : c.bytes[i] };
    if (c.kind[i] & 1) {
      const e: OpEndEvent = { kind: 'op-end', ...base, error: strings.get(c.error[i]), ok: c.ok[i] === NONE ? undefined : c.ok[i] === 1 };
      out[i] = stripUndefined(e);
      continue;
    }
    const file = strings.get(c.file[i]);
    const wait = strings.get(c.wait[i]);
    const e: OpStartEvent = {
      kind: 'op-start', ...base, op: strings.get(c.op[i]) ?? '?', text: strings.get(c.text[i]) ?? '?', comm: strings.get(c.comm[i]) ?? '',
      root: opt(c.root[i]), collSeq: opt(c.collSeq[i]), obj: strings.get(c.obj[i]),
      wait: wait === undefined ? undefined : JSON.parse(wait),
      site: file === undefined ? undefined : { file, line: c.line[i], column: c.column[i] },
    };
    out[i] = stripUndefined(e);
  }
  return out;
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
