/**
 * Collectives' own messages as arrows inside their bands, in the text colour a little faded (the
 * user's messages are green; the collective colour would vanish on the collective's own boxes,
 * where each arrow starts and ends): how a broadcast went down its tree, an alltoall round by round. Like the
 * bands (bands.ts), positions are computed once per change of the model, time mode or filters and
 * kept sorted by send, so a frame visits only the arrows near its window.
 */
import { head } from './arrows.js';
import type { CollectiveTraffic } from './collective-traffic.js';
import type { Frame } from './frame.js';
import { lowerBound } from './growable.js';
import type { TraceModel } from './model.js';
import type { TimeMode } from './viewport.js';

/** Arrows of one lane pair closer than this along time share one (a zoomed-out run of thousands of collectives). */
const BUCKET_PX = 2;
/** Faded enough that the user's green arrows stand out over a busy collective. */
export const ARROW_ALPHA = 0.7;

export class CollectiveArrows {
  private basis = '';
  private q0 = new Float64Array(0);
  private q1 = new Float64Array(0);
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  /** Longest send-to-receive distance: how far before the window an arrow reaching into it starts. */
  private longest = 0;
  /** Arrows the last frame drew (for the tests and the status line). */
  drawn = 0;

  draw(fr: Frame, traffic: CollectiveTraffic, filterKey: string): void {
    const { v, p, layer, n } = fr;
    this.refresh(fr, traffic, `${fr.m.version}|${v.timeMode}|${filterKey}`);
    const lines = layer.lines(p.foreground, 1, ARROW_ALPHA);
    const last = new Map<number, number>();
    this.drawn = 0;
    for (let i = lowerBound(this.q0, 0, this.q0.length, v.a - this.longest); i < this.q0.length && this.q0[i] <= v.b; i++) {
      if (this.q1[i] < v.a) continue;
      const a = v.timeToPx(this.q0[i]), b = v.timeToPx(this.q1[i]);
      const pair = this.from[i] * 0x10000 + this.to[i];
      if (Math.abs(a - (last.get(pair) ?? -Infinity)) < BUCKET_PX) continue;
      last.set(pair, a);
      const [x0, y0] = v.xy(v.laneCenter(this.from[i], n), a);
      const [x1, y1] = v.xy(v.laneCenter(this.to[i], n), b);
      lines.push(x0, y0, x1, y1);
      head(lines, x0, y0, x1, y1);
      this.drawn++;
    }
  }

  private refresh(fr: Frame, t: CollectiveTraffic, basis: string): void {
    if (basis === this.basis) return;
    this.basis = basis;
    const { m, v, f, slot } = fr;
    const arrows: [number, number, number, number][] = [];
    for (let x = 0; x < t.count; x++) {
      const s = t.sendOp.a[x], r = t.recvOp.a[x];
      if (s < 0 || r < 0) continue;
      const a = slot[t.src.a[x]], b = slot[t.dst.a[x]];
      if (a === undefined || b === undefined || a < 0 || b < 0 || !f.showsOp(m, s)) continue;
      arrows.push([position(m, v.timeMode, s, t.tSend.a[x]), position(m, v.timeMode, r, t.tRecv.a[x]), a, b]);
    }
    arrows.sort((x, y) => x[0] - y[0]);
    this.q0 = Float64Array.from(arrows, (x) => x[0]);
    this.q1 = Float64Array.from(arrows, (x) => x[1]);
    this.from = Int32Array.from(arrows, (x) => x[2]);
    this.to = Int32Array.from(arrows, (x) => x[3]);
    this.longest = arrows.reduce((l, x) => Math.max(l, x[1] - x[0]), 0);
  }
}

/**
 * Where time t inside op k lies on the axis: in wall time itself; in logical time the same
 * fraction of the op's ticks, so the arrows keep their order within the band.
 */
function position(m: TraceModel, mode: TimeMode, k: number, t: number): number {
  if (mode === 'wall') return t - m.tMin;
  const t0 = m.t0.a[k], t1 = m.t1.a[k], l0 = m.l0.a[k], l1 = m.l1.a[k];
  return t1 > t0 ? l0 + ((l1 - l0) * (t - t0)) / (t1 - t0) : l0;
}
