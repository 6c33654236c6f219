/// <reference lib="dom" />
/**
 * The diagram in VS Code's dark, light and high-contrast themes: its colours come from the theme's
 * variables, and what it draws must stay legible in each — text at 4.5:1 against the background,
 * calls (as painted, read back from the canvas) and message arrows at 3:1 (WCAG's figures for text
 * and for graphics). Screenshots of each theme for the README.
 */
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { exportPicture, lanes } from './picture.js';
import { mainColour, near, themeColours } from './screen.js';
import { openDiagram, settle, type SavedRun } from './harness.js';
import { useBrowser, recorded } from './recorded.js';
import { contrast, THEMES, type ThemeName } from './themes.js';

interface Call { rank: number; op: string; t0: number; t1: number }

/** The longest call (its rank, op and window in µs from the run's start) that `pick` accepts. */
function longest(run: SavedRun, pick: (e: Extract<TraceEvent, { kind: 'op-start' }>) => boolean): Call {
  const t0 = Math.min(...run.events.map((e) => e.t));
  const ends = new Map(run.events.flatMap((e) => (e.kind === 'op-end' ? [[`${e.rank}:${e.id}`, e.t] as const] : [])));
  let best: Call | undefined;
  for (const e of run.events) {
    if (e.kind !== 'op-start') continue;
    const end = ends.get(`${e.rank}:${e.id}`);
    if (pick(e) && end !== undefined && (!best || end - e.t > best.t1 - best.t0)) best = { rank: e.rank, op: e.op, t0: e.t - t0, t1: end - t0 };
  }
  assert.ok(best, 'no such call in the run');
  return best;
}

/**
 * The colour painted in the call's box, with the diagram showing just the call (the window VS Code
 * hands back to a panel the user zoomed there): its box, the tallest on its lane, and what hovering
 * it says (that it is this call).
 */
async function boxColour(browser: Browser, run: SavedRun, theme: ThemeName, call: Call): Promise<number[]> {
  const pad = Math.max((call.t1 - call.t0) * 0.1, 1);
  const d = await openDiagram(browser, { theme, state: { window: [call.t0 - pad, call.t1 + pad] } });
  await d.load(run);
  const pic = await exportPicture(d.page);
  const x = lanes(pic).get(`rank ${call.rank}`)!;
  const box = pic.rects.filter((r) => r.opacity === 1 && Math.abs(r.x + r.w / 2 - x) < 1).sort((a, b) => b.h - a.h)[0];
  assert.ok(box && box.h > 300, `the ${call.op} of rank ${call.rank} fills the screen: ${JSON.stringify(box)}`);
  const rgb = await mainColour(d.page, box);
  const canvas = (await d.page.locator('canvas').boundingBox())!;
  await d.page.mouse.move(canvas.x + x, canvas.y + box.y + box.h / 2);
  await settle(d.page);
  assert.match(await d.page.locator('#tooltip').innerText(), new RegExp(`^rank ${call.rank}: ${call.op}\\b`));
  await d.close();
  return rgb;
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

      const p2p = await recorded('mpi/point-to-point.ts', 9);
      const d = await openDiagram(browser(), { theme });
      await d.load(p2p);
      await d.page.screenshot({ path: screenshotPath(`sequence-p2p${suffix}.png`) });
      const { rgb: c } = await themeColours(d.page);
      await d.close();
      check('text', c.foreground, c.background, 4.5);
      check('time labels', c.muted, c.background, 4.5);
      check('arrows', c.arrow, c.background, 3);
      const send = await boxColour(browser(), p2p, theme, longest(p2p, (e) => e.op === 'send' && !e.wait));
      assert.ok(near(send, c.box), `${theme}: a send is painted rgb(${send}), not the box colour rgb(${c.box})`);
      check('calls', send, c.background, 3);
      const recv = await boxColour(browser(), p2p, theme, longest(p2p, (e) => e.op === 'recv'));
      assert.ok(near(recv, c.blocked), `${theme}: a receive is painted rgb(${recv}), not the blocked colour rgb(${c.blocked})`);
      check('blocked calls', recv, c.background, 3);

      const reduction = await recorded('mpi/reduction.ts', 9);
      const coll = await boxColour(browser(), reduction, theme, longest(reduction, (e) => e.collSeq !== undefined));
      check('collectives', coll, c.background, 3);

      const deadlock = await recorded('mpi/deadlock.ts', 9);
      const x = await openDiagram(browser(), { theme });
      await x.load(deadlock);
      await x.page.screenshot({ path: screenshotPath(`sequence-deadlock${suffix}.png`) });
      // Rank 1's receive, blocked forever: its box, on rank 1's lane, is in the deadlock colour.
      const pic = await exportPicture(x.page);
      const lane1 = lanes(pic).get('rank 1')!;
      const { css } = await themeColours(x.page);
      const stuck = pic.rects.filter((r) => r.fill === css.red && Math.abs(r.x + r.w / 2 - lane1) < 1);
      assert.equal(stuck.length, 1, `${theme}: one red box on rank 1's lane`);
      const red = await mainColour(x.page, stuck[0]);
      assert.ok(near(red, c.red), `${theme}: the deadlocked call is painted rgb(${red}), not red rgb(${c.red})`);
      check('the deadlock', red, c.background, 3);
      await x.close();
      console.log(`      ${theme}: contrast ${ratios.join(', ')}`);
    });
  }
});
