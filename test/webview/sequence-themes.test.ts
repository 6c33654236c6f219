/// <reference lib="dom" />
/**
 * The diagram in VS Code's dark, light and high-contrast themes: its colours come from the theme's
 * variables, and what it draws must stay legible in each — text at 4.5:1 against the background,
 * calls (as painted, read back from the canvas) and message arrows at 3:1 (WCAG's figures for text
 * and for graphics). Screenshots of each theme for the README.
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { openDiagram, type Diagram, type SavedRun } from './harness.js';
import { useBrowser, recorded } from './recorded.js';
import { contrast, THEMES, type ThemeName } from './themes.js';

interface Hooks {
  colours(): Record<string, number[]>;
  pixel(x: number, y: number): number[];
  whereIs(k: number): { x: number; y: number };
  zoomTo(a: number, b: number): number;
  fit(): number;
}

type W = { __rankscopeDiagram: Hooks };

/** The longest call (its op index and window in µs from the run's start) that `pick` accepts. */
function longest(run: SavedRun, pick: (e: Extract<TraceEvent, { kind: 'op-start' }>) => boolean): { k: number; t0: number; t1: number } {
  const t0 = Math.min(...run.events.map((e) => e.t));
  const ends = new Map(run.events.flatMap((e) => (e.kind === 'op-end' ? [[`${e.rank}:${e.id}`, e.t] as const] : [])));
  let best = { k: -1, t0: 0, t1: 0 }, k = 0;
  for (const e of run.events) {
    if (e.kind !== 'op-start') continue;
    const end = ends.get(`${e.rank}:${e.id}`);
    if (pick(e) && end !== undefined && end - e.t > best.t1 - best.t0) best = { k, t0: e.t - t0, t1: end - t0 };
    k++;
  }
  assert.ok(best.k >= 0, 'no such call in the run');
  return best;
}

/** The colour painted in the middle of call k's box, zoomed so the box is tall. */
async function boxColour(d: Diagram, call: { k: number; t0: number; t1: number }): Promise<number[]> {
  const pad = Math.max((call.t1 - call.t0) * 0.1, 1);
  return d.page.evaluate(([k, a, b]) => {
    const h = (window as unknown as W).__rankscopeDiagram;
    h.zoomTo(a, b);
    const at = h.whereIs(k);
    return h.pixel(at.x, at.y + 100);
  }, [call.k, call.t0 - pad, call.t1 + pad] as const);
}

describe('sequence diagram themes (chromium)', function () {
  this.timeout(120000);
  const browser = useBrowser();

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`is legible in the ${theme} theme: text 4.5:1, calls and arrows 3:1 against the background`, async () => {
      const suffix = theme === 'dark' ? '' : `-${theme}`;
      const ratios: string[] = [];
      const check = (what: string, colour: number[], bg: number[], min: number): void => {
        const r = contrast(colour, bg);
        ratios.push(`${what} ${r.toFixed(1)}`);
        assert.ok(r >= min, `${theme}: ${what} rgb(${colour}) on rgb(${bg}) has contrast ${r.toFixed(2)} (needs ${min})`);
      };
      const near = (a: number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - b[i]) <= 8);

      const p2p = await recorded('mpi/point-to-point.ts', 9);
      const d = await openDiagram(browser(), undefined, theme);
      await d.load(p2p);
      await d.page.screenshot({ path: screenshotPath(`sequence-p2p${suffix}.png`) });
      const c = await d.page.evaluate(() => (window as unknown as W).__rankscopeDiagram.colours());
      check('text', c.foreground, c.background, 4.5);
      check('time labels', c.muted, c.background, 4.5);
      check('arrows', c.arrow, c.background, 3);
      const send = await boxColour(d, longest(p2p, (e) => e.op === 'send' && !e.wait));
      assert.ok(near(send, c.box), `${theme}: a send is painted rgb(${send}), not the box colour rgb(${c.box})`);
      check('calls', send, c.background, 3);
      const recv = await boxColour(d, longest(p2p, (e) => e.op === 'recv'));
      assert.ok(near(recv, c.blocked), `${theme}: a receive is painted rgb(${recv}), not the blocked colour rgb(${c.blocked})`);
      check('blocked calls', recv, c.background, 3);
      await d.close();

      const reduction = await recorded('mpi/reduction.ts', 9);
      const r = await openDiagram(browser(), undefined, theme);
      await r.load(reduction);
      const coll = await boxColour(r, longest(reduction, (e) => e.collSeq !== undefined));
      check('collectives', coll, c.background, 3);
      await r.close();

      const deadlock = await recorded('mpi/deadlock.ts', 9);
      const x = await openDiagram(browser(), undefined, theme);
      await x.load(deadlock);
      await x.page.screenshot({ path: screenshotPath(`sequence-deadlock${suffix}.png`) });
      const stuck = deadlock.events.filter((e) => e.kind === 'op-start').findIndex((e) => e.rank === 1 && e.op === 'recv');
      const red = await x.page.evaluate((k) => {
        const h = (window as unknown as W).__rankscopeDiagram;
        h.fit();
        const at = h.whereIs(k);
        return h.pixel(at.x, at.y + 20);
      }, stuck);
      assert.ok(near(red, c.red), `${theme}: the deadlocked call is painted rgb(${red}), not red rgb(${c.red})`);
      check('the deadlock', red, c.background, 3);
      await x.close();
      console.log(`      ${theme}: contrast ${ratios.join(', ')}`);
    });
  }
});
