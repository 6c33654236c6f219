/**
 * The benchmark panel's webview in Debian's chromium, fed a result the real engine measured a
 * moment before (real pool workers and MPI ranks): the verdict, the four charts with their series,
 * the overhead bar, a compared run, and the form's request and its errors.
 * With RANKSCOPE_README_BENCH=<saved result .json> it also draws that run for the README's figure.
 */
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { runBenchmark } from '../../runtime/bench/engine.js';
import type { BenchResult } from '../../runtime/bench/contract/protocol.js';
import { loadResult } from '../../runtime/bench/store.js';
import { BENCH_PANEL_VERSION as v, type HostToWebview } from '../../webview/bench/protocol.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, openWebview, settle, type WebviewPage } from './harness.js';
import { skipWithoutChromium } from './recorded.js';

type Charts = { title: string; series: string[] }[];

async function send(p: WebviewPage, ...messages: HostToWebview[]): Promise<void> {
  await p.page.evaluate((ms) => ms.forEach((m) => window.postMessage(m, '*')), messages);
  await settle(p.page);
}

/** The charts on screen: each one's title and the series its legend lists (after the x axis's row). */
const charts = (p: WebviewPage): Promise<Charts> => p.page.evaluate(() => Array.from(document.querySelectorAll('.uplot'), (chart) => ({
  title: chart.querySelector('.u-title')?.textContent ?? '',
  series: Array.from(chart.querySelectorAll('.u-legend .u-series .u-label'), (l) => l.textContent ?? '').slice(1),
})));

/** The label the speed-up chart gives the fit with the smallest serial fraction, if any. */
function fitLabels(r: BenchResult): string[] {
  const best = [...r.analysis.amdahl].sort((a, b) => a.serialFraction - b.serialFraction)[0];
  return best ? [`Amdahl fit, ${best.mode}: f = ${(best.serialFraction * 100).toFixed(1)}%`] : [];
}

const init: HostToWebview = {
  type: 'init', v, running: false, saved: [],
  defaults: { cores: 2, workers: [1, 2, 4], builtins: [{ name: 'pi', unit: 'integration steps', sizes: [1e3, 1e6] }, { name: 'primes', unit: 'n', sizes: [1e3] }] },
};

