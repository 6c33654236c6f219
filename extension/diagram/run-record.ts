/**
 * What the diagram's panel shows: a `Run` with a title. A live run comes from the debug adapter;
 * a saved trace file is read back as a Run too (ended, replay only), so the panel has one input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeadlockReport, ProcessInfo, Run, RunEnd, RunEvent, RunInfo, RunListener, SavedRun, SubscribeOptions } from '../../runtime/launcher/index.js';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { TRACE_SCHEMA_VERSION } from '../../runtime/contract/trace-events.js';
import { waitStatesOf } from '../../runtime/analysis/wait-states.js';

export interface TitledRun {
  title: string;
  run: Run;
}

export class TraceFileError extends Error {}

/** Reads a trace written by `rankscope run --trace` or by the panel's export. */
export function savedRun(file: string): TitledRun {
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
  return { title: path.basename(file), run: new SavedTraceRun(file, saved) };
}

/** A run read back from its trace file: everything is replay, and it has ended. */
class SavedTraceRun implements Run {
  readonly info: RunInfo;
  readonly ended: Promise<RunEnd>;
  private readonly end: RunEnd;

  constructor(file: string, private readonly saved: SavedRun) {
    const t0 = saved.events.reduce((m, e) => Math.min(m, e.t), Infinity);
    this.info = { program: file, programPath: path.resolve(file), cwd: path.dirname(path.resolve(file)), np: saved.names.length, startedAt: Number.isFinite(t0) ? t0 / 1000 : 0, launcher: 'a trace file', pid: 0 };
    // A trace exported while its run went on says no outcome: the run was cut off there.
    this.end = { outcome: saved.outcome ?? 'interrupted', exitCode: saved.exitCode ?? 0, report: saved.report, deadlock: saved.deadlock, potentialDeadlock: saved.potentialDeadlock };
    this.ended = Promise.resolve(this.end);
  }

  subscribe(listener: RunListener, options: SubscribeOptions = {}): () => void {
    // A trace file keeps each process's name only; how each one ended is in the events.
    const processes: ProcessInfo[] = this.saved.names.map((name, index) => ({ index, name, status: 'finished' }));
    listener({ type: 'processes', processes });
    if (options.trace ?? true) listener({ type: 'trace', events: this.saved.events });
    if (this.saved.deadlock) listener({ type: 'deadlock', deadlock: this.saved.deadlock });
    // A trace file keeps no analysis: it is worked out from the events, as the launcher did.
    listener({ type: 'wait-states', report: waitStatesOf(this.saved.events) });
    listener({ type: 'end', end: this.end });
    return () => {};
  }

  pause(): void {}

  resume(): void {}

  stop(): Promise<RunEnd> {
    return this.ended;
  }
}

/** A run so far, in one piece (for an export): its replay, taken at once. */
export interface RunSnapshot {
  names: string[];
  events: TraceEvent[];
  deadlock?: DeadlockReport;
  end?: RunEnd;
}

export function snapshot(run: Run): RunSnapshot {
  const s: RunSnapshot = { names: [], events: [] };
  const take = (e: RunEvent): void => {
    if (e.type === 'processes') for (const p of e.processes) s.names[p.index] = p.name;
    else if (e.type === 'trace') for (const t of e.events) s.events.push(t);
    else if (e.type === 'deadlock') s.deadlock = e.deadlock;
    else if (e.type === 'end') s.end = e.end;
  };
  // The replay is told synchronously: once it is in, stop listening.
  run.subscribe(take)();
  return s;
}
