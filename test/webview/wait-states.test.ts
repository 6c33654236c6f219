/// <reference lib="dom" />
/**
 * The diagram's Wait states tab in a real browser (Debian chromium): a real run with a known late
 * sender, recorded with `rankscope run --trace`, its report worked out as the panel host does for
 * a trace file, sent as the host sends it. The tab's row names rank 0's receive line and ≈ 200 ms of
 * Late Sender; headers sort; a row opens its line; the lost time is shaded on rank 0's lifeline, and
 * the critical path drawn beside the lanes it passes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitStatesOf } from '../../runtime/analysis/wait-states.js';
import type { WaitStateReport } from '../../runtime/contract/wait-states.js';
import { PROTOCOL_VERSION } from '../../webview/sequence/protocol.js';
import { program, runCli } from '../helpers/run-cli.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { openDiagram, settle, tableTab, type SavedRun } from './harness.js';
import { exportPicture, lanes } from './picture.js';
import { useBrowser } from './recorded.js';
import { themeColours } from './screen.js';

// Rank 1 computes 200 ms before it sends; then uneven work before an allreduce, a late bcast root.
const WAITS = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const work = (ms: number) => new Promise((r) => setTimeout(r, ms));
await comm.Barrier();
if (comm.rank === 1) { await work(200); await comm.send('late', { dest: 0 }); }
else if (comm.rank === 0) console.log('got', await comm.recv({ source: 1 }));
await work(40 * comm.rank);
const total = await comm.allreduce(comm.rank);
if (comm.rank === 0) await work(60);
await comm.bcast(total, 0);
`;

async function record(): Promise<{ run: SavedRun; report: WaitStateReport; file: string }> {
  const file = program(WAITS, 'waits.ts');
  const trace = path.join(path.dirname(file), 'trace.json');
  const r = await runCli(['run', '-n', '4', '--trace', trace, file]);
  assert.equal(r.code, 0, r.stderr);
  const run = (JSON.parse(fs.readFileSync(trace, 'utf8')) as { rankscope: SavedRun }).rankscope;
  return { run, report: waitStatesOf(run.events), file };
}

describe('sequence diagram webview: wait states (chromium)', function () {
  this.timeout(120000);
  const browser = useBrowser();

  it("the Wait states tab lists rank 0's receive as ≈ 200 ms of Late Sender, sorts, opens the line, and the lifeline is shaded", async () => {
    const { run, report, file } = await record();
    const d = await openDiagram(browser(), { size: { width: 1000, height: 560 } });
    await d.load(run);
    await d.page.evaluate(([report, v]) => window.postMessage({ type: 'wait-states', v, report }, '*'), [report, PROTOCOL_VERSION] as const);
    await settle(d.page);

    // Shaded: a tinted band in the wait colour on rank 0's lane, as long as a good part of 200 ms.
    const c = await themeColours(d.page);
    const pic = await exportPicture(d.page);
    const x0 = lanes(pic).get('rank 0')!;
    const bands = pic.rects.filter((r) => r.fill === c.css.red && r.opacity < 1 && Math.abs(r.x + r.w / 2 - x0) < 2);
    assert.ok(bands.length > 0, 'a band on rank 0');
    const recvUs = report.rows.find((r) => r.rank === 0 && r.pattern === 'late-sender')!.lostUs;
    const runUs = Math.max(...run.events.map((e) => e.t)) - Math.min(...run.events.map((e) => e.t));
    const longest = Math.max(...bands.map((b) => b.h));
    assert.ok(longest > 0.5 * (recvUs / runUs) * 400, `the band is ${longest} px long for ${recvUs} µs of ${runUs}`);
    // The critical path (a trace file's report has it): a heavy line beside the lanes it passes.
    assert.ok(report.criticalPath && report.criticalPath.length > 0, 'the report has a critical path');
    const pathLines = pic.lines.filter((l) => l.stroke === c.css.foreground && l.width === 3);
    // Stretches that last a few pixels at least (one that ends as it begins is only a connector).
    const lanesOnPath = new Set(report.criticalPath.filter((s) => s.to - s.from > runUs * 0.02).map((s) => `rank ${s.rank}`));
    assert.ok(lanesOnPath.size > 0, JSON.stringify(report.criticalPath));
    assert.ok(pathLines.length > 0, 'the critical path is drawn');
    for (const name of lanesOnPath) {
      const x = lanes(pic).get(name)!;
      assert.ok(pathLines.some((l) => l.x0 === l.x1 && Math.abs(l.x0 - x) < 40 && l.x0 < x), `the path runs beside ${name}'s lane`);
    }
    // A click on rank 0's receive says what it lost, and why.
    const recvBox = pic.rects.filter((r) => r.fill === c.css.blocked && r.opacity === 1 && Math.abs(r.x + r.w / 2 - x0) < 2).sort((a, b) => b.h - a.h)[0];
    const canvas = (await d.page.locator('canvas').boundingBox())!;
    await d.page.mouse.click(canvas.x + recvBox.x + recvBox.w / 2, canvas.y + recvBox.y + recvBox.h / 2);
    await settle(d.page);
    assert.match(await d.page.locator('#details').innerText(), /recv\(source=1[^]*lost [\d.]+ ms waiting: Late Sender \(the receive began before its message was sent/);
    await d.page.screenshot({ path: screenshotPath('wait-states-timeline.png') });

    const text = await tableTab(d.page, 'Wait states');
    const m = /rank 0\trecv at waits\.ts:6\tLate Sender\t([\d.]+) ms\t1/.exec(text);
    assert.ok(m, text);
    assert.ok(Number(m[1]) >= 150 && Number(m[1]) <= 400, m[0]);
    assert.match(text, /Wait at N×N/);
    assert.match(text, /Late Broadcast/);
    await d.page.screenshot({ path: screenshotPath('wait-states.png') });
    // The largest loss first; a click on "process" sorts by rank, a second click turns it round.
    const firstProcess = async (): Promise<string> => d.page.locator('table.waits tbody tr td').first().innerText();
    await d.page.getByRole('button', { name: 'process' }).click();
    await settle(d.page);
    assert.equal(await firstProcess(), 'rank 0');
    await d.page.getByRole('button', { name: /process/ }).click();
    await settle(d.page);
    assert.equal(await firstProcess(), 'rank 3');

    await d.page.locator('table.waits tbody tr', { hasText: 'Late Sender' }).first().click();
    const opened = (await d.posted()).filter((x) => x.type === 'open-source');
    assert.deepEqual([opened.at(-1)?.file, opened.at(-1)?.line], [file, 6]);
    assert.deepEqual(d.errors, []);
    await d.close();
  });
});
