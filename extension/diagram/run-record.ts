/**
 * One run as the diagram shows it: process names, trace events (growing while the run goes on),
 * the deadlock and the end. Made from a live `Run` (by subscribing), or from a saved trace file.
 */
import * as fs from 'node:fs';
import type { DeadlockReport, Run, RunEnd, SavedRun } from '../../runtime/launcher/index.js';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { TRACE_SCHEMA_VERSION } from '../../runtime/contract/trace-events.js';

export interface RunRecord {
  title: string;
  live: boolean;
  names(): string[];
  /** Append-only while the run is live. */
  readonly events: readonly TraceEvent[];
  deadlock?: DeadlockReport;
  end?: RunEnd;
  /** Called when the deadlock or the end arrives. */
  onChange?: () => void;
}

export function liveRun(title: string, source: Run): RunRecord {
  const names: string[] = [];
  const events: TraceEvent[] = [];
  const run: RunRecord = { title, live: true, names: () => names.slice(), events };
  source.subscribe((e) => {
    switch (e.type) {
      case 'processes':
        for (const p of e.processes) names[p.index] = p.name;
        return;
      case 'trace':
        for (const t of e.events) events.push(t);
        return;
      case 'deadlock':
        run.deadlock = e.deadlock;
        return run.onChange?.();
      case 'end':
        run.end = e.end;
        run.deadlock ??= e.end.deadlock;
        run.live = false;
        return run.onChange?.();
      default:
        return;
    }
  });
  return run;
}

export class TraceFileError extends Error {}

/** Reads a trace written by `rankscope run --trace` or by the panel's export. */
export function savedRun(file: string): RunRecord {
  let json: { rankscope?: SavedRun };
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TraceFileError(`Rankscope: cannot read ${file} as a trace: ${(e as Error).message}`);
  }
  const saved = json.rankscope;
  if (!saved || !Array.isArray(saved.events)) {
    throw new TraceFileError(`Rankscope: ${file} has no Rankscope events; open a file written by 'rankscope run --trace FILE' or by the diagram's export`);
  }
  if (saved.version !== TRACE_SCHEMA_VERSION) {
    throw new TraceFileError(`Rankscope: ${file} uses trace format ${saved.version}; this Rankscope reads format ${TRACE_SCHEMA_VERSION}`);
  }
  return {
    title: file.split(/[\\/]/).pop()!,
    live: false,
    names: () => saved.names,
    events: saved.events,
    deadlock: saved.deadlock,
    end: saved.outcome ? { outcome: saved.outcome, exitCode: saved.exitCode ?? 0, report: saved.report } : undefined,
  };
}
