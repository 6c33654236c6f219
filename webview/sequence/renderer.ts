/**
 * Draws the visible window of the run on a canvas: lifelines, operation boxes (blocked time in its
 * own colour), collectives as bands, messages as arrows, the deadlock in red. Only what is in the
 * window is visited: lanes are searched by time, boxes narrower than a pixel merge into one run,
 * and arrows between the same two lanes within a few pixels become one arrow with a count.
 */
import { lowerBound } from './growable.js';
import type { MessageIndex } from './message-index.js';
import { BLOCKING, COLLECTIVE, type TraceModel } from './model.js';
import type { Palette } from './theme.js';
import { HEADER, LABELS, type Viewport } from './viewport.js';
import type { DeadlockInfo } from './protocol.js';
import type { Filters } from './filters.js';

/** What the last frame drew, for tests, the accessibility summary and hit testing. */
export interface FrameStats {
  boxes: number;
  mergedBoxes: number;
  arrows: number;
  bundledArrows: number;
  bundledMessages: number;
  bands: number;
  redBoxes: number;
  redEdges: number;
  lastFrameMs: number;
}

export interface DrawnArrow {
  x0: number; y0: number; x1: number; y1: number; msg: number;
}

const BUCKET_PX = 3;

export class Renderer {
  stats: FrameStats = { boxes: 0, mergedBoxes: 0, arrows: 0, bundledArrows: 0, bundledMessages: 0, bands: 0, redBoxes: 0, redEdges: 0, lastFrameMs: 0 };
  arrowsDrawn: DrawnArrow[] = [];
  selected = -1;
  /** While exporting, every shape drawn is also written here as SVG. */
  private svg: string[] | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  draw(m: TraceModel, v: Viewport, p: Palette, f: Filters, msgs: MessageIndex, deadlock: DeadlockInfo | undefined): void {
    const started = performance.now();
    const ctx = this.canvas.getContext('2d')!;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, v.width, v.height);
    ctx.font = p.font;
    const lanes = f.visibleLanes(m);
    const slot = new Int32Array(Math.max(m.lanes.length, 1)).fill(-1);
    lanes.forEach((r, i) => (slot[r] = i));
    const s: FrameStats = { boxes: 0, mergedBoxes: 0, arrows: 0, bundledArrows: 0, bundledMessages: 0, bands: 0, redBoxes: 0, redEdges: 0, lastFrameMs: 0 };
    this.arrowsDrawn = [];
    this.grid(ctx, v, p);
    this.lifelines(ctx, m, v, p, lanes);
    const stuck = new Set(deadlock?.members.map((x) => x.rank) ?? []);
    s.bands = this.bands(ctx, m, v, p, f, slot, lanes.length);
    for (let i = 0; i < lanes.length; i++) this.lane(ctx, m, v, p, f, lanes[i], i, lanes.length, stuck, s);
    this.arrows(ctx, m, v, p, f, msgs, slot, lanes.length, s);
    if (deadlock) s.redEdges = this.waitEdges(ctx, m, v, p, deadlock, slot, lanes.length);
    s.lastFrameMs = performance.now() - started;
    this.stats = s;
  }

  private grid(ctx: CanvasRenderingContext2D, v: Viewport, p: Palette): void {
    const step = niceStep((v.b - v.a) / 8);
    ctx.strokeStyle = p.lifeline;
    ctx.fillStyle = p.muted;
    ctx.lineWidth = 1;
    ctx.globalAlpha = 0.5;
    for (let t = Math.ceil(v.a / step) * step; t <= v.b; t += step) {
      const q = Math.round(v.timeToPx(t)) + 0.5;
      ctx.beginPath();
      if (v.orientation === 'down') {
        ctx.moveTo(0, q);
        ctx.lineTo(v.width, q);
      } else {
        ctx.moveTo(q, HEADER);
        ctx.lineTo(q, v.height);
      }
      ctx.stroke();
      const label = v.timeMode === 'wall' ? formatMicros(t) : `${Math.round(t)}`;
      if (v.orientation === 'down') this.text(ctx, label, 4, q - 3);
      else this.text(ctx, label, q + 3, HEADER - 4);
    }
    ctx.globalAlpha = 1;
  }

  private lifelines(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, lanes: number[]): void {
    ctx.lineWidth = 1;
    ctx.textAlign = v.orientation === 'down' ? 'center' : 'left';
    lanes.forEach((r, i) => {
      const c = Math.round(v.laneCenter(i, lanes.length)) + 0.5;
      ctx.strokeStyle = p.lifeline;
      ctx.beginPath();
      const [x0, y0] = v.xy(c, v.origin);
      const [x1, y1] = v.xy(c, v.origin + v.span + 8);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.fillStyle = p.foreground;
      const name = m.names[r] ?? `rank ${r}`;
      if (v.orientation === 'down') this.text(ctx, name, c, HEADER - 10, v.laneWidth(lanes.length) - 4);
      else this.text(ctx, name, 4, c + 4, LABELS - 8);
    });
    ctx.textAlign = 'left';
  }

  private tOf(m: TraceModel, v: Viewport, k: number): number {
    return v.timeMode === 'wall' ? m.t0.a[k] - m.tMin : m.l0.a[k];
  }

  private tEnd(m: TraceModel, v: Viewport, k: number): number {
    if (v.timeMode === 'wall') return m.endOf(k) - m.tMin;
    const l = m.l1.a[k];
    return l === Infinity ? m.lMax + 1 : l;
  }

  private lane(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, f: Filters, r: number, i: number, n: number, stuck: Set<number>, s: FrameStats): void {
    const idx = m.lanes[r];
    if (!idx) return; // a process that has made no traced call yet
    const c = v.laneCenter(i, n);
    const w = Math.min(Math.max(v.laneWidth(n) * 0.28, 4), 28);
    const key = (j: number): number => this.tOf(m, v, idx.a[j]);
    // Start one op early: it may have begun before the window and still be running in it.
    let j = Math.max(lowerBound(idx.a, 0, idx.n, v.a, key) - 1, 0);
    let runStart = NaN, runEnd = NaN;
    const flush = (): void => {
      if (Number.isNaN(runStart)) return;
      ctx.fillStyle = p.box;
      this.rect(ctx, v, c, w, runStart, Math.max(runEnd, runStart + 1));
      s.mergedBoxes++;
      runStart = runEnd = NaN;
    };
    while (j < idx.n) {
      const k = idx.a[j];
      const t0 = this.tOf(m, v, k);
      if (t0 > v.b) break;
      const t1 = this.tEnd(m, v, k);
      const p0 = v.timeToPx(t0), p1 = v.timeToPx(t1);
      j++;
      if (t1 < v.a || !f.showsOp(m, k)) continue;
      const red = stuck.has(r) && m.t1.a[k] === Infinity && (m.flags.a[k] & BLOCKING) !== 0;
      if (p1 - p0 < 1 && !red && k !== this.selected) {
        if (!Number.isNaN(runStart) && p0 <= runEnd + 1) runEnd = Math.max(runEnd, p1);
        else {
          flush();
          runStart = p0;
          runEnd = p1;
        }
        // Skip everything that would land in this same pixel.
        const next = lowerBound(idx.a, j, idx.n, v.pxToTime(runEnd + 1), key);
        // Calls on one lane follow each other, so only the last one skipped over can be long: keep it.
        j = Math.max(j, next - 1);
        continue;
      }
      flush();
      this.box(ctx, m, v, p, k, c, w, p0, p1, red);
      s.boxes++;
      if (red) s.redBoxes++;
    }
    flush();
  }

  private box(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, k: number, c: number, w: number, p0: number, p1: number, red: boolean): void {
    const flags = m.flags.a[k];
    ctx.fillStyle = red ? p.red : flags & COLLECTIVE ? p.collective : flags & BLOCKING ? p.blocked : p.box;
    ctx.globalAlpha = red ? 0.9 : 0.75;
    this.rect(ctx, v, c, w, p0, Math.max(p1, p0 + 1.5));
    ctx.globalAlpha = 1;
    if (k === this.selected) {
      ctx.strokeStyle = p.selection;
      ctx.lineWidth = 2;
      const [x, y, bw, bh] = this.rectXY(v, c, w + 4, p0 - 2, Math.max(p1, p0 + 1.5) + 2);
      ctx.strokeRect(x, y, bw, bh);
    }
    const len = p1 - p0;
    if (len > 14 && (v.orientation === 'across' ? len : v.laneWidth(1)) > 40) {
      ctx.fillStyle = p.foreground;
      const label = m.str(m.text.a[k]);
      const [x, y] = v.orientation === 'down' ? [c + w / 2 + 3, p0 + 11] : [p0 + 3, c - w / 2 - 3];
      this.text(ctx, label, x, y, v.orientation === 'down' ? v.laneWidth(1) : len - 4);
    }
  }

  private rectXY(v: Viewport, c: number, w: number, p0: number, p1: number): [number, number, number, number] {
    return v.orientation === 'down' ? [c - w / 2, p0, w, p1 - p0] : [p0, c - w / 2, p1 - p0, w];
  }

  private rect(ctx: CanvasRenderingContext2D, v: Viewport, c: number, w: number, p0: number, p1: number): void {
    const [x, y, bw, bh] = this.rectXY(v, c, w, p0, p1);
    ctx.fillRect(x, y, bw, bh);
    this.svg?.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${bh.toFixed(1)}" fill="${ctx.fillStyle}" fill-opacity="${ctx.globalAlpha}"/>`);
  }

  private arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
    arrow(ctx, x0, y0, x1, y1);
    this.svg?.push(`<line x1="${x0.toFixed(1)}" y1="${y0.toFixed(1)}" x2="${x1.toFixed(1)}" y2="${y1.toFixed(1)}" stroke="${ctx.strokeStyle}" stroke-width="${ctx.lineWidth}" marker-end="url(#head)"/>`);
  }

  private text(ctx: CanvasRenderingContext2D, label: string, x: number, y: number, max?: number): void {
    ctx.fillText(label, x, y, max);
    this.svg?.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" fill="${ctx.fillStyle}" text-anchor="${ctx.textAlign === 'center' ? 'middle' : 'start'}">${escapeXml(label)}</text>`);
  }

  /** The frame as an SVG document (what is on screen, at the same level of detail). */
  exportSvg(m: TraceModel, v: Viewport, p: Palette, f: Filters, msgs: MessageIndex, deadlock: DeadlockInfo | undefined): string {
    this.svg = [];
    try {
      this.draw(m, v, p, f, msgs, deadlock);
      const head = `<defs><marker id="head" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="${p.arrow}"/></marker></defs>`;
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${v.width}" height="${v.height}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="${p.background}"/>${head}${this.svg.join('')}</svg>`;
    } finally {
      this.svg = null;
    }
  }

  private bands(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, f: Filters, slot: Int32Array, n: number): number {
    let drawn = 0;
    ctx.fillStyle = p.collective;
    for (const members of m.collectives.values()) {
      let t0 = Infinity, t1 = -Infinity, lo = Infinity, hi = -Infinity;
      for (const k of members) {
        const i = slot[m.rank.a[k]];
        if (i < 0 || !f.showsOp(m, k)) continue;
        t0 = Math.min(t0, this.tOf(m, v, k));
        t1 = Math.max(t1, this.tEnd(m, v, k));
        lo = Math.min(lo, i);
        hi = Math.max(hi, i);
      }
      if (lo > hi || t1 < v.a || t0 > v.b) continue;
      const half = v.laneWidth(n) / 2;
      const c0 = v.laneCenter(lo, n) - half * 0.9, c1 = v.laneCenter(hi, n) + half * 0.9;
      const q0 = v.timeToPx(t0), q1 = Math.max(v.timeToPx(t1), q0 + 2);
      ctx.globalAlpha = 0.16;
      const [x, y, bw, bh] = v.orientation === 'down' ? [c0, q0, c1 - c0, q1 - q0] : [q0, c0, q1 - q0, c1 - c0];
      ctx.fillRect(x, y, bw, bh);
      ctx.globalAlpha = 1;
      drawn++;
    }
    return drawn;
  }

  private arrows(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, f: Filters, msgs: MessageIndex, slot: Int32Array, n: number, s: FrameStats): void {
    const from = lowerBound(msgs.keys, 0, msgs.keys.length, v.a - msgs.maxLatency);
    const buckets = new Map<number, { count: number; x0: number; y0: number; x1: number; y1: number; msg: number }>();
    for (let o = from; o < msgs.order.length && msgs.keys[o] <= v.b; o++) {
      const i = msgs.order[o];
      const ks = m.msgSend.a[i], kr = m.msgRecv.a[i];
      const a = slot[m.rank.a[ks]], b = slot[m.rank.a[kr]];
      if (a < 0 || b < 0 || !f.showsMessage(m, ks)) continue;
      const q0 = v.timeToPx(this.tOf(m, v, ks)), q1 = v.timeToPx(this.tEnd(m, v, kr));
      if (Math.max(q0, q1) < v.origin || Math.min(q0, q1) > v.origin + v.span + 8) continue;
      const key = (a * n + b) * 1e6 + Math.floor(q0 / BUCKET_PX);
      const hit = buckets.get(key);
      if (hit) {
        hit.count++;
        continue;
      }
      const [x0, y0] = v.xy(v.laneCenter(a, n), q0);
      const [x1, y1] = v.xy(v.laneCenter(b, n), q1);
      buckets.set(key, { count: 1, x0, y0, x1, y1, msg: i });
    }
    ctx.strokeStyle = p.arrow;
    ctx.fillStyle = p.arrow;
    for (const b of buckets.values()) {
      ctx.lineWidth = b.count > 1 ? Math.min(1 + Math.log2(b.count), 5) : 1.25;
      this.arrow(ctx, b.x0, b.y0, b.x1, b.y1);
      if (b.count > 1) {
        s.bundledArrows++;
        s.bundledMessages += b.count;
        this.text(ctx, `×${b.count}`, (b.x0 + b.x1) / 2 + 3, (b.y0 + b.y1) / 2 - 3);
      } else s.arrows++;
      if (this.arrowsDrawn.length < 20000) this.arrowsDrawn.push(b);
    }
    ctx.lineWidth = 1;
  }

  /** Dashed red edges from each blocked member of the deadlock to the processes it waits on. */
  private waitEdges(ctx: CanvasRenderingContext2D, m: TraceModel, v: Viewport, p: Palette, d: DeadlockInfo, slot: Int32Array, n: number): number {
    let count = 0;
    const q = Math.min(v.timeToPx(this.tEnd(m, v, Math.max(m.ops - 1, 0))), v.origin + v.span) - 6;
    ctx.strokeStyle = p.red;
    ctx.fillStyle = p.red;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    for (const member of d.members) {
      for (const target of member.waitsOn) {
        const a = slot[member.rank], b = slot[target];
        if (a === undefined || b === undefined || a < 0 || b < 0 || a === b) continue;
        const offset = a < b ? -8 : 8;
        const [x0, y0] = v.xy(v.laneCenter(a, n), q + offset);
        const [x1, y1] = v.xy(v.laneCenter(b, n), q + offset);
        this.arrow(ctx, x0, y0, x1, y1);
        count++;
      }
    }
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    return count;
  }
}

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 8 * Math.cos(angle - 0.4), y1 - 8 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 8 * Math.cos(angle + 0.4), y1 - 8 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const k of [1, 2, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

export function formatMicros(us: number): string {
  if (Math.abs(us) >= 1e6) return `${(us / 1e6).toFixed(2)} s`;
  if (Math.abs(us) >= 1e3) return `${(us / 1e3).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}
