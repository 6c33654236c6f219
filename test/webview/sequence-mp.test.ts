/// <reference lib="dom" />
/**
 * Multiprocessing traffic in the sequence diagram (real chromium, recorded runs of the samples):
 * each queue item an arrow from the `put` that handed it over to the `get` that took it, and a
 * Pool's chunks dealt from the owner to task boxes on the workers' lanes, their results back.
 * Read from the picture the SVG button exports and the canvas's pixels there.
 */
import * as assert from 'node:assert/strict';
import type { OpStartEvent, TraceEvent } from '../../runtime/contract/trace-events.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { exportPicture, lanes, length, type Line, type Picture, type Rect } from './picture.js';
import { inkAlong, themeColours } from './screen.js';
import { openDiagram, tableTab } from './harness.js';
import { recorded, useBrowser } from './recorded.js';

const startsOf = (events: TraceEvent[], op: string): OpStartEvent[] => events.filter((e): e is OpStartEvent => e.kind === 'op-start' && e.op === op);

/** The lane whose centre is nearest x: its name. */
function laneAt(p: Picture, x: number): string {
  return [...lanes(p)].sort((a, b) => Math.abs(a[1] - x) - Math.abs(b[1] - x))[0][0];
}

/** The picture's arrows (lines in the arrow colour longer than an arrowhead's strokes) and its call boxes. */
async function drawn(page: Parameters<typeof themeColours>[0]): Promise<{ pic: Picture; arrows: Line[]; boxes: Rect[]; c: Awaited<ReturnType<typeof themeColours>> }> {
  const c = await themeColours(page);
  const pic = await exportPicture(page);
  const colours = [c.css.box, c.css.blocked, c.css.collective, c.css.red];
  return { pic, c, arrows: pic.lines.filter((l) => l.stroke === c.css.arrow && length(l) > 9), boxes: pic.rects.filter((r) => r.opacity === 1 && colours.includes(r.fill)) };
}

const boxesOn = (p: Picture, boxes: Rect[], lane: string): Rect[] => boxes.filter((r) => laneAt(p, r.x + r.w / 2) === lane);

