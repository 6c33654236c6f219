/**
 * Sums the time lost per process, call site and pattern as the patterns find it, and keeps each
 * waiting call's interval for the diagram's shading. A long run can wait millions of times: the
 * intervals are trimmed to the longest ones as they grow, so the launcher's memory stays bounded.
 */
import type { OpStartEvent } from '../contract/trace-events.js';
import { WAIT_STATES_VERSION, type WaitInterval, type WaitPattern, type WaitStateReport, type WaitStateRow } from '../contract/wait-states.js';

/** Intervals a report carries at most (the diagram shades these; the table's sums count them all). */
export const MAX_INTERVALS = 20_000;
/** A live report, sent every second to every watcher, carries fewer: the longest ones. */
export const LIVE_INTERVALS = 2000;

/** What released a wait: call `op` of process `rank`, at time `t` (µs since the epoch). */
export interface Cause {
  rank: number;
  op: number;
  t: number;
}

/** What released each wait, by process and then by the waiting call's id (no string key per wait). */
export type Causes = Map<number, Map<number, Cause>>;

export class WaitTally {
  /** Bumped on every loss found: a publisher sends a report only when this moved. */
  changes = 0;
  private readonly rows = new Map<string, WaitStateRow>();
  private intervals: WaitInterval[] = [];
  private omitted = 0;
  private total = 0;

  /**
   * `edges`: keep what released each wait, for the critical
   * path — one entry per wait of the run, so only where the run's events are kept anyway.
   */
  constructor(private readonly maxIntervals = MAX_INTERVALS, readonly edges?: Causes) {}

  /** Call `start` lost `from`..`to` (µs since the epoch) to `pattern`; nothing when that is empty. */
  add(start: OpStartEvent, pattern: WaitPattern, from: number, to: number, cause?: Cause): void {
    const lost = to - from;
    if (!(lost > 0)) return;
    if (cause && this.edges) {
      let byId = this.edges.get(start.rank);
      if (!byId) this.edges.set(start.rank, (byId = new Map()));
      byId.set(start.id, cause);
    }
    const where = start.site ? `${start.site.file}:${start.site.line}` : start.op;
    const key = `${start.rank}|${pattern}|${where}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { rank: start.rank, pattern, op: start.op, lostUs: 0, count: 0, ...(start.site ? { site: start.site } : {}) };
      this.rows.set(key, row);
    }
    row.lostUs += lost;
    row.count++;
    this.total += lost;
    this.changes++;
    this.intervals.push({ rank: start.rank, op: start.id, pattern, from, to });
    if (this.intervals.length >= 2 * this.maxIntervals) this.trim();
  }

  report(final: boolean): WaitStateReport {
    this.trim();
    const rows = [...this.rows.values()].map((r) => ({ ...r })).sort((a, b) => b.lostUs - a.lostUs || a.rank - b.rank);
    const cap = final ? this.maxIntervals : Math.min(LIVE_INTERVALS, this.maxIntervals);
    const intervals = this.intervals.length <= cap ? this.intervals.slice() : longest(this.intervals.slice(), cap);
    const omitted = this.omitted + this.intervals.length - intervals.length;
    return { v: WAIT_STATES_VERSION, rows, intervals, intervalsOmitted: omitted, totalUs: this.total, final };
  }

  /** Keeps the longest intervals only. */
  private trim(): void {
    if (this.intervals.length <= this.maxIntervals) return;
    this.omitted += this.intervals.length - this.maxIntervals;
    this.intervals = longest(this.intervals, this.maxIntervals);
  }
}

/** The `n` longest of `list` (sorted in place). */
function longest(list: WaitInterval[], n: number): WaitInterval[] {
  list.sort((a, b) => b.to - b.from - (a.to - a.from));
  list.length = Math.min(list.length, n);
  return list;
}
