/**
 * An ended run's record (`.rankscope/runs/<pid>.ended.json`) as a `Run`: already over, it replays
 * to each subscriber what the run was — its processes as last seen (the blocked ones with their
 * pending call), its trace, the deadlock, the end. A viewer that came too late for the live run
 * (a deadlock ends a terminal run at once) then sees it through the same door as a live one.
 */
import * as fs from 'node:fs';
import type { DeadlockReport, ProcessInfo, Run, RunEnd, RunEvent, RunInfo, RunListener, SubscribeOptions } from '../contract/run.js';
import { RECORD_HEAD_KEY, RECORD_PROCESSES_KEY, RUN_WIRE_VERSION, RunWireError, versionMismatch, type EndedRecordHead } from '../contract/run-wire.js';
import { TRACE_SCHEMA_VERSION, type TraceEvent } from '../contract/trace-events.js';
import { waitStatesOf } from '../analysis/wait-states.js';

/** What the record's `rankscope` key (the trace file's own) holds, as far as a Run needs it. */
interface SavedPart {
  version: number;
  names: string[];
  events: TraceEvent[];
  report?: string;
  deadlock?: DeadlockReport;
}

export class RecordRun implements Run {
  readonly info: RunInfo;
  readonly ended: Promise<RunEnd>;
  private readonly replay: RunEvent[];

  private constructor(head: EndedRecordHead, processes: ProcessInfo[], saved: SavedPart) {
    this.info = head.info;
    const end: RunEnd = { outcome: head.outcome, exitCode: head.exitCode, report: saved.report, deadlock: saved.deadlock };
    this.replay = [
      { type: 'processes', processes },
      { type: 'trace', events: saved.events },
      ...(saved.deadlock ? [{ type: 'deadlock', deadlock: saved.deadlock } as const] : []),
      // Worked out again from the events, as the launcher did while the run went on.
      { type: 'wait-states', report: waitStatesOf(saved.events) },
      { type: 'end', end },
    ];
    this.ended = Promise.resolve(end);
  }

  /** Reads a record; throws RunWireError when it is not one, or of another version. */
  static open(file: string): RecordRun {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new RunWireError(`cannot read the run record ${file}: ${(e as Error).message}`);
    }
    const head = json[RECORD_HEAD_KEY] as EndedRecordHead | undefined;
    const saved = json.rankscope as SavedPart | undefined;
    if (!head || !saved || !Array.isArray(saved.events)) throw new RunWireError(`${file} is not a Rankscope run record`);
    if (head.v !== RUN_WIRE_VERSION) throw versionMismatch(`the record ${file}`, head.v);
    if (saved.version !== TRACE_SCHEMA_VERSION) throw new RunWireError(`${file} uses trace format ${saved.version}; this Rankscope reads format ${TRACE_SCHEMA_VERSION}`);
    const processes = (json[RECORD_PROCESSES_KEY] as ProcessInfo[] | undefined) ?? saved.names.map((name, index) => ({ index, name, status: 'finished' as const }));
    return new RecordRun(head, processes, saved);
  }

  subscribe(listener: RunListener, options: SubscribeOptions = {}): () => void {
    for (const e of this.replay) if (options.trace !== false || e.type !== 'trace') listener(e);
    return () => {};
  }

  /** Nothing runs any more: pause, resume and stop have nothing to act on. */
  pause(): void {}

  resume(): void {}

  stop(): Promise<RunEnd> {
    return this.ended;
  }
}
