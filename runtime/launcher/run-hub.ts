/**
 * The one `Run` a launcher publishes: it keeps what a late subscriber's replay needs (every
 * process's latest state, the trace events when kept, inspector targets, the deadlock, the end)
 * and fans each new event out to every listener. The local Job and the cluster Coordinator both
 * publish through one, so every watcher sees either the same way.
 */
import type { InspectorTarget, ProcessInfo, Run, RunEnd, RunEvent, RunInfo, RunListener, SubscribeOptions, DeadlockReport } from '../contract/run.js';
import type { TraceEvent } from '../contract/trace-events.js';
import { WaitStatePublisher } from './wait-state-publisher.js';

/** What the publisher does when a watcher gives a command. */
export interface RunControl {
  /** `processes`: only those (by index) instead of all. */
  suspend(on: boolean, processes?: readonly number[]): void;
  /** Opens the processes' inspectors (they were started ready for one); absent where none can. */
  openInspectors?(): void;
  stop(signal: 'SIGINT' | 'SIGTERM'): void;
}

interface Subscriber {
  listener: RunListener;
  trace: boolean;
}

export class RunHub implements Run {
  readonly ended: Promise<RunEnd>;
  private readonly subscribers: Subscriber[] = [];
  private readonly processes: ProcessInfo[] = [];
  private readonly events: TraceEvent[] = [];
  private readonly inspectors: InspectorTarget[] = [];
  private deadlock: DeadlockReport | undefined;
  private readonly waits = new WaitStatePublisher((report) => this.emit({ type: 'wait-states', report }), () => (this.keepTrace ? this.events : undefined));
  private end: RunEnd | undefined;
  private resolveEnded!: (end: RunEnd) => void;

  /** `keepTrace`: keep every trace event for replay (a run nobody will draw keeps none). */
  constructor(readonly info: RunInfo, private readonly control: RunControl, readonly keepTrace: boolean) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  subscribe(listener: RunListener, options: SubscribeOptions = {}): () => void {
    const sub: Subscriber = { listener, trace: options.trace ?? true };
    if (this.processes.length > 0) call(sub, { type: 'processes', processes: this.processes.filter(Boolean) });
    if (sub.trace && this.events.length > 0) call(sub, { type: 'trace', events: this.events.slice() });
    for (const target of this.inspectors) call(sub, { type: 'inspector', target });
    if (this.deadlock) call(sub, { type: 'deadlock', deadlock: this.deadlock });
    if (this.waits.last) call(sub, { type: 'wait-states', report: this.waits.last });
    if (this.end) {
      call(sub, { type: 'end', end: this.end });
      return () => {};
    }
    this.subscribers.push(sub);
    return () => {
      const i = this.subscribers.indexOf(sub);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /** Whether anyone needs trace events made: a keeper of them, or a listener. */
  get wantsTrace(): boolean {
    return this.keepTrace || this.subscribers.some((s) => s.trace);
  }

  pause(processes?: readonly number[]): void {
    if (!this.end) this.control.suspend(true, processes);
  }

  openInspectors(): void {
    if (!this.end) this.control.openInspectors?.();
  }

  resume(): void {
    if (!this.end) this.control.suspend(false);
  }

  stop(signal: 'SIGINT' | 'SIGTERM' = 'SIGTERM'): Promise<RunEnd> {
    if (!this.end) {
      // A paused process would not die of SIGTERM until continued: let them all go first.
      this.control.suspend(false);
      this.control.stop(signal);
    }
    return this.ended;
  }

  processesChanged(changed: ProcessInfo[]): void {
    if (changed.length === 0 || this.end) return;
    for (const p of changed) this.processes[p.index] = p;
    this.emit({ type: 'processes', processes: changed });
  }

  trace(events: readonly TraceEvent[]): void {
    if (events.length === 0 || this.end) return;
    if (this.keepTrace) for (const e of events) this.events.push(e);
    this.emit({ type: 'trace', events });
    this.waits.add(events);
  }

  output(stream: 'stdout' | 'stderr', text: string): void {
    if (!this.end) this.emit({ type: 'output', stream, text });
  }

  inspector(target: InspectorTarget): void {
    if (this.end) return;
    this.inspectors.push(target);
    this.emit({ type: 'inspector', target });
  }

  /** The deadlock, the moment it forms: told once. */
  deadlockFound(deadlock: DeadlockReport): void {
    if (this.deadlock || this.end) return;
    this.deadlock = deadlock;
    this.emit({ type: 'deadlock', deadlock });
  }

  /** The last event; then `ended` resolves and every listener is let go. */
  finish(end: RunEnd): void {
    if (this.end) return;
    this.waits.finish();
    this.end = { ...end, deadlock: end.deadlock ?? this.deadlock };
    this.emit({ type: 'end', end: this.end });
    this.subscribers.length = 0;
    this.resolveEnded(this.end);
  }

  private emit(event: RunEvent): void {
    for (const sub of this.subscribers.slice()) {
      if (event.type !== 'trace' || sub.trace) call(sub, event);
    }
  }
}

/** A watcher's fault must not stop the launcher watching the run (nor the other watchers). */
function call(sub: Subscriber, event: RunEvent): void {
  try {
    sub.listener(event);
  } catch (e) {
    process.stderr.write(`rankscope: a watcher of the run failed on its '${event.type}' event: ${e instanceof Error ? e.stack : String(e)}\n`);
  }
}
