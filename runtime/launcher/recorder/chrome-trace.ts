/**
 * Writes a run's trace as Chrome Trace Event JSON (Perfetto, chrome://tracing): one track per rank,
 * a complete slice per operation, and a flow arrow from every send to the receive that matched it.
 */
import * as fs from 'node:fs';
import { formatSite } from '../../contract/site-format.js';
import { TRACE_SCHEMA_VERSION, type OpEndEvent, type OpStartEvent, type TraceEvent } from '../../contract/trace-events.js';
import type { DeadlockReport, Outcome } from '../../contract/run.js';

interface ChromeEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  id?: number;
  cat?: string;
  bp?: string;
  args?: Record<string, unknown>;
}

export function toChromeTrace(events: readonly TraceEvent[], names: readonly string[]): { traceEvents: ChromeEvent[]; displayTimeUnit: string } {
  const t0 = events.reduce((m, e) => Math.min(m, e.t), Infinity);
  const out: ChromeEvent[] = [{ name: 'process_name', ph: 'M', pid: 0, tid: 0, args: { name: 'rankscope job' } }];
  names.forEach((name, rank) => {
    out.push({ name: 'thread_name', ph: 'M', pid: 0, tid: rank, args: { name } });
    out.push({ name: 'thread_sort_index', ph: 'M', pid: 0, tid: rank, args: { sort_index: rank } });
  });
  const starts = new Map<string, OpStartEvent>();
  const flowIds = new Map<string, number>();
  const flowId = (msg: string): number => {
    let id = flowIds.get(msg);
    if (id === undefined) flowIds.set(msg, (id = flowIds.size + 1));
    return id;
  };
  for (const e of events) {
    if (e.kind === 'op-start') {
      starts.set(`${e.rank}:${e.id}`, e);
      continue;
    }
    const s = starts.get(`${e.rank}:${e.id}`);
    if (!s) continue;
    starts.delete(`${e.rank}:${e.id}`);
    out.push(slice(s, e, t0));
    if (s.msg && s.peer !== undefined && s.peer >= 0) {
      out.push({ name: 'message', cat: 'msg', ph: 's', id: flowId(s.msg), pid: 0, tid: s.rank, ts: s.t - t0 });
    }
    if (e.msg) {
      out.push({ name: 'message', cat: 'msg', ph: 'f', bp: 'e', id: flowId(e.msg), pid: 0, tid: e.rank, ts: e.t - t0 });
    }
  }
  // Operations still open at the end (a deadlock, a crash) are shown up to the last event.
  const tEnd = events.reduce((m, e) => Math.max(m, e.t), -Infinity);
  for (const s of starts.values()) {
    const open = slice(s, { kind: 'op-end', rank: s.rank, id: s.id, t: tEnd }, t0);
    open.args = { ...open.args, unfinished: true };
    out.push(open);
  }
  return { traceEvents: out, displayTimeUnit: 'ms' };
}

function slice(s: OpStartEvent, e: OpEndEvent, t0: number): ChromeEvent {
  const args: Record<string, unknown> = { call: s.text, comm: s.comm, at: formatSite(s.site) };
  if (s.peer !== undefined) args.peer = s.peer;
  if (s.tag !== undefined) args.tag = s.tag;
  if (s.bytes !== undefined || e.bytes !== undefined) args.bytes = e.bytes ?? s.bytes;
  if (e.peer !== undefined) args.from = e.peer;
  if (e.error) args.error = e.error;
  return { name: s.op, cat: s.collSeq !== undefined ? 'collective' : 'p2p', ph: 'X', pid: 0, tid: s.rank, ts: s.t - t0, dur: Math.max(e.t - s.t, 0), args };
}

/**
 * What Rankscope adds to the Chrome trace (under the key `rankscope`, which Perfetto and
 * chrome://tracing ignore) so the sequence diagram can reopen the run exactly as it was seen live.
 */
export interface SavedRun {
  version: typeof TRACE_SCHEMA_VERSION;
  names: string[];
  events: TraceEvent[];
  outcome?: Outcome;
  exitCode?: number;
  report?: string;
  deadlock?: DeadlockReport;
  /** The deadlock a run that went well escaped only because its sends were buffered. */
  potentialDeadlock?: DeadlockReport;
}

export function writeChromeTrace(file: string, events: readonly TraceEvent[], names: readonly string[], run: Omit<SavedRun, 'version' | 'names' | 'events'> = {}): void {
  const saved: SavedRun = { version: TRACE_SCHEMA_VERSION, names: [...names], events: [...events], ...run };
  fs.writeFileSync(file, JSON.stringify({ ...toChromeTrace(events, names), rankscope: saved }));
}
