/**
 * The time lost waiting, shaded on the lifelines: a tinted, hatched band over the part of each
 * call that waited (the report's intervals), so what the Wait states table sums is seen where it
 * happened; and the run's critical path beside them, when the report has it (critical-path.ts). Intervals are wall-clock times: in logical time a call's length means nothing, and
 * nothing is shaded. Sorted once per report, a frame visits only those in its window.
 */
import type { WaitInterval, WaitStateReport } from '../../runtime/contract/wait-states.js';
import { drawCriticalPath } from './critical-path.js';
import type { Frame } from './frame.js';
import { lowerBound } from './growable.js';
import { rectXY } from './lane-boxes.js';
import type { TraceModel } from './model.js';
import { formatMicros } from './stats.js';
import { PATTERNS } from './wait-table.js';

/** Hatch lines this far apart along time (px); a long band gets at most MAX_HATCH of them. */
const HATCH_PX = 6;
const MAX_HATCH = 300;

export class WaitShading {
  private intervals: WaitInterval[] = [];
  private from = new Float64Array(0);
  private longest = 0;
  private basis: WaitStateReport | undefined;

  /** The report shaded now. */
  get report(): WaitStateReport | undefined {
    return this.basis;
  }

  /** The report to shade (undefined: none). */
  show(report: WaitStateReport | undefined): void {
    if (report === this.basis) return;
    this.basis = report;
    this.intervals = (report?.intervals ?? []).slice().sort((a, b) => a.from - b.from);
    this.from = Float64Array.from(this.intervals, (i) => i.from);
    this.longest = this.intervals.reduce((l, i) => Math.max(l, i.to - i.from), 0);
  }

  /** What call `k` lost waiting, as lines for its tooltip and details ('' when nothing). */
  note(m: TraceModel, k: number): string {
    const rank = m.rank.a[k], t0 = m.t0.a[k], t1 = m.t1.a[k];
    const lines: string[] = [];
    for (let i = lowerBound(this.from, 0, this.from.length, t0); i < this.from.length && this.from[i] <= t1; i++) {
      const iv = this.intervals[i];
      if (iv.rank !== rank || iv.to > t1) continue;
      const [name, why] = PATTERNS[iv.pattern];
      lines.push(`\nlost ${formatMicros(iv.to - iv.from)} waiting: ${name} (${why})`);
    }
    return lines.join('');
  }

  draw(fr: Frame): void {
    const { m, v, p, layer, slot, n } = fr;
    drawCriticalPath(fr, this.basis?.criticalPath ?? []);
    if (v.timeMode !== 'wall' || this.intervals.length === 0) return;
    const tint = layer.rects(p.red, 0.22);
    const hatch = layer.lines(p.red, 1, 0.7);
    // Wider than a call's box, so the box shows through the band's middle and the band around it.
    const w = Math.min(Math.max(v.laneWidth(n) * 0.28, 4), 28) + 8;
    const end = v.b + m.tMin;
    for (let i = lowerBound(this.from, 0, this.from.length, v.a + m.tMin - this.longest); i < this.from.length && this.from[i] <= end; i++) {
      const iv = this.intervals[i];
      const s = slot[iv.rank];
      if (s === undefined || s < 0) continue;
      const q1 = v.timeToPx(iv.to - m.tMin);
      if (q1 < v.origin) continue;
      const q0 = Math.max(v.timeToPx(iv.from - m.tMin), v.origin - 1);
      const c = v.laneCenter(s, n);
      tint.push(...rectXY(v, c, w, q0, Math.max(q1, q0 + 1)));
      const step = Math.max(HATCH_PX, (q1 - q0) / MAX_HATCH);
      for (let q = q0; q + 2 < q1; q += step) hatch.push(...v.xy(c - w / 2, q), ...v.xy(c + w / 2, Math.min(q + HATCH_PX, q1)));
    }
  }
}
