/**
 * What the browser tests read and drive (window.__rankscopeDiagram): the last frame's counts, and
 * frames run on demand and timed whole — layout read, index updates, drawing, and the canvas's
 * deferred painting, which chromium finishes when a pixel is read back.
 */
import type { Filters } from './filters.js';
import type { TraceModel } from './model.js';
import { opStart } from './positions.js';
import type { Renderer } from './renderer.js';
import type { Palette } from './theme.js';
import type { Viewport } from './viewport.js';

export interface Diagram {
  canvas: HTMLCanvasElement;
  view: Viewport;
  renderer: Renderer;
  filters: Filters;
  model(): TraceModel;
  /** Draws now (what requestAnimationFrame would run). */
  frame(): void;
  fit(): void;
  loadMs(): number;
  palette(): Palette;
}

/** Returns what to call after every frame drawn. */
export function installTestHooks(d: Diagram): () => void {
  /** While set: [when the frame was drawn, newest event time it shows], both ms since the epoch. */
  let log: [number, number][] | undefined;
  const timed = (change: () => void): number => {
    const started = performance.now();
    change();
    d.frame();
    d.canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    return performance.now() - started;
  };
  (window as unknown as { __rankscopeDiagram: unknown }).__rankscopeDiagram = {
    get stats() {
      const m = d.model();
      return { ...d.renderer.stats, eventCount: m.events, ops: m.ops, messages: m.messages, loadMs: d.loadMs() };
    },
    zoomTo: (a: number, b: number) => timed(() => ([d.view.a, d.view.b, d.view.follow] = [a, b, false])),
    panBy: (f: number) => timed(() => d.view.panBy(f)),
    fit: () => timed(() => d.fit()),
    extent: () => d.view.extent(d.model()),
    /** The last frame's text labels at `y`, left to right, with where each one's ink lies. */
    labelsAt(y: number) {
      const ctx = d.canvas.getContext('2d')!;
      return d.renderer.layer.painted.filter((l) => l.y === y).map((l) => {
        const natural = ctx.measureText(l.s).width;
        const w = Math.min(natural, l.max ?? Infinity);
        const x0 = l.centred ? l.x - w / 2 : l.x;
        // Squeezed: fillText narrowed it to fit its room (hard to read).
        return { s: l.s, x0, x1: x0 + w, squeezed: natural > w + 0.5 };
      }).sort((a, b) => a.x0 - b.x0);
    },
    /** The last frame's time labels with time running down (left-aligned at the left edge), with their widths. */
    timeLabels() {
      const ctx = d.canvas.getContext('2d')!;
      return d.renderer.layer.painted.filter((l) => !l.centred && l.x === 4).map(({ s, x, y }) => ({ s, x, y, w: ctx.measureText(s).width }));
    },
    /** The last frame's arrows, from the send's lane to the receive's (canvas CSS px), for hovering them. */
    arrows: () => d.renderer.arrowsDrawn.map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 })),
    /** Canvas position of op k's start, for clicking it. */
    whereIs(k: number) {
      const m = d.model();
      const lanes = d.filters.visibleLanes(m);
      const i = lanes.indexOf(m.rank.a[k]);
      const [x, y] = d.view.xy(d.view.laneCenter(i, lanes.length), d.view.timeToPx(opStart(m, d.view.timeMode, k)) + 2);
      return { x, y };
    },
    /** Each colour of the palette as it shows over the background: [r, g, b]. */
    colours() {
      const c = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
      const p = d.palette();
      const rgb = (colour: string): number[] => {
        c.globalAlpha = 1;
        c.fillStyle = p.background;
        c.fillRect(0, 0, 1, 1);
        c.fillStyle = colour;
        c.fillRect(0, 0, 1, 1);
        return Array.from(c.getImageData(0, 0, 1, 1).data.slice(0, 3));
      };
      return Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'font').map(([k, v]) => [k, rgb(v)]));
    },
    /** The canvas pixel at x, y (CSS px): [r, g, b]. */
    pixel(x: number, y: number) {
      const dpr = window.devicePixelRatio || 1;
      return Array.from(d.canvas.getContext('2d')!.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data.slice(0, 3));
    },
    logFrames: () => void (log = []),
    takeFrameLog: () => {
      const out = log ?? [];
      log = undefined;
      return out;
    },
  };
  return () => {
    if (!log) return;
    const m = d.model();
    if (d.view.timeMode !== 'wall' || m.events === 0) return;
    const newest = Math.min(m.tMax, m.tMin + d.view.b) / 1000;
    log.push([performance.timeOrigin + performance.now(), newest]);
  };
}
