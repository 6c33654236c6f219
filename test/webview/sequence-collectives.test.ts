/// <reference lib="dom" />
/**
 * Issue 24: the messages collectives send inside themselves, as a student sees them. An Alltoall
 * on 5 ranks (samples/mpi/alltoall.ts) is a pairwise exchange: 20 messages, one each way between
 * every two ranks, drawn as arrows (in the text colour, faded) inside its band and counted in the
 * Matrix, Sizes and Operations tabs apart from point-to-point messages. A broadcast and a reduce on
 * 4 ranks go down and up a binomial tree: 3 messages each, along the tree's edges only.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { around, crop } from '../helpers/screenshots.js';
import { exportPicture, lanes, length, type Line, type Picture } from './picture.js';
import { inkAlong, themeColours } from './screen.js';
import { openDiagram, settle, tableTab } from './harness.js';
import { useBrowser, recorded } from './recorded.js';

/** The text-colour lines (only collectives' messages are drawn so) longer than an arrowhead's 8 px strokes, as `from→to` by lane. */
function collectiveArrows(pic: Picture, colour: string): { pairs: string[]; lines: Line[] } {
  const lane = [...lanes(pic)];
  const rankAt = (x: number): number => {
    const [name] = lane.reduce((best, l) => (Math.abs(l[1] - x) < Math.abs(best[1] - x) ? l : best));
    return Number(/^rank (\d+)$/.exec(name)![1]);
  };
  const lines = pic.lines.filter((l) => l.stroke === colour && length(l) > 9);
  return { pairs: lines.map((l) => `${rankAt(l.x0)}→${rankAt(l.x1)}`).sort(), lines };
}

async function toggle(page: Page, on: boolean): Promise<void> {
  await page.getByRole('checkbox', { name: 'collective traffic' }).setChecked(on);
  await settle(page);
}

describe('sequence diagram webview (chromium): collectives\' own messages', function () {
  this.timeout(180000);
  const browser = useBrowser();

  it('draws an Alltoall on 5 ranks as 20 arrows inside its band, hides them on request, and counts them as collective messages', async () => {
    const run = await recorded('mpi/alltoall.ts', 5);
    const d = await openDiagram(browser(), { size: { width: 1200, height: 560 }, theme: 'light' });
    await d.load(run);
    const { rgb, css } = await themeColours(d.page);
    const pic = await exportPicture(d.page);
    const { pairs, lines } = collectiveArrows(pic, css.foreground);
    const every = [0, 1, 2, 3, 4].flatMap((s) => [0, 1, 2, 3, 4].filter((r) => r !== s).map((r) => `${s}→${r}`)).sort();
    assert.deepEqual(pairs, every, 'one arrow each way between every two ranks');
    // Inside the band: each arrow starts and ends within the collective's translucent rectangle.
    const bands = pic.rects.filter((r) => r.fill === css.collective && r.opacity < 1);
    assert.ok(bands.length >= 1, 'the Alltoall is drawn as a band');
    const top = Math.min(...bands.map((b) => b.y)), bottom = Math.max(...bands.map((b) => b.y + b.h));
    for (const l of lines) assert.ok(l.y0 >= top - 1 && l.y1 <= bottom + 1 && l.y1 >= l.y0, `arrow ${JSON.stringify(l)} inside the band ${top}…${bottom}, pointing forward in time`);
    // The canvas shows them: ink of that colour along each line (over the band and boxes, too).
    const ink = await Promise.all(lines.map((l) => inkAlong(d.page, l, rgb.foreground, rgb.background)));
    for (const [i, l] of lines.entries()) assert.ok(ink[i] >= 0.5, `arrow ${JSON.stringify(l)} painted: ${ink[i]}`);
    assert.match(await d.page.locator('#status').innerText(), /\b20 messages\b/);

    // The toolbar's toggle takes them off the canvas, and brings them back.
    await toggle(d.page, false);
    assert.deepEqual(collectiveArrows(await exportPicture(d.page), css.foreground).pairs, []);
    const after = await Promise.all(lines.map((l) => inkAlong(d.page, l, rgb.foreground, rgb.background)));
    // What stays is what the line crosses (the collective's boxes, their labels).
    for (const [i, l] of lines.entries()) assert.ok(after[i] <= ink[i] - 0.5, `arrow ${JSON.stringify(l)} gone: ink ${ink[i]}, then ${after[i]}`);
    await toggle(d.page, true);
    assert.equal(collectiveArrows(await exportPicture(d.page), css.foreground).pairs.length, 20);
    // In logical time too (each arrow placed at the same fraction of its collective's ticks).
    await d.page.getByRole('button', { name: 'Time: wall' }).click();
    await settle(d.page);
    assert.deepEqual(collectiveArrows(await exportPicture(d.page), css.foreground).pairs, every);
    await d.page.getByRole('button', { name: 'Time: logical' }).click();
    await settle(d.page);

    // The Matrix: 20 collective messages of one Int32 each, none point-to-point.
    const matrix = await tableTab(d.page, 'Matrix');
    assert.match(matrix, /0 point-to-point messages · 20 collective messages/);
    const rows = matrix.split('\n').filter((l) => /^rank \d\t/.test(l)).map((l) => l.split('\t').slice(1));
    assert.equal(rows.length, 5, matrix);
    for (let s = 0; s < 5; s++) for (let r = 0; r < 5; r++) assert.equal(rows[s][r] ?? '', s === r ? '' : 'collective: 1 (4 B)', `rank ${s} → rank ${r}\n${matrix}`);
    // Sizes: the 20 of 4 bytes, in their own column.
    assert.match(await tableTab(d.page, 'Sizes'), /4 B–8 B\t0\t20\t/);
    // Operations: the calls, and what they sent inside themselves.
    assert.match(await tableTab(d.page, 'Operations'), /Alltoall\t5\t.*\t20 \(80 B\)/);

    // The picture for the README: the band with its arrows.
    await d.page.getByRole('tab', { name: 'Timeline' }).click();
    await settle(d.page);
    await crop(d.page, 'collective-traffic.png', around(await d.page.locator('.toolbar').boundingBox(), await d.page.locator('canvas').boundingBox()));
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  for (const [sample, op, tree] of [['broadcast.ts', 'bcast', ['0→1', '0→2', '2→3']], ['reduction.ts', 'Reduce', ['1→0', '2→0', '3→2']]] as const) {
    it(`draws a ${op} on 4 ranks as the binomial tree's ${tree.length} messages: ${tree.join(', ')}`, async () => {
      const run = await recorded(`mpi/${sample}`, 4);
      const d = await openDiagram(browser(), { size: { width: 800, height: 500 }, theme: 'dark' });
      await d.load(run);
      const { css } = await themeColours(d.page);
      assert.deepEqual(collectiveArrows(await exportPicture(d.page), css.foreground).pairs, [...tree]);
      const matrix = await tableTab(d.page, 'Matrix');
      assert.match(matrix, new RegExp(`\\b${tree.length} collective messages`));
      for (const pair of tree) {
        const [s, r] = pair.split('→').map(Number);
        const row = matrix.split('\n').find((l) => l.startsWith(`rank ${s}\t`))!.split('\t');
        assert.match(row[1 + r], /^collective: 1 \(/, `${pair}\n${matrix}`);
      }
      assert.deepEqual(d.errors, []);
      await d.close();
    });
  }
});
