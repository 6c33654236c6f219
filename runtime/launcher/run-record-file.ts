/**
 * The record a published run leaves when it ends (`<pid>.ended.json`): a trace file the diagram
 * opens like any `rankscope run --trace` file, with one line in front that says which run it was
 * and how it ended, so a list of runs reads that line and not the whole trace.
 */
import * as fs from 'node:fs';
import type { DeadlockReport, ProcessInfo, RunEnd, RunEvent, RunInfo } from '../contract/run.js';
import { RECORD_HEAD_KEY, RECORD_PROCESSES_KEY, RUN_WIRE_VERSION, type EndedRecordHead } from '../contract/run-wire.js';
import { TRACE_SCHEMA_VERSION, type TraceEvent } from '../contract/trace-events.js';
import { toChromeTrace, type SavedRun } from './recorder/chrome-trace.js';

/** Trace events a record keeps at most; past it the record says how many it left out. */
export const RECORD_EVENT_CAP = 200_000;

/** Collects from a run's events what its record needs: names, trace events, deadlock, end. */
export class RunRecorder {
  readonly names: string[] = [];
  /** Every process as last seen before the end (blocked ones with their pending call). */
  readonly processes: ProcessInfo[] = [];
  readonly events: TraceEvent[] = [];
  skipped = 0;
  deadlock: DeadlockReport | undefined;

  constructor(private readonly cap = RECORD_EVENT_CAP) {}

  add(e: RunEvent): void {
    if (e.type === 'processes') {
      for (const p of e.processes) {
        this.names[p.index] = p.name;
        this.processes[p.index] = p;
      }
    }
    else if (e.type === 'deadlock') this.deadlock = e.deadlock;
    else if (e.type === 'trace') {
      const room = Math.max(this.cap - this.events.length, 0);
      for (let i = 0; i < Math.min(room, e.events.length); i++) this.events.push(e.events[i]);
      this.skipped += Math.max(e.events.length - room, 0);
    }
  }
}

/** Writes the record; returns a note for the user when events were left out. */
export function writeEndedRecord(file: string, info: RunInfo, rec: RunRecorder, end: RunEnd): string | undefined {
  const names = Array.from(rec.names, (n, i) => n ?? `process ${i}`);
  const head: EndedRecordHead = { v: RUN_WIRE_VERSION, info, outcome: end.outcome, exitCode: end.exitCode, endedAt: Date.now(), skipped: rec.skipped };
  const note = rec.skipped > 0 ? `rankscope: the run's record keeps its first ${rec.events.length} trace events and leaves out ${rec.skipped} (use --trace FILE for all of them)` : undefined;
  const saved = {
    version: TRACE_SCHEMA_VERSION,
    names,
    events: rec.events,
    outcome: end.outcome,
    exitCode: end.exitCode,
    report: note && end.report ? `${end.report}\n${note}` : (end.report ?? note),
    deadlock: end.deadlock ?? rec.deadlock,
  } satisfies SavedRun;
  const body = JSON.stringify({ ...toChromeTrace(rec.events, names), rankscope: saved });
  // The head on a line of its own (JSON never holds a raw newline), then the processes as they
  // were last seen (an attached debug session lists them), then the trace file's keys.
  const processes = Array.from(rec.processes, (p, index) => p ?? { index, name: names[index], status: 'finished' });
  fs.writeFileSync(`${file}.tmp`, `{${JSON.stringify(RECORD_HEAD_KEY)}:${JSON.stringify(head)},\n${JSON.stringify(RECORD_PROCESSES_KEY)}:${JSON.stringify(processes)},\n${body.slice(1)}`);
  fs.renameSync(`${file}.tmp`, file);
  return note;
}