describe('benchmark panel webview (chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let measured: BenchResult;

  before(async function () {
    // Chromium is all it needs (not code-server, as the VS Code tests do).
    skipWithoutChromium(this);
    measured = await runBenchmark({
      workload: { kind: 'builtin', name: 'pi' }, sizes: [1e3, 1e6, 1e7], workers: [1, 2], modes: ['serial', 'pool', 'mpi'],
      budget: { warmups: 0, minReps: 2, maxReps: 2, pointSeconds: 0.05 },
    });
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the verdict, where the time goes, and four charts with every configuration', async () => {
    const p = await openWebview(browser, 'bench', { width: 1300, height: 1100 });
    try {
      await send(p, init, { type: 'result', v, result: measured, partial: false }, { type: 'ended', v });
      const c = await charts(p);
      assert.deepEqual(c.map((x) => x.title.split(' ')[0]), ['Time', 'Speed-up', 'Speed-up', 'Efficiency']);
      assert.deepEqual(c[0].series, ['serial', 'pool × 1', 'pool × 2', 'mpi × 1', 'mpi × 2']);
      assert.deepEqual(c[1].series, ['break-even', 'pool × 1', 'pool × 2', 'mpi × 1', 'mpi × 2']);
      assert.equal(c[2].series[0], 'ideal');
      assert.deepEqual(c[2].series.slice(1, 3), ['pool', 'mpi']);
      // A loaded machine may measure no speed-up at all, and then there is rightly no fit to draw.
      assert.deepEqual(c[2].series.slice(3), fitLabels(measured));
      assert.equal(await p.page.locator('.uplot canvas').count(), 4);
      assert.equal(await p.page.locator('.headline').textContent(), measured.analysis.headline);
      assert.match(await p.page.locator('#overhead').textContent() ?? '', /pool × 2 at size 1000 takes .*starting the workers .*moving data .*computing/);
      assert.equal(await p.page.locator('#medians tbody tr').count(), 3);
      assert.match(await p.page.locator('#status').textContent() ?? '', /^done in \d+\.\d s$/);
      // Where the parallel time goes waiting: a row per parallel configuration the engine traced once
      // more, each naming its patterns or saying nobody waited.
      assert.deepEqual(measured.waits?.map((w) => `${w.config.mode} × ${w.config.workers}`), ['pool × 2', 'mpi × 2']);
      for (const config of ['pool × 2', 'mpi × 2']) {
        const text = await p.page.locator(`#waits .wait-row[data-config="${config}"]`).textContent();
        assert.match(text ?? '', /lost waiting.*(Late|Wait at|Lock|Queue|Early|no process waited)/, `${config}: ${text}`);
      }
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  it("draws Amdahl's curve for the best fit", async () => {
    const p = await openWebview(browser, 'bench', { width: 1300, height: 1100 });
    try {
      // The fit is the analysis' input to the panel; these are two the engine could have made.
      const size = Math.max(...measured.sizes);
      const amdahl = [{ mode: 'mpi' as const, size, serialFraction: 0.25, maxSpeedup: 4 }, { mode: 'pool' as const, size, serialFraction: 0.125, maxSpeedup: 8 }];
      const fitted = { ...measured, analysis: { ...measured.analysis, amdahl } };
      await send(p, init, { type: 'result', v, result: fitted, partial: false });
      const c = await charts(p);
      assert.deepEqual(c[2].series.slice(3), ['Amdahl fit, pool: f = 12.5%']);
      assert.deepEqual(c[3].series.slice(3), ['Amdahl fit, pool: f = 12.5%']);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  it('overlays a compared run, dashed, as (B)', async () => {
    const p = await openWebview(browser, 'bench', { width: 1300, height: 1100 });
    try {
      const other = { ...measured, id: 'other', title: 'an earlier run' };
      await send(p, init, { type: 'result', v, result: measured, partial: false }, { type: 'result', v, result: other, partial: false, compare: true });
      const c = await charts(p);
      assert.ok(c[0].series.includes('pool × 2 (B)'), c[0].series.join());
      assert.match(await p.page.locator('#summary').textContent() ?? '', /Compared with \(B, dashed\): an earlier run/);
    } finally {
      await p.close();
    }
  });

  it("the form posts the run it reads, says what is wrong with bad fields, and cancel reaches the host", async () => {
    const p = await openWebview(browser, 'bench');
    try {
      await send(p, init);
      assert.equal(await p.page.inputValue('#sizes'), '1000, 1e6');
      assert.equal(await p.page.inputValue('#workers'), '1, 2, 4');
      await p.page.fill('#sizes', '1e3, ten');
      await p.page.click('#run');
      assert.match(await p.page.locator('#error').textContent() ?? '', /^Sizes: whole numbers/);
      await p.page.fill('#sizes', '1e3, 1e7');
      await p.page.uncheck('#mode-process');
      await p.page.click('#run');
      await p.page.click('#cancel');
      const posted = (await p.posted()).filter((m) => m.type !== 'ready');
      assert.deepEqual(posted, [
        { type: 'run', v, request: { workload: { kind: 'builtin', name: 'pi' }, sizes: [1e3, 1e7], workers: [1, 2, 4], modes: ['serial', 'pool', 'mpi'], pointSeconds: 2 } },
        { type: 'cancel', v },
      ]);
      await p.page.selectOption('#workload', 'function');
      await send(p, { type: 'ended', v });
      await p.page.click('#run');
      assert.match(await p.page.locator('#error').textContent() ?? '', /needs the file, the exported function and the exported inputs/);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  it('draws a saved run for the README figure (RANKSCOPE_README_BENCH)', async function () {
    const file = process.env.RANKSCOPE_README_BENCH;
    if (!file) return this.skip();
    const p = await openWebview(browser, 'bench', { width: 1400, height: 1250 });
    try {
      await send(p, init, { type: 'result', v, result: loadResult(file), partial: false }, { type: 'ended', v });
      await p.page.screenshot({ path: screenshotPath('bench-pi.png'), fullPage: true });
    } finally {
      await p.close();
    }
  });
});
