/**
 * The VSIX as a user gets it: `npm run package` builds it, code-server installs it
 * (`--install-extension`, no development path), and in chromium the samples copied out of the
 * installed extension run: F5 on the deadlock sample stops with the report (so the shipped esbuild
 * bundles user programs), and the benchmark panel runs a small sweep.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';
import { openBrowser, openWebviewPanel, pressF5On, skipUnlessInstalled, startCodeServer, waitForWorkbench } from './code-server.js';
import { packageVsix } from './vsix-package.js';

describe('the VSIX installed into a real VS Code', function () {
  this.timeout(300000);

  it('packages, installs, and runs the deadlock sample and the benchmark panel', async function () {
    skipUnlessInstalled(this);
    const VSIX = packageVsix();
    const size = fs.statSync(VSIX).size / 2 ** 20;
    assert.ok(size < 10, `the VSIX is ${size.toFixed(1)} MiB`);
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-vsix-ws-'));
    const cs = await startCodeServer(workspace, {}, VSIX);
    const browser = await openBrowser();
    try {
      // What "Open the Samples" copies: the samples inside the installed extension.
      const installed = fs.readdirSync(cs.extensionsDir).find((d) => d.startsWith('rankscope.rankscope-'));
      assert.ok(installed, 'the extension is not in the extensions folder');
      fs.cpSync(path.join(cs.extensionsDir, installed, 'samples'), workspace, { recursive: true });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
      await waitForWorkbench(page);
      await pressF5On(page, 'deadlock.ts');
      await page.getByText(/rankscope: deadlock detected: rank 1, rank 5 are blocked forever/).first().waitFor({ timeout: 60000 });
      await page.keyboard.press('Shift+F5');
      const panel = await openWebviewPanel(page, 'Rankscope: Open Benchmark', 'Rankscope: Benchmark', '#sizes');
      await panel.locator('#sizes').fill('1e3, 1e6');
      await panel.locator('#workers').fill('2');
      await panel.locator('#mode-process').uncheck();
      await panel.locator('#mode-mpi').uncheck();
      await panel.locator('#budget').fill('0.1');
      await panel.locator('#run').click();
      await panel.locator('#status', { hasText: /^done in / }).waitFor({ timeout: 120000 });
      assert.equal(await panel.locator('.uplot').count(), 4);
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'vsix-failure.png') });
      throw e;
    } finally {
      await browser.close();
      await cs.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
