/**
 * Collectives as translucent bands across the lanes of their members. The bands' extents are
 * computed once per change of the model, time mode or filters (not per frame) and kept sorted by
 * start, so a frame visits only the bands in its window; bands that touch within a pixel and span
 * the same lanes share one rectangle.
 */
import type { Frame } from './frame.js';
import { lowerBound } from './growable.js';
import { opEnd, opStart } from './positions.js';

export class BandIndex {
  private basis = '';
  private t0 = new Float64Array(0);
  private t1 = new Float64Array(0);
  private lo = new Int32Array(0);
  private hi = new Int32Array(0);
  /** Longest band: how far before the window one that reaches into it can start. */
  private longest = 0;

  /** `filterKey` names the filters in force (lanes shown, ops shown). */
  draw(fr: Frame, filterKey: string): void {
    const { v, p, layer, n } = fr;
    this.refresh(fr, `${fr.m.version}|${v.timeMode}|${filterKey}`);
    const out = layer.rects(p.collective, 0.16);
    const half = v.laneWidth(n) / 2;
    let run = -1, r0 = 0, r1 = 0;
    const flush = (): void => {
      if (run < 0) return;
      const c0 = v.laneCenter(this.lo[run], n) - half * 0.9, c1 = v.laneCenter(this.hi[run], n) + half * 0.9;
      out.push(...(v.orientation === 'down' ? [c0, r0, c1 - c0, r1 - r0] : [r0, c0, r1 - r0, c1 - c0]));
      run = -1;
    };
    for (let i = lowerBound(this.t0, 0, this.t0.length, v.a - this.longest); i < this.t0.length && this.t0[i] <= v.b; i++) {
      if (this.t1[i] < v.a) continue;
      const q0 = v.timeToPx(this.t0[i]), q1 = Math.max(v.timeToPx(this.t1[i]), q0 + 2);
      if (run >= 0 && this.lo[i] === this.lo[run] && this.hi[i] === this.hi[run] && q0 <= r1 + 1) {
        r1 = Math.max(r1, q1);
        continue;
      }
      flush();
      [run, r0, r1] = [i, q0, q1];
    }
    flush();
  }

  private refresh(fr: Frame, basis: string): void {
    if (basis === this.basis) return;
    this.basis = basis;
    const { m, v, f, slot } = fr;
    const bands: [number, number, number, number][] = [];
    for (const members of m.collectives.values()) {
      let t0 = Infinity, t1 = -Infinity, lo = Infinity, hi = -Infinity;
      for (const k of members) {
        const i = slot[m.rank.a[k]];
        if (i < 0 || !f.showsOp(m, k)) continue;
        t0 = Math.min(t0, opStart(m, v.timeMode, k));
        t1 = Math.max(t1, opEnd(m, v.timeMode, k));
        lo = Math.min(lo, i);
        hi = Math.max(hi, i);
      }
      if (lo <= hi) bands.push([t0, t1, lo, hi]);
    }
    bands.sort((a, b) => a[0] - b[0]);
    this.t0 = Float64Array.from(bands, (b) => b[0]);
    this.t1 = Float64Array.from(bands, (b) => b[1]);
    this.lo = Int32Array.from(bands, (b) => b[2]);
    this.hi = Int32Array.from(bands, (b) => b[3]);
    this.longest = bands.reduce((l, b) => Math.max(l, b[1] - b[0]), 0);
  }
}
