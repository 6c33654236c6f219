/**
 * The launcher's wait-state analysis of its run: fed the trace events the RunHub publishes, it
 * tells the run's watchers a report at most once a second while the run goes on (a report is a
 * table, not a stream: a watcher needs it current, not at every event) and a final one at the end.
 */
import { WaitStateAnalyzer } from '../analysis/wait-states.js';
import type { TraceEvent } from '../contract/trace-events.js';
import type { WaitStateReport } from '../contract/wait-states.js';

/** At most one live report per this many ms. */
export const REPORT_EVERY_MS = 1000;

export class WaitStatePublisher {
  /** The last report told (a late subscriber's replay gives it). */
  last: WaitStateReport | undefined;
  private analyzer: WaitStateAnalyzer | undefined;
  /** The tally's change count last told: a live report goes out only once a wait was found since. */
  private told = 0;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  /**
   * `events`: the run's events when the hub keeps them all (undefined: it keeps none); only then
   * can the final report have the critical path.
   */
  constructor(private readonly publish: (report: WaitStateReport) => void, private readonly events: () => readonly TraceEvent[] | undefined, private readonly everyMs = REPORT_EVERY_MS) {}

  add(events: readonly TraceEvent[]): void {
    if (this.done) return;
    // Made at the first events: a run that makes none (nobody wants a trace) has no report at all.
    this.analyzer ??= new WaitStateAnalyzer(undefined, this.events() !== undefined);
    if (!this.safely(() => this.analyzer!.add(events))) return;
    if (this.analyzer.tally.changes !== this.told && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.tell(false);
      }, this.everyMs);
      // A report due must not keep a finished launcher alive.
      this.timer.unref();
    }
  }

  /** The final report (when there were events), told before the run's end. */
  finish(): void {
    if (this.done) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.tell(true);
    this.done = true;
  }

  private tell(final: boolean): void {
    if (!this.analyzer || this.done) return;
    if (!final && this.analyzer.tally.changes === this.told) return;
    this.told = this.analyzer.tally.changes;
    const analyzer = this.analyzer;
    if (this.safely(() => (this.last = analyzer.report(final, final ? this.events() : undefined)))) this.publish(this.last!);
  }

  /**
   * An analysis is worth less than the run it watches: a fault in it is said once and ends the
   * analysis, never the trace's flow or the run's end.
   */
  private safely(f: () => unknown): boolean {
    try {
      f();
      return true;
    } catch (e) {
      process.stderr.write(`rankscope: the wait-state analysis failed (the run goes on without it): ${e instanceof Error ? e.stack : String(e)}\n`);
      this.done = true;
      clearTimeout(this.timer);
      return false;
    }
  }
}
