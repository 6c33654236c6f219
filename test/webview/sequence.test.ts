/// <reference lib="dom" />
/**
 * The sequence diagram in a real browser (Debian chromium): recorded runs of the samples, drawn
 * from the built bundle, checked against counts computed from the same trace; the deadlock in red
 * with its banner; clicks that open lines; screenshots for the README.
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { openDiagram, settle, tableTab } from './harness.js';
import { useBrowser, recorded } from './recorded.js';

const starts = (events: TraceEvent[]): number => events.filter((e) => e.kind === 'op-start').length;
function matchedMessages(events: TraceEvent[]): number {
  const sent = new Set(events.flatMap((e) => (e.kind === 'op-start' && e.msg ? [e.msg] : [])));
  return events.filter((e) => e.kind === 'op-end' && e.msg && sent.has(e.msg)).length;
}

describe('sequence diagram webview (chromium)', function () {
  this.timeout(120000);
  const browser = useBrowser();

  it('draws the deadlock sample: every call a box, ranks 1 and 5 red, the report in a banner with links', async () => {
    const run = await recorded('mpi/deadlock.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const s = await d.stats();
    assert.equal(s.boxes + s.mergedBoxes, starts(run.events), JSON.stringify(s));
    assert.equal(s.redBoxes, 2);
    assert.equal(s.redEdges, 2, 'rank 1 → rank 5 and rank 5 → rank 1');
    const banner = await d.page.locator('#banner').innerText();
    assert.match(banner, /deadlock detected: rank 1, rank 5 are blocked forever/);
    assert.match(banner, /cycle: rank 1 → rank 5 → rank 1/);
    await d.page.locator('#banner a', { hasText: 'deadlock.ts:16' }).click();
    const opened = (await d.posted()).filter((m) => m.type === 'open-source');
    assert.equal(opened.at(-1)?.line, 16);
    assert.match(await tableTab(d.page, 'Ranks'), /rank 5\s+blocked in recv\(source=1, tag=ANY\) at deadlock\.ts:28/);
    await d.close();
  });

  it('draws point-to-point: one arrow per matched message, hover and click on a box', async () => {
    const run = await recorded('mpi/point-to-point.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const s = await d.stats();
    assert.equal(s.arrows + s.bundledMessages, matchedMessages(run.events));
    assert.equal(matchedMessages(run.events), 2);
    const recv = run.events.findIndex((e) => e.kind === 'op-start' && e.op === 'recv' && e.rank === 4);
    assert.ok(recv >= 0);
    const k = run.events.slice(0, recv).filter((e) => e.kind === 'op-start').length;
    const at = await d.page.evaluate((op) => (window as unknown as { __rankscopeDiagram: { whereIs(k: number): { x: number; y: number } } }).__rankscopeDiagram.whereIs(op), k);
    const box = await d.page.locator('canvas').boundingBox();
    await d.page.mouse.click(box!.x + at.x, box!.y + at.y);
    await settle(d.page);
    assert.deepEqual(d.errors, []);
    assert.match(await d.page.locator('#details').innerText(), /rank 4: recv\(source=0/);
    const opened = (await d.posted()).filter((m) => m.type === 'open-source');
    assert.equal(opened.at(-1)?.line, 24);
    assert.match(await tableTab(d.page, 'Matrix'), /rank 0\t.*1 \(/);
    await d.close();
  });

  it('draws a 9-rank collective run: one band per collective, the time labels readable over it', async () => {
    const run = await recorded('mpi/reduction.ts', 9);
    const collectives = new Set(run.events.flatMap((e) => (e.kind === 'op-start' && e.collSeq !== undefined ? [`${e.comm}#${e.collSeq}`] : [])));
    assert.ok(collectives.size >= 1);
    const d = await openDiagram(browser());
    await d.load(run);
    const s = await d.stats();
    assert.equal(s.bands, collectives.size);
    assert.equal(s.boxes + s.mergedBoxes, starts(run.events));
    // The band covers every lane, the first one included, where the time labels sit: each must
    // have the background around it (its chip; read just right of the text), not the band or a call.
    type Hooks = { timeLabels(): { s: string; x: number; y: number; w: number }[]; pixel(x: number, y: number): number[]; colours(): Record<string, number[]> };
    const { labels, bg, under } = await d.page.evaluate(() => {
      const h = (window as unknown as { __rankscopeDiagram: Hooks }).__rankscopeDiagram;
      const labels = h.timeLabels();
      return { labels, bg: h.colours().background, under: labels.map((l) => h.pixel(l.x + l.w + 1, l.y - 5)) };
    });
    assert.ok(labels.length >= 3, JSON.stringify(labels));
    labels.forEach((l, i) => assert.ok(under[i].every((v, c) => Math.abs(v - bg[c]) <= 2), `${l.s}: rgb(${under[i]}) under it, not the background rgb(${bg})`));
    await d.page.screenshot({ path: screenshotPath('sequence-collective-9.png') });
    await d.close();
  });

  it('names ranks on several hosts on two lines, rank over host, none squeezed into its lane', async () => {
    const run = await recorded('mpi/reduction.ts', 9);
    const hosts = { ...run, names: run.events.length ? Array.from({ length: 9 }, (_, r) => `rank ${r} @ 10.77.115.${(r % 3) + 1}`) : [] };
    const d = await openDiagram(browser());
    await d.load(hosts);
    type Label = { s: string; x0: number; x1: number; squeezed: boolean };
    const labelsAt = (y: number): Promise<Label[]> =>
      d.page.evaluate((at) => (window as unknown as { __rankscopeDiagram: { labelsAt(y: number): Label[] } }).__rankscopeDiagram.labelsAt(at), y);
    const HEADER = 28; // webview/sequence/viewport.ts
    const ranks = await labelsAt(HEADER - 16);
    const hostLine = await labelsAt(HEADER - 4);
    assert.deepEqual(ranks.map((l) => l.s), Array.from({ length: 9 }, (_, r) => `rank ${r}`));
    assert.deepEqual(hostLine.map((l) => l.s), Array.from({ length: 9 }, (_, r) => `10.77.115.${(r % 3) + 1}`));
    for (const line of [ranks, hostLine]) {
      assert.deepEqual(line.filter((l) => l.squeezed), [], 'every name at its natural width');
      for (let i = 1; i < line.length; i++) assert.ok(line[i].x0 - line[i - 1].x1 >= 4, `${line[i - 1].s} and ${line[i].s} stand apart`);
    }
    await d.close();
  });
});
