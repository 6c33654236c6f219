/// <reference lib="dom" />
/**
 * What the timing tests (the 1 M-event trace, the live run) drive and read in the page, as
 * window.__rankscopeTiming: frames drawn on demand and timed whole (layout read, index updates,
 * drawing, and the canvas's deferred painting, which chromium finishes when a pixel is read
 * back), the events taken in, and a log of the frames drawn. Only the timing bundle (entry.ts)
 * carries this; the shipped dist/webview/sequence.js has none of it (shipped-bundle.test.ts).
 */
import type { diagram } from '../../../webview/sequence/main.js';

type Diagram = typeof diagram;

export interface TimingHooks {
  /** Events the diagram holds. */
  events(): number;
  zoomTo(a: number, b: number): number;
  panBy(fraction: number): number;
  fit(): number;
  extent(): number;
  logFrames(): void;
  /** [when the frame was drawn, newest event time it shows], both ms since the epoch. */
  takeFrameLog(): [number, number][];
}

export function installTimingHooks(d: Diagram): void {
  let log: [number, number][] | undefined;
  const timed = (change: () => void): number => {
    const started = performance.now();
    change();
    d.clock.now();
    d.canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    return performance.now() - started;
  };
  // Every frame drawn, however it was asked for, goes through the renderer: log it there.
  const draw = d.renderer.draw.bind(d.renderer);
  d.renderer.draw = (...args) => {
    draw(...args);
    const m = d.model();
    if (!log || d.view.timeMode !== 'wall' || m.events === 0) return;
    const newest = Math.min(m.tMax, m.tMin + d.view.b) / 1000;
    log.push([performance.timeOrigin + performance.now(), newest]);
  };
  const hooks: TimingHooks = {
    events: () => d.model().events,
    zoomTo: (a, b) => timed(() => ([d.view.a, d.view.b, d.view.follow] = [a, b, false])),
    panBy: (f) => timed(() => d.view.panBy(f)),
    fit: () => timed(() => d.fit()),
    extent: () => d.view.extent(d.model()),
    logFrames: () => void (log = []),
    takeFrameLog: () => {
      const out = log ?? [];
      log = undefined;
      return out;
    },
  };
  (window as unknown as { __rankscopeTiming: TimingHooks }).__rankscopeTiming = hooks;
}
