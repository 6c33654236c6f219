/// <reference lib="dom" />
/**
 * The sequence diagram in a real browser (Debian chromium): recorded runs of the samples, drawn
 * from the built bundle, checked against counts computed from the same trace — read from what
 * the user sees: the canvas's pixels, the picture its SVG button exports, the page's text; the
 * deadlock in red with its banner; clicks that open lines; screenshots for the README.
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { exportPicture, lanes, length, type Picture, type Rect } from './picture.js';
import { inkAlong, mainColour, near, pixels, pixelsAt, textWidths, themeColours } from './screen.js';
import { openDiagram, settle, tableTab, type Diagram } from './harness.js';
import { useBrowser, recorded } from './recorded.js';

const starts = (events: TraceEvent[]): number => events.filter((e) => e.kind === 'op-start').length;
function matchedMessages(events: TraceEvent[]): number {
  const sent = new Set(events.flatMap((e) => (e.kind === 'op-start' && e.msg ? [e.msg] : [])));
  return events.filter((e) => e.kind === 'op-end' && e.msg && sent.has(e.msg)).length;
}

/** The lane whose centre is nearest x: its name. */
function laneAt(p: Picture, x: number): string {
  return [...lanes(p)].sort((a, b) => Math.abs(a[1] - x) - Math.abs(b[1] - x))[0][0];
}

/** The picture and its calls' boxes: opaque rectangles in a call colour (plain, blocked, collective, or red). */
async function drawnCalls(d: Diagram): Promise<{ pic: Picture; calls: Rect[]; c: Awaited<ReturnType<typeof themeColours>> }> {
  const c = await themeColours(d.page);
  const pic = await exportPicture(d.page);
  const colours = [c.css.box, c.css.blocked, c.css.collective, c.css.red];
  return { pic, c, calls: pic.rects.filter((r) => r.opacity === 1 && colours.includes(r.fill)) };
}

