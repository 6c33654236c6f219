/**
 * Draws the visible window of the run on a canvas: the grid and lifelines, collectives as bands
 * (their own messages as arrows inside, collective-arrows.ts), calls as boxes (blocked time in its
 * own colour), messages as arrows, the deadlock in red. Every
 * part visits only what is in the window and merges what is finer than a pixel (lane-boxes.ts,
 * arrows.ts, bands.ts), and shapes are painted in batches by style (layer.ts).
 */
import { drawArrows, head } from './arrows.js';
import { BandIndex } from './bands.js';
import { CollectiveArrows } from './collective-arrows.js';
import type { Filters } from './filters.js';
import type { DrawnArrow, Frame, FrameStats } from './frame.js';
import { drawGrid, drawLifelines, drawTimeLabels } from './grid.js';
import { drawLane } from './lane-boxes.js';
import { Layer } from './layer.js';
import { WaitShading } from './wait-shading.js';
import type { MessageIndex } from './message-index.js';
import type { TraceModel } from './model.js';
import { opEnd } from './positions.js';
import type { DeadlockReport } from '../../runtime/contract/run.js';
import type { Palette } from './theme.js';
import type { Viewport } from './viewport.js';

export type { DrawnArrow, FrameStats };

export class Renderer {
  stats: FrameStats = { lastFrameMs: 0 };
  arrowsDrawn: DrawnArrow[] = [];
  selected = -1;
  /** The time lost waiting, shaded over the calls (main.ts gives it the report). */
  readonly waits = new WaitShading();
  /** Whether collectives' own messages are drawn inside their bands (the toolbar's toggle). */
  collectiveTraffic = true;
  readonly collectiveArrows = new CollectiveArrows();
  private readonly layer = new Layer();
  private readonly bands = new BandIndex();
  private readonly ctx: CanvasRenderingContext2D;

  constructor(canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
  }

  /** Draws the frame; with `svg`, also writes every shape into it. */
  draw(m: TraceModel, v: Viewport, p: Palette, f: Filters, msgs: MessageIndex, deadlock: DeadlockReport | undefined, svg: string[] | null = null): void {
    const started = performance.now();
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, v.width, v.height);
    ctx.font = p.font;
    const lanes = f.visibleLanes(m);
    const slot = new Int32Array(Math.max(m.lanes.length, m.names.length, 1)).fill(-1);
    lanes.forEach((r, i) => (slot[r] = i));
    const fr: Frame = { m, v, p, f, layer: this.layer, slot, n: lanes.length, selected: this.selected };
    const paint = (): void => this.layer.paint(ctx, svg, dpr);
    drawGrid(fr);
    drawLifelines(fr, lanes);
    paint();
    this.bands.draw(fr, `${f.key}|${f.state.ranks}`);
    paint();
    const stuck = new Set(deadlock?.members.map((x) => x.rank) ?? []);
    lanes.forEach((r, i) => drawLane(fr, r, i, stuck.has(r)));
    paint();
    this.waits.draw(fr);
    paint();
    if (this.collectiveTraffic) this.collectiveArrows.draw(fr, m.traffic, `${f.key}|${f.state.ranks}`);
    else this.collectiveArrows.drawn = 0;
    this.arrowsDrawn = drawArrows(fr, msgs);
    if (deadlock) waitEdges(fr, deadlock);
    drawTimeLabels(fr);
    paint();
    this.stats = { lastFrameMs: performance.now() - started };
  }

  /** The frame as an SVG document (what is on screen, at the same level of detail). */
  exportSvg(m: TraceModel, v: Viewport, p: Palette, f: Filters, msgs: MessageIndex, deadlock: DeadlockReport | undefined): string {
    const svg: string[] = [];
    this.draw(m, v, p, f, msgs, deadlock, svg);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${v.width}" height="${v.height}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="${p.background}"/>${svg.join('')}</svg>`;
  }
}

/** Dashed red edges from each blocked member of the deadlock to the processes it waits on. */
function waitEdges(fr: Frame, d: DeadlockReport): void {
  const { m, v, p, layer, slot, n } = fr;
  const q = Math.min(v.timeToPx(opEnd(m, v.timeMode, Math.max(m.ops - 1, 0))), v.origin + v.span) - 6;
  const lines = layer.lines(p.red, 2, 1, [6, 4]);
  const heads = layer.lines(p.red, 2);
  for (const member of d.members) {
    for (const target of member.waitsOn) {
      const a = slot[member.rank], b = slot[target];
      if (a === undefined || b === undefined || a < 0 || b < 0 || a === b) continue;
      const offset = a < b ? -8 : 8;
      const [x0, y0] = v.xy(v.laneCenter(a, n), q + offset);
      const [x1, y1] = v.xy(v.laneCenter(b, n), q + offset);
      lines.push(x0, y0, x1, y1);
      head(heads, x0, y0, x1, y1);
    }
  }
}
