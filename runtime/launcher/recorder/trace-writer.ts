/**
 * The trace file as a watcher of the run: it collects the run's trace events and process names
 * and, when the run ends, writes them as Chrome Trace Event JSON with how the run ended (the
 * diagram reopens it exactly as it was seen live).
 */
import type { DeadlockReport, Run } from '../../contract/run.js';
import type { TraceEvent } from '../../contract/trace-events.js';
import { writeChromeTrace } from './chrome-trace.js';

export function recordTrace(run: Run, file: string): void {
  const names: string[] = [];
  const events: TraceEvent[] = [];
  let deadlock: DeadlockReport | undefined;
  run.subscribe((e) => {
    switch (e.type) {
      case 'processes':
        for (const p of e.processes) names[p.index] = p.name;
        return;
      case 'trace':
        // One push per event: a replay may hold more events than a call takes arguments.
        for (const t of e.events) events.push(t);
        return;
      case 'deadlock':
        deadlock = e.deadlock;
        return;
      case 'end': {
        // A program that never started (it did not build) leaves no trace to write.
        if (names.length === 0) return;
        const { outcome, exitCode, report, potentialDeadlock } = e.end;
        writeChromeTrace(file, events, names, { outcome, exitCode, report, deadlock: e.end.deadlock ?? deadlock, potentialDeadlock });
        return;
      }
    }
  });
}
