/// <reference lib="dom" />
/**
 * One measurement of the 1 M-event trace in a fresh page: its load (posted as the panel host
 * posts a replay, until the whole run is drawn) and 80 pan and zoom frames, each in a task of its
 * own as a wheel or key event would be. Wall time comes from the page's clock (a frame's includes
 * its painting, which reading a pixel back makes chromium finish); main-thread CPU time from a
 * trace (a frame's includes the page's rendering update after it).
 */
import type { Browser, Page } from 'playwright-core';
import type { EventColumns } from '../../webview/sequence/protocol.js';
import { eventsShown, inkCounts, themeColours } from './screen.js';
import { openDiagram, settle } from './harness.js';
import type { TimingHooks } from './timing/hooks.js';
import { traceMainThread } from './main-thread-cpu.js';
import { buildRingTrace } from './ring-trace.js';

export interface MillionFigures {
  events: number;
  loadMs: number;
  loadCpuMs: number;
  /** The frame that ends the load: the whole run. */
  fitMs: number;
  frameMs: number[];
  frameCpuMs: number[];
  /** What the whole run looks like after the frames: the events the status line counts, and the pixels of calls and arrows. */
  shown: { events: number; callPixels: number; arrowPixels: number };
}

const FRAMES = 80;

export async function measureMillion(browser: Browser): Promise<MillionFigures> {
  const d = await openDiagram(browser, { timing: true });
  try {
    const events = await d.page.evaluate(buildRingTrace, { events: 1_000_000, batch: 50_000, roundUs: 100 });
    // The page built the trace (in VS Code the extension host encodes it): collect that garbage now.
    await d.page.evaluate(() => (globalThis as unknown as { gc(): void }).gc());
    const stop = await traceMainThread(d.page);
    const wall = await d.page.evaluate(runInPage, 9);
    const cpu = await stop();
    return {
      events, ...wall,
      loadCpuMs: cpu.between('load-start', 'load-end'),
      frameCpuMs: Array.from({ length: FRAMES }, (_, i) => cpu.taskAt(`frame-${i}`, `frame-${i + 1}`)),
      shown: await wholeRun(d.page),
    };
  } finally {
    await d.close();
  }
}

/** The whole run again, as the user asks for it (Home on the timeline), read from the screen. */
async function wholeRun(page: Page): Promise<MillionFigures['shown']> {
  await page.locator('#timeline canvas').press('Home');
  await settle(page);
  const { rgb } = await themeColours(page);
  const [callPixels, arrowPixels] = await inkCounts(page, [rgb.box, rgb.arrow], rgb.background);
  return { events: await eventsShown(page), callPixels, arrowPixels };
}

/** Runs in the page: the load, then the frames (and a last mark to end the last frame's task). */
function runInPage(np: number): Promise<{ loadMs: number; fitMs: number; frameMs: number[] }> {
  const w = window as unknown as { RankscopeCodec: typeof import('../../webview/sequence/codec.js'); __batches: EventColumns[]; __rankscopeTiming: TimingHooks; __v: number };
  const h = w.__rankscopeTiming;
  const batches = w.__batches;
  const total = batches.reduce((n, b) => n + b.count, 0);
  const task = <T>(f: () => T): Promise<T> => new Promise((r) => setTimeout(() => r(f()), 0));
  return new Promise((resolve, reject) => {
    performance.mark('load-start');
    const started = performance.now();
    window.postMessage({ type: 'session', v: w.__v, title: '1M', names: Array.from({ length: np }, (_, r) => `rank ${r}`), live: false, events: total }, '*');
    for (const batch of batches) window.postMessage({ type: 'events', v: w.__v, batch }, '*', w.RankscopeCodec.transferList(batch));
    window.postMessage({ type: 'ended', v: w.__v, outcome: 'ok', exitCode: 0 }, '*');
    const wait = async (): Promise<void> => {
      if (h.events() < total) return void setTimeout(() => void wait().catch(reject), 5);
      // Loaded means the whole run is on screen: the first full frame is part of the load.
      const fitMs = h.fit();
      const loadMs = performance.now() - started;
      performance.mark('load-end');
      const e = h.extent();
      const frames: (() => number)[] = [];
      for (let i = 0; i < 20; i++) frames.push(() => h.panBy(0.05));
      for (let i = 1; i <= 20; i++) frames.push(() => h.zoomTo(0, e / 1.6 ** i));
      for (let i = 0; i < 20; i++) frames.push(() => h.panBy(0.2));
      for (let i = 1; i <= 20; i++) frames.push(() => h.zoomTo(e * 0.4, e * 0.4 + e / 1.4 ** i));
      const frameMs: number[] = [];
      for (const [i, frame] of frames.entries()) frameMs.push(await task(() => (performance.mark(`frame-${i}`), frame())));
      await task(() => performance.mark(`frame-${frames.length}`));
      resolve({ loadMs, fitMs, frameMs });
    };
    // A failing frame rejects the measurement instead of leaving it pending forever.
    wait().catch(reject);
  });
}
