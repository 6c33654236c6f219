/**
 * One run as the diagram shows it: process names, trace events (growing while the job runs), the
 * deadlock and the outcome. Made from a live Job, or from a saved trace file.
 */
import * as fs from 'node:fs';
import type { Job } from '../../runtime/launcher/job.js';
import type { SavedRun } from '../../runtime/launcher/chrome-trace.js';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { TRACE_SCHEMA_VERSION } from '../../runtime/contract/trace-events.js';
import type { DeadlockInfo } from '../../webview/sequence/protocol.js';

export interface RunEnd {
  outcome: string;
  exitCode: number;
  report?: string;
}

export interface RunRecord {
  title: string;
  live: boolean;
  names(): string[];
  /** Append-only while the run is live. */
  readonly events: readonly TraceEvent[];
  deadlock?: DeadlockInfo;
  end?: RunEnd;
  /** Called when the deadlock or the end arrives. */
  onChange?: () => void;
}

export function liveRun(title: string, job: Job): RunRecord {
  const run: RunRecord = { title, live: true, names: () => job.state.ranks.map((r) => r.name), events: job.events };
  job.onDeadlock((d) => {
    run.deadlock = d;
    run.onChange?.();
  });
  void job.result.then((r) => {
    run.end = { outcome: r.outcome, exitCode: r.exitCode, report: r.report };
    run.deadlock ??= r.deadlock;
    run.live = false;
    run.onChange?.();
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
    deadlock: saved.deadlock as DeadlockInfo | undefined,
    end: saved.outcome ? { outcome: saved.outcome, exitCode: saved.exitCode ?? 0, report: saved.report } : undefined,
  };
}