describe('sequence diagram webview (chromium)', function () {
  this.timeout(120000);
  const browser = useBrowser();

  it('draws the deadlock sample: every call a box, ranks 1 and 5 red, the report in a banner with links', async () => {
    const run = await recorded('mpi/deadlock.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const { pic, calls, c } = await drawnCalls(d);
    assert.equal(calls.length, starts(run.events), 'a box per call');
    const red = calls.filter((r) => r.fill === c.css.red);
    assert.deepEqual(red.map((r) => laneAt(pic, r.x + r.w / 2)).sort(), ['rank 1', 'rank 5']);
    for (const r of red) assert.ok(near(await mainColour(d.page, r), c.rgb.red), `the box on ${laneAt(pic, r.x)} is painted red`);
    const edges = pic.lines.filter((l) => l.stroke === c.css.red && l.dashed);
    assert.deepEqual(edges.map((l) => `${laneAt(pic, l.x0)} → ${laneAt(pic, l.x1)}`).sort(), ['rank 1 → rank 5', 'rank 5 → rank 1']);
    // Dashed (6 on, 4 off): well over a third of the points along each shows red.
    for (const l of edges) assert.ok(await inkAlong(d.page, l, c.rgb.red, c.rgb.background) >= 0.4, `the edge ${laneAt(pic, l.x0)} → ${laneAt(pic, l.x1)} shows red`);
    const banner = await d.page.locator('#banner').innerText();
    assert.match(banner, /deadlock detected: rank 1, rank 5 are blocked forever/);
    assert.match(banner, /cycle: rank 1 → rank 5 → rank 1/);
    await d.page.locator('#banner a', { hasText: 'deadlock.ts:16' }).click();
    const opened = (await d.posted()).filter((m) => m.type === 'open-source');
    assert.equal(opened.at(-1)?.line, 16);
    assert.match(await tableTab(d.page, 'Ranks'), /rank 5\s+blocked in recv\(source=1, tag=ANY\) at deadlock\.ts:28/);
    await d.close();
  });

  it('a run that went well only because its sends were buffered shows the potential deadlock in a warning banner with links', async () => {
    const run = await recorded('mpi/buffered-exchange.ts', 2);
    assert.equal(run.outcome, 'ok');
    const d = await openDiagram(browser());
    await d.load(run);
    const banner = d.page.locator('#banner');
    assert.ok(await banner.isVisible(), 'the banner shows');
    assert.match(await banner.getAttribute('class') ?? '', /\bwarning\b/);
    const text = await banner.innerText();
    assert.match(text, /potential deadlock: rank 0, rank 1 finished only because their sends were buffered/, `banner: ${JSON.stringify(text)} ${JSON.stringify(run.potentialDeadlock).slice(0, 200)}`);
    // Painted in the warning colours, not the deadlock's red.
    const colours = await banner.evaluate((el) => getComputedStyle(el).borderTopColor);
    assert.notEqual(colours, 'rgb(190, 17, 0)');
    await d.page.locator('#banner a', { hasText: 'buffered-exchange.ts:16' }).first().click();
    const opened = (await d.posted()).filter((m) => m.type === 'open-source');
    assert.equal(opened.at(-1)?.line, 16);
    await d.close();
  });

  it('draws point-to-point: one arrow per matched message, hover and click on a box', async () => {
    const run = await recorded('mpi/point-to-point.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const { pic, calls, c } = await drawnCalls(d);
    // Arrows are the lines in the arrow colour longer than an arrowhead's 8 px strokes; a single
    // message's arrow is a hairline (several bundled into one are thicker).
    const arrows = pic.lines.filter((l) => l.stroke === c.css.arrow && length(l) > 9);
    assert.equal(matchedMessages(run.events), 2);
    assert.deepEqual(arrows.map((l) => l.width), [1, 1], 'one arrow per matched message');
    for (const l of arrows) assert.ok(await inkAlong(d.page, l, c.rgb.arrow, c.rgb.background) >= 0.8, `the arrow ${laneAt(pic, l.x0)} → ${laneAt(pic, l.x1)} shows`);
    // Rank 4 makes one call, its receive: click the top of its box.
    const x4 = lanes(pic).get('rank 4')!;
    const recv = calls.filter((r) => laneAt(pic, r.x + r.w / 2) === 'rank 4');
    assert.equal(recv.length, 1);
    const box = await d.page.locator('canvas').boundingBox();
    await d.page.mouse.click(box!.x + x4, box!.y + recv[0].y + Math.min(2, recv[0].h / 2));
    await settle(d.page);
    assert.deepEqual(d.errors, []);
    assert.match(await d.page.locator('#details').innerText(), /rank 4: recv\(source=0/);
    const opened = (await d.posted()).filter((m) => m.type === 'open-source');
    assert.equal(opened.at(-1)?.line, 24);
    assert.match(await tableTab(d.page, 'Matrix'), /rank 0\t.*1 \(/);
    await d.close();
  });

  it('a selected call is forgotten when a filter hides it and when the next run starts; its tooltip too', async () => {
    const run = await recorded('mpi/point-to-point.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const { pic, calls } = await drawnCalls(d);
    const recv = calls.find((r) => laneAt(pic, r.x + r.w / 2) === 'rank 4')!;
    const box = (await d.page.locator('canvas').boundingBox())!;
    const at = { x: box.x + lanes(pic).get('rank 4')!, y: box.y + recv.y + Math.min(2, recv.h / 2) };
    const details = d.page.locator('#details'), tooltip = d.page.locator('#tooltip');
    const select = async (): Promise<void> => {
      await d.page.mouse.move(at.x, at.y);
      await d.page.mouse.click(at.x, at.y);
      await settle(d.page);
      assert.match(await details.innerText(), /rank 4: recv\(source=0/);
      assert.ok(await tooltip.isVisible(), 'hovering the call shows its tooltip');
    };
    await select();
    const field = d.page.getByLabel('Filter by ranks');
    await field.fill('0-3');
    await field.press('Enter');
    await settle(d.page);
    assert.match(await details.innerText(), /^Click a call or a message/, 'the hidden call is no longer selected');
    assert.ok(!(await tooltip.isVisible()), 'no tooltip of a hidden call');
    await field.fill('');
    await field.press('Enter');
    await select();
    await d.load(run); // the next run
    assert.match(await details.innerText(), /^Click a call or a message/, 'the last run\'s call is no longer selected');
    assert.ok(!(await tooltip.isVisible()), 'no tooltip of the last run');
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('draws a 9-rank collective run: one band per collective, the time labels readable over it', async () => {
    const run = await recorded('mpi/reduction.ts', 9);
    const collectives = new Set(run.events.flatMap((e) => (e.kind === 'op-start' && e.collSeq !== undefined ? [`${e.comm}#${e.collSeq}`] : [])));
    assert.ok(collectives.size >= 1);
    const d = await openDiagram(browser());
    await d.load(run);
    const { pic, calls, c } = await drawnCalls(d);
    const bands = pic.rects.filter((r) => r.fill === c.css.collective && r.opacity < 1);
    assert.equal(bands.length, collectives.size, 'a band per collective');
    assert.equal(calls.length, starts(run.events), 'a box per call');
    // On screen, each band tints the background between the lanes it spans (a translucent purple).
    const x = [...lanes(pic).values()].sort((a, b) => a - b);
    for (const b of bands) {
      const tint = await mainColour(d.page, { x: x[0] + 20, y: b.y, w: x[1] - x[0] - 40, h: b.h });
      assert.ok(!near(tint, c.rgb.background, 2) && near(tint, c.rgb.background.map((v, i) => v + b.opacity * (c.rgb.collective[i] - v)), 6), `the band at y ${b.y} shows rgb(${tint})`);
    }
    // The band covers every lane, the first one included, where the time labels sit: each must
    // have the background around it (its chip), not the band or a call — read just right of the
    // text, on every pixel row from 10 px above its baseline to 2 px below.
    const labels = pic.texts.filter((t) => !t.centred && t.x === 4);
    assert.ok(labels.length >= 3, JSON.stringify(labels));
    const widths = await textWidths(d.page, labels.map((l) => l.s));
    for (const [i, l] of labels.entries()) {
      const rows = Array.from({ length: Math.floor(l.y + 2) - Math.ceil(l.y - 10) + 1 }, (_, k) => Math.ceil(l.y - 10) + k);
      const beside = await pixelsAt(d.page, rows.map((y) => [Math.floor(l.x + widths[i] + 1), y]));
      // A glyph's anti-aliased edge may tint a row or two by a few levels (CI saw rgb(34,33,35) on
      // rgb(31,31,31)); a band or a box behind the label tints every row, and by more.
      const off = beside.flatMap((rgb, k) => (near(rgb, c.rgb.background, 2) ? [] : [`rgb(${rgb}) at y ${rows[k]}`]));
      const faint = beside.every((rgb) => near(rgb, c.rgb.background, 6));
      assert.ok(off.length === 0 || (faint && off.length <= 3), `${l.s}: ${off.join(', ')} beside it, not the background rgb(${c.rgb.background})`);
    }
    await d.page.screenshot({ path: screenshotPath('sequence-collective-9.png') });
    await d.close();
  });

  it('filters lanes by rank, and says at the field what is wrong with a filter that means nothing', async () => {
    const run = await recorded('mpi/point-to-point.ts', 9);
    const d = await openDiagram(browser());
    await d.load(run);
    const field = d.page.getByLabel('Filter by ranks');
    const shown = async (): Promise<string[]> => [...lanes(await exportPicture(d.page)).keys()].sort();
    const set = async (text: string): Promise<string> => {
      await field.fill(text);
      await field.press('Enter');
      await settle(d.page);
      return field.evaluate((e) => (e as HTMLInputElement).validationMessage);
    };
    assert.equal(await set('0-2'), '');
    assert.deepEqual(await shown(), ['rank 0', 'rank 1', 'rank 2']);
    for (const [bad, says] of [['1-3,x', /'x' is not a rank or a range: write ranks like 0-3,7/], ['3-1', /write the low rank first \(1-3\)/], ['12', /rank 12 is not in this 9-rank run \(ranks 0-8\)/]] as const) {
      assert.match(await set(bad), says);
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await shown(), ['rank 0', 'rank 1', 'rank 2'], `'${bad}' changed the lanes shown`);
    }
    assert.equal(await set(''), '');
    assert.equal((await shown()).length, 9);
    assert.deepEqual(d.errors, []);
    await d.close();
  });

  it('names ranks on several hosts on two lines, rank over host, none squeezed into its lane', async () => {
    const run = await recorded('mpi/reduction.ts', 9);
    const hosts = { ...run, names: run.events.length ? Array.from({ length: 9 }, (_, r) => `rank ${r} @ 10.77.115.${(r % 3) + 1}`) : [] };
    const d = await openDiagram(browser());
    await d.load(hosts);
    const { pic, c } = await drawnCalls(d);
    const HEADER = 28; // webview/sequence/viewport.ts
    const line = (y: number): { s: string; x: number }[] => pic.texts.filter((t) => t.centred && t.y === y).sort((a, b) => a.x - b.x);
    const ranks = line(HEADER - 16), hostLine = line(HEADER - 4);
    assert.deepEqual(ranks.map((l) => l.s), Array.from({ length: 9 }, (_, r) => `rank ${r}`));
    assert.deepEqual(hostLine.map((l) => l.s), Array.from({ length: 9 }, (_, r) => `10.77.115.${(r % 3) + 1}`));
    const laneW = ranks[1].x - ranks[0].x;
    for (const [y, labels] of [[HEADER - 16, ranks], [HEADER - 4, hostLine]] as const) {
      // Where each name's ink lies, from the pixels of its line of text in its own lane.
      const at = await pixels(d.page, 0, y - 9, 1200, 11);
      const widths = await textWidths(d.page, labels.map((l) => l.s));
      const ink = labels.map((l) => {
        const xs: number[] = [];
        for (let x = Math.ceil(l.x - laneW / 2); x < l.x + laneW / 2; x++) {
          for (let dy = 0; dy < 11; dy++) if (!near(at(x, y - 9 + dy), c.rgb.background, 40)) xs.push(x);
        }
        return { s: l.s, x0: Math.min(...xs), x1: Math.max(...xs) + 1 };
      });
      ink.forEach((l, i) => {
        // At its natural width (fillText squeezes a name into a narrower lane), and centred in its lane.
        const [w, cx] = [l.x1 - l.x0, labels[i].x];
        assert.ok(w >= widths[i] - 3 && w <= widths[i] + 2, `${l.s}: ${w} px of ink, its natural width ${widths[i].toFixed(1)}`);
        assert.ok(l.x0 > cx - laneW / 2 && l.x1 < cx + laneW / 2, `${l.s} stays in its lane`);
        if (i > 0) assert.ok(l.x0 - ink[i - 1].x1 >= 4, `${ink[i - 1].s} and ${l.s} stand apart`);
      });
    }
    await d.close();
  });
});