describe('sequence diagram webview: multiprocessing traffic (chromium)', function () {
  this.timeout(180000);
  const browser = useBrowser();

  it('queue.ts: one arrow per item, from the producer\'s put to the consumer\'s get that took it', async () => {
    const run = await recorded('multiprocessing/queue.ts', 1);
    const puts = startsOf(run.events, 'Queue.put');
    const taken = new Set(run.events.flatMap((e) => (e.kind === 'op-end' && e.item ? [e.item] : [])));
    assert.equal(puts.length, 10);
    assert.deepEqual(puts.map((p) => taken.has(p.item!)), puts.map(() => true), 'every item put was taken by a get');
    const d = await openDiagram(browser(), { size: { width: 900, height: 900 } });
    await d.load(run);
    await d.page.screenshot({ path: screenshotPath('queue-arrows.png') });
    const { pic, arrows, boxes, c } = await drawn(d.page);
    assert.deepEqual(arrows.map((l) => `${laneAt(pic, l.x0)} → ${laneAt(pic, l.x1)}`), puts.map(() => 'Producer-1 → Consumer-2'), 'one arrow per item');
    // The i-th item put is the i-th taken (one producer, one consumer, FIFO): the i-th arrow leaves
    // the i-th put's box and reaches the i-th get's (boxes at least 1 px, hence the pixel of slack).
    const within = (y: number, r: Rect): boolean => y >= r.y - 1 && y <= r.y + r.h + 1;
    const byY = (xs: Rect[]): Rect[] => [...xs].sort((p, q) => p.y - q.y);
    const putBoxes = byY(boxesOn(pic, boxes, 'Producer-1')), getBoxes = byY(boxesOn(pic, boxes, 'Consumer-2'));
    assert.equal(putBoxes.length, 10);
    assert.equal(getBoxes.length, 10);
    for (const [i, l] of [...arrows].sort((p, q) => p.y0 - q.y0).entries()) {
      assert.ok(within(l.y0, putBoxes[i]), `arrow ${i} leaves put ${i}: y ${l.y0}, the put at ${putBoxes[i].y}`);
      assert.ok(within(l.y1, getBoxes[i]), `arrow ${i} reaches get ${i}: y ${l.y1}, the get at ${getBoxes[i].y}`);
      assert.ok(await inkAlong(d.page, l, c.rgb.arrow, c.rgb.background) >= 0.8, `arrow ${i} shows`);
    }
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('pool.ts: chunks dealt to task boxes on the workers\' lanes, each result an arrow back', async () => {
    const run = await recorded('multiprocessing/pool.ts', 1);
    const tasks = startsOf(run.events, 'Pool.task');
    const deals = startsOf(run.events, 'Pool.deal');
    assert.equal(tasks.length, 2 * Math.ceil(100 / 7), 'two maps of 100 items in chunks of 7, every task traced');
    assert.ok(tasks.every((t) => deals.some((s) => s.item === t.took)), 'every task names the chunk it was dealt');
    // The first map's traffic: from its first chunk dealt to its last result taken.
    const t0 = Math.min(...run.events.map((e) => e.t));
    const traffic = run.events.filter((e) => e.kind === 'op-start' && (e.op === 'Pool.deal' || e.op === 'Pool.result') && e.obj === deals[0].obj).map((e) => e.t - t0);
    const [a, b] = [Math.min(...traffic), Math.max(...traffic)];
    const margin = (b - a) * 0.1;
    const d = await openDiagram(browser(), { size: { width: 1200, height: 800 }, state: { window: [a - margin, b + margin] } });
    await d.load(run);
    await d.page.screenshot({ path: screenshotPath('pool-lanes.png') });
    const { pic, arrows, boxes } = await drawn(d.page);
    const workers = [...new Set(tasks.filter((t) => t.t - t0 >= a && t.t - t0 <= b).map((t) => run.names[t.rank]))].sort();
    assert.ok(workers.length >= 1);
    for (const w of workers) {
      const on = boxesOn(pic, boxes, w);
      assert.ok(on.length >= 1, `${w}'s lane shows its tasks`);
      const dealt = arrows.filter((l) => laneAt(pic, l.x0) === 'MainProcess' && laneAt(pic, l.x1) === w);
      const back = arrows.filter((l) => laneAt(pic, l.x0) === w && laneAt(pic, l.x1) === 'MainProcess');
      assert.ok(dealt.length >= 1 && back.length >= 1, `${w}: ${dealt.length} arrows of chunks dealt, ${back.length} of results`);
      for (const l of [...dealt, ...back]) assert.ok(l.y1 >= l.y0, 'time runs down: no arrow goes back in time');
    }
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('pool.ts, zoomed into one task: its chunk\'s arrow reaches the top of its box, its result\'s leaves the bottom', async () => {
    const run = await recorded('multiprocessing/pool.ts', 1);
    const t0 = Math.min(...run.events.map((e) => e.t));
    const ends = new Map(run.events.flatMap((e) => (e.kind === 'op-end' ? [[`${e.rank}:${e.id}`, e.t - t0] as const] : [])));
    const longest = startsOf(run.events, 'Pool.task').map((t) => ({ t, a: t.t - t0, b: ends.get(`${t.rank}:${t.id}`)! })).sort((p, q) => q.b - q.a - (p.b - p.a))[0];
    const pad = Math.max((longest.b - longest.a) * 0.25, 1);
    const d = await openDiagram(browser(), { size: { width: 1200, height: 800 }, state: { window: [longest.a - pad, longest.b + pad] } });
    await d.load(run);
    const { pic, arrows, boxes } = await drawn(d.page);
    const lane = run.names[longest.t.rank];
    const box = boxesOn(pic, boxes, lane).sort((p, q) => q.h - p.h)[0];
    assert.ok(box && box.h > 100, `the task fills the window: ${JSON.stringify(box)}`);
    const into = arrows.filter((l) => laneAt(pic, l.x1) === lane && laneAt(pic, l.x0) === 'MainProcess');
    const out = arrows.filter((l) => laneAt(pic, l.x0) === lane && laneAt(pic, l.x1) === 'MainProcess');
    assert.ok(into.some((l) => Math.abs(l.y1 - box.y) <= 1), `the chunk reaches the task's start (y ${box.y}): ${into.map((l) => l.y1)}`);
    assert.ok(out.some((l) => Math.abs(l.y0 - (box.y + box.h)) <= 1), `the result leaves at the task's end (y ${box.y + box.h}): ${out.map((l) => l.y0)}`);
    assert.ok(pic.texts.some((t) => t.s === longest.t.text), `the box is labelled ${longest.t.text}: ${pic.texts.map((t) => t.s).join(' | ')}`);
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('an item nobody took is listed as never received, for any process to have taken', async () => {
    const t = 1.7e15;
    const put = { op: 'Queue.put', text: 'Queue.put()', comm: 'mp', obj: '9:1', item: '0.1', site: { file: '/p/left.ts', line: 3, column: 1 } };
    const run = { names: ['MainProcess'], events: [{ kind: 'op-start', rank: 0, id: 1, t, ...put }, { kind: 'op-end', rank: 0, id: 1, t: t + 5 }] as TraceEvent[] };
    const d = await openDiagram(browser());
    await d.load(run);
    assert.match(await tableTab(d.page, 'Unreceived'), /MainProcess\s+any process\s+Queue\.put\(\)\s+left\.ts:3/);
    assert.deepEqual(d.errors, []);
    await d.close();
  });
});
