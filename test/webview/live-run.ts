/// <reference lib="dom" />
/**
 * A live run of 100 k events/s played into a fresh diagram page: the ring trace's events happen in
 * real time from the start (each shifted to now), and every 50 ms the batch of what has happened
 * is posted, as the panel host's feed does. The page logs, for every frame it draws, when it drew
 * it and the newest event it showed.
 */
import type { Browser } from 'playwright-core';
import type { EventColumns } from '../../webview/sequence/protocol.js';
import { eventsShown } from './screen.js';
import { openDiagram } from './harness.js';
import type { TimingHooks } from './timing/hooks.js';
import { buildRingTrace } from './ring-trace.js';

export const RATE = 100_000;

export interface LiveRun {
  events: number;
  /** The events the status line counts at the end. */
  eventCount: number;
  posted: number;
  /** ms since the epoch: the program's start and end, and its newest event. */
  startMs: number;
  endMs: number;
  newestMs: number;
  /** [when drawn, newest event shown], ms since the epoch. */
  frames: [number, number][];
}

export async function playLiveRun(browser: Browser): Promise<LiveRun> {
  const d = await openDiagram(browser, { timing: true });
  try {
    const tickMs = 50, seconds = 4;
    // Batches of 50 ms each, as the panel host's feed sends a live run; 9 ranks × 2 events a round.
    const events = await d.page.evaluate(buildRingTrace, { events: RATE * seconds, batch: (RATE * tickMs) / 1000, roundUs: (18 / RATE) * 1e6 });
    await d.page.evaluate(() => (globalThis as unknown as { gc(): void }).gc());
    const run = await d.page.evaluate(({ tickMs, np }) => {
      const w = window as unknown as { RankscopeCodec: typeof import('../../webview/sequence/codec.js'); __batches: EventColumns[]; __rankscopeTiming: TimingHooks; __v: number };
      const batches = w.__batches;
      const nowMs = (): number => performance.timeOrigin + performance.now();
      const newest = (b: EventColumns): number => b.t.reduce((a, t) => Math.max(a, t), -Infinity);
      w.__rankscopeTiming.logFrames();
      window.postMessage({ type: 'session', v: w.__v, title: 'live', names: Array.from({ length: np }, (_, r) => `rank ${r}`), live: true }, '*');
      // The program runs in real time from now on: each event happens at its time shifted to now.
      // A batch is posted once all its events have happened, as the host's 50 ms timer would.
      const startMs = nowMs();
      const shift = startMs * 1000 - batches[0].t[0];
      let next = 0;
      let newestMs = 0;
      return new Promise<{ startMs: number; endMs: number; newestMs: number; frames: [number, number][]; posted: number }>((resolve) => {
        const pump = (): void => {
          while (next < batches.length && newest(batches[next]) + shift <= nowMs() * 1000) {
            const b = batches[next++];
            for (let i = 0; i < b.count; i++) b.t[i] += shift;
            newestMs = Math.max(newestMs, newest(b) / 1000);
            window.postMessage({ type: 'events', v: w.__v, batch: b }, '*', w.RankscopeCodec.transferList(b));
          }
          if (next < batches.length) return void setTimeout(pump, tickMs);
          const endMs = nowMs();
          // Let the last batch reach the screen, then read what every frame showed.
          setTimeout(() => resolve({ startMs, endMs, newestMs, frames: w.__rankscopeTiming.takeFrameLog(), posted: next }), 1500);
        };
        setTimeout(pump, tickMs);
      });
    }, { tickMs, np: 9 });
    return { events, eventCount: await eventsShown(d.page), ...run };
  } finally {
    await d.close();
  }
}
