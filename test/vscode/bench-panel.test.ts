/**
 * The benchmark panel as a user meets it: samples/ in a real VS Code (code-server in chromium),
 * "Rankscope: Open Benchmark" from the command palette, a small Pi sweep run from the form, the
 * verdict and the charts on screen, and the run saved in the workspace's .rankscope/bench/. Its
 * screenshot is the README's; its crop of the speed-up chart (at twice the pixels) the walkthrough's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';
import { crop, screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, quickOpen, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

describe('benchmark panel in a real VS Code', function () {
  this.timeout(240000);

  it('runs a Pi sweep from the form, draws it, and saves it in the workspace', async function () {
    skipUnlessInstalled(this);
    const samples = path.join(ROOT, 'samples');
    const saved = path.join(samples, '.rankscope');
    fs.rmSync(saved, { recursive: true, force: true });
    const cs = await startCodeServer(samples);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 2 });
      await page.goto(workbenchUrl(cs, samples));
      await waitForWorkbench(page);
      await page.getByRole('treeitem', { name: 'mpi' }).first().waitFor({ timeout: 30000 });
      await quickOpen(page, '>Rankscope: Open Benchmark', 'Rankscope: Open Benchmark');
      const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await panel.locator('#sizes').waitFor({ timeout: 30000 });
      // The form gets its defaults from the host a moment after it shows: a fill before them would be appended to.
      for (let i = 0; (await panel.locator('#sizes').inputValue()) === ''; i++) {
        if (i > 300) throw new Error('the benchmark form never got its default sizes');
        await page.waitForTimeout(100);
      }
      await panel.locator('#sizes').fill('1e3, 1e7');
      await panel.locator('#workers').fill('1, 2');
      await panel.locator('#mode-process').uncheck();
      await panel.locator('#budget').fill('0.2');
      await panel.locator('#run').click();
      await panel.locator('#status', { hasText: /^done in / }).waitFor({ timeout: 180000 });
      assert.equal(await panel.locator('.uplot').count(), 4);
      assert.match(await panel.locator('.headline').innerText(), /pool with 2 workers .*; mpi with 2 workers /);
      assert.equal(await panel.locator('#saved li', { hasText: 'pi (integration steps)' }).count(), 1);
      const files = fs.readdirSync(path.join(saved, 'bench'));
      assert.deepEqual(files.map((f) => path.extname(f)).sort(), ['.csv', '.json']);
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('vscode-bench.png'), scale: 'css' });
      const chart = await panel.locator('.chart[data-chart="speedup-size"]').boundingBox();
      assert.ok(chart, 'the speed-up chart is not on screen');
      await crop(page, 'walkthrough-bench.png', chart);
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'bench-panel-failure.png') });
      throw e;
    } finally {
      await browser.close();
      await cs.stop();
      fs.rmSync(saved, { recursive: true, force: true });
    }
  });
});
