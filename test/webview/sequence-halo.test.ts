/// <reference lib="dom" />
/**
 * Issue 19: the halo exchange of samples/mpi/heat-2d.ts (4 ranks, a 2 x 2 Cartesian grid, row-major
 * 0 1 / 2 3) as a student sees it in the sequence diagram: one step zoomed in, each neighbour
 * message an arrow in the arrow colour whose tooltip names the sender, the receiver and the
 * direction ("Neighbor_alltoall: to neighbour 1"); the Matrix tab counts messages between grid
 * neighbours only, never along a diagonal (0↔3, 1↔2).
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { around, crop } from '../helpers/screenshots.js';
import { exportPicture, length } from './picture.js';
import { inkOf, pixelsAt, themeColours } from './screen.js';
import { openDiagram, settle, tableTab } from './harness.js';
import { useBrowser, recorded } from './recorded.js';

const HEADER = 28; // webview/sequence/viewport.ts: the lane names above the time axis
const NEIGHBOURS = ['0→1', '1→0', '0→2', '2→0', '1→3', '3→1', '2→3', '3→2'];

/** Halo exchange `step`'s time span (µs since the run's first event): its sends to their receives' ends. */
function stepSpan(events: TraceEvent[], step: number): [number, number] {
  const t0 = Math.min(...events.flatMap((e) => (e.kind === 'op-start' ? [e.t] : [])));
  const ends = new Map<string, number>();
  for (const e of events) if (e.kind === 'op-end' && e.msg) ends.set(e.msg, e.t);
  // Each rank sends each neighbour one message per step: the step-th of them, 8 in all.
  const sends = new Map<string, { t: number; msg: string }[]>();
  for (const e of events) {
    if (e.kind !== 'op-start' || e.op !== 'Neighbor_alltoall' || !e.msg || e.peer === undefined) continue;
    const key = `${e.rank}→${e.peer}`;
    sends.set(key, [...(sends.get(key) ?? []), { t: e.t, msg: e.msg }]);
  }
  assert.deepEqual([...sends.keys()].sort(), [...NEIGHBOURS].sort());
  const these = [...sends.values()].map((l) => l.sort((x, y) => x.t - y.t)[step - 1]);
  const a = Math.min(...these.map((s) => s.t));
  const b = Math.max(...these.map((s) => ends.get(s.msg)!));
  return [a - t0, b - t0];
}

describe('sequence diagram webview (chromium): the halo exchange of heat-2d', function () {
  this.timeout(180000);
  const browser = useBrowser();

  it('draws each neighbour message as an arrow between grid neighbours, labelled with its direction, and none on a diagonal', async () => {
    const run = await recorded('mpi/heat-2d.ts', 4);
    // Step 2: the first one pays for the ranks' start-up.
    const [a, b] = stepSpan(run.events, 2);
    // One step, with a margin, fills the screen: every message its own arrow. The window is the
    // one VS Code hands back to a panel shown again after the user zoomed there.
    const margin = (b - a) * 0.15;
    const d = await openDiagram(browser(), { size: { width: 900, height: 700 }, theme: 'light', state: { window: [a - margin, b + margin] } });
    await d.load(run);
    const { rgb, css } = await themeColours(d.page);
    const [arrow, bg] = [rgb.arrow, rgb.background];
    // The arrows: lines in the arrow colour longer than an arrowhead's 8 px strokes.
    const pic = await exportPicture(d.page);
    const segs = pic.lines.filter((l) => l.stroke === css.arrow && length(l) > 9);
    // The time axis shows that window: its labels (`12.5 ms` down the left edge) lie inside it.
    const UNIT: Record<string, number> = { µs: 1, ms: 1e3, s: 1e6 };
    const ticks = pic.texts.filter((t) => !t.centred && t.x === 4).map((t) => /^(-?[\d.]+) (µs|ms|s)$/.exec(t.s)!).map((m) => Number(m[1]) * UNIT[m[2]]);
    assert.ok(ticks.length >= 3 && ticks.every((t) => t >= a - margin && t <= b + margin), `time labels ${ticks} (µs), the window ${a - margin}…${b + margin}`);
    assert.ok(segs.length >= NEIGHBOURS.length, `${segs.length} arrows drawn`);

    const canvas = (await d.page.locator('canvas').boundingBox())!;
    // The lane width: the shortest arrow spans one lane (0→1).
    const laneW = Math.min(...segs.map((s) => Math.abs(s.x1 - s.x0)));
    const seen = new Map<string, string>();
    for (const s of segs) {
      // Half a lane from the sender: between two lanes, off every call's box.
      const t = Math.min(0.5, (laneW / 2) / Math.max(Math.abs(s.x1 - s.x0), 1));
      const x = s.x0 + t * (s.x1 - s.x0), y = s.y0 + t * (s.y1 - s.y0);
      // A later step's send can start in the margin, its arrow running on below the screen.
      if (y < HEADER || y > canvas.height - 2) continue;
      // What the user sees there: a stroke of the arrow colour (antialiased: near it, on one of
      // the pixels around the line).
      const ink = await pixelsAt(d.page, [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy): [number, number] => [x + dx, y + dy])));
      assert.ok(ink.some((c) => inkOf(c, arrow, bg)), `arrow at (${x.toFixed(0)}, ${y.toFixed(0)}): rgb(${ink[4]}) there, not the arrow colour rgb(${arrow})`);
      await d.page.mouse.move(canvas.x + x, canvas.y + y);
      await settle(d.page);
      const tip = await d.page.locator('#tooltip').innerText();
      const m = /^rank (\d): Neighbor_alltoall: to neighbour (\d)[^]*received: rank (\d): Neighbor_alltoall: from neighbour (\d)/.exec(tip);
      assert.ok(m, `the tooltip of the arrow at (${x.toFixed(0)}, ${y.toFixed(0)}) says who sent to whom:\n${tip}`);
      const [, from, to, at, source] = m;
      assert.equal(at, to, tip);
      assert.equal(source, from, tip);
      seen.set(`${from}→${to}`, tip);
    }
    assert.deepEqual([...seen.keys()].sort(), [...NEIGHBOURS].sort(), 'an arrow each way between each pair of grid neighbours, none on a diagonal');

    // The Matrix tab (real text, for screen readers): messages only between grid neighbours.
    const matrix = await tableTab(d.page, 'Matrix');
    const rows = matrix.split('\n').filter((l) => /^rank \d\t/.test(l)).map((l) => l.split('\t').slice(1));
    assert.equal(rows.length, 4, matrix);
    for (let s = 0; s < 4; s++) {
      for (let r = 0; r < 4; r++) {
        const count = /^(\d+) \(/.exec(rows[s][r] ?? '')?.[1];
        if (NEIGHBOURS.includes(`${s}→${r}`)) assert.equal(count, '40', `rank ${s} → rank ${r}: one message per step\n${matrix}`);
        else assert.equal(count, undefined, `rank ${s} → rank ${r}: no messages\n${matrix}`);
      }
    }

    // The picture for samples/README.md: the zoomed step, lane names included.
    await d.page.getByRole('tab', { name: 'Timeline' }).click();
    await d.page.mouse.move(canvas.x + 2, canvas.y + canvas.height - 2);
    await settle(d.page);
    await crop(d.page, 'heat-2d-halo.png', around(canvas));
    assert.deepEqual(d.errors, []);
    await d.close();
  });
});
