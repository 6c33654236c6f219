/// <reference lib="dom" />
/**
 * Labels and pictures of a whole run. "PNG (whole run)": zoomed in on a part of a real run, the export is still the whole run, long
 * enough along time that the busiest lane's calls stay apart, its first and last calls drawn.
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { openDiagram, settle } from './harness.js';
import { exportPicture, lanes } from './picture.js';
import { textWidths, themeColours } from './screen.js';
import { recorded, useBrowser } from './recorded.js';

/** The calls of the rank that makes the most. */
function busiest(events: TraceEvent[]): number {
  const per = new Map<number, number>();
  for (const e of events) if (e.kind === 'op-start') per.set(e.rank, (per.get(e.rank) ?? 0) + 1);
  return Math.max(...per.values());
}

describe('call labels and the whole-run PNG (chromium)', function () {
  this.timeout(120000);
  const browser = useBrowser();

  it('zoomed in, "PNG (whole run)" exports every call of the run, its calls apart', async () => {
    const run = await recorded('mpi/heat-2d.ts', 4);
    const d = await openDiagram(browser(), { size: { width: 900, height: 500 } });
    await d.load(run);
    await d.page.locator('#timeline canvas').focus();
    for (let i = 0; i < 6; i++) await d.page.keyboard.press('+');
    await settle(d.page);
    await d.page.getByRole('button', { name: 'PNG (whole run)' }).click();
    const posted = (await d.posted()).filter((m) => m.type === 'export-image' && m.whole === true);
    assert.equal(posted.length, 1, 'one whole-run image posted');
    assert.equal(posted[0].format, 'png');
    const c = await themeColours(d.page);
    // Decoded in the page: its size, and along time the first and last rows holding a call's colour.
    const seen = await d.page.evaluate(async ({ url, colours }) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const cv = document.createElement('canvas');
      [cv.width, cv.height] = [img.width, img.height];
      const ctx = cv.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, cv.width, cv.height).data;
      const isCall = (i: number): boolean => colours.some((k) => Math.abs(data[i] - k[0]) + Math.abs(data[i + 1] - k[1]) + Math.abs(data[i + 2] - k[2]) < 12);
      let first = -1, last = -1;
      for (let y = 0; y < cv.height; y++) {
        for (let x = 0; x < cv.width; x += 2) {
          if (!isCall((y * cv.width + x) * 4)) continue;
          if (first < 0) first = y;
          last = y;
          break;
        }
      }
      return { width: img.width, height: img.height, first, last, dpr: window.devicePixelRatio || 1 };
    }, { url: posted[0].data as string, colours: [c.rgb.box, c.rgb.blocked, c.rgb.collective] });
    const calls = busiest(run.events);
    assert.ok(calls > 40, `heat-2d makes enough calls on one rank to need the room (${calls})`);
    assert.ok(seen.height / seen.dpr >= Math.min(calls * 22, 12000 / seen.dpr) - 1, `the picture is ${seen.height / seen.dpr} px along time for ${calls} calls`);
    // The run fills its picture: calls from its first tenth to its last (the window shown spans a
    // small part of the run after six zooms in).
    assert.ok(seen.first >= 0 && seen.first < seen.height * 0.1, `first call at row ${seen.first} of ${seen.height}`);
    assert.ok(seen.last > seen.height * 0.9, `last call at row ${seen.last} of ${seen.height}`);
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('a call\'s label ends before the next lane\'s calls (cut with an ellipsis, never squeezed); time labels stay off rank 0\'s calls', async () => {
    const run = await recorded('mpi/heat-2d.ts', 4);
    // Narrow lanes: heat-2d's neighbour calls have long texts (`Neighbor_alltoall(…)`).
    const d = await openDiagram(browser(), { size: { width: 520, height: 700 } });
    await d.load(run);
    const pic = await exportPicture(d.page);
    const centres = [...lanes(pic).values()].sort((a, b) => a - b);
    const calls = pic.texts.filter((t) => !t.centred && t.x > centres[0]);
    assert.ok(calls.length > 0, 'some calls are labelled');
    const widths = await textWidths(d.page, calls.map((t) => t.s));
    const step = centres[1] - centres[0];
    calls.forEach((t, i) => {
      const next = centres.find((c) => c > t.x);
      // The next lane's boxes are at most 28 px wide, centred on its lifeline.
      assert.ok(t.x + widths[i] <= 520, `"${t.s}" runs off the canvas`);
      if (next !== undefined) assert.ok(t.x + widths[i] <= next - Math.min(step * 0.28, 28) / 2 + 1, `"${t.s}" at x ${t.x} runs ${(t.x + widths[i]).toFixed(0)} into the lane at ${next}`);
    });
    assert.ok(calls.some((t) => t.s.endsWith('…')), 'long texts are cut with an ellipsis');
    // The time labels sit in their gutter, left of rank 0's calls (over them, they hid its calls).
    const times = pic.texts.filter((t) => !t.centred && t.x < centres[0] && /\d/.test(t.s));
    assert.ok(times.length >= 4, `time labels: ${times.map((t) => t.s).join(', ')}`);
    const timeWidths = await textWidths(d.page, times.map((t) => t.s));
    times.forEach((t, i) => assert.ok(t.x + timeWidths[i] <= centres[0] - Math.min(step * 0.28, 28) / 2, `time label "${t.s}" reaches rank 0's calls`));
    assert.deepEqual(d.errors, []);
    await d.close();
  });
});
