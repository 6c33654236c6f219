/**
 * What a user does and sees: samples/ opened in a real VS Code (code-server in chromium), the
 * deadlock sample in the editor, F5 — and the deadlock report on screen, with the ranks stopped at
 * their pending calls. The screenshot it takes is the one in the README.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';
import { screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, pressF5On, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

describe('F5 on the deadlock sample in a real VS Code', function () {
  this.timeout(180000);

  it('stops with the deadlock report on screen', async function () {
    skipUnlessInstalled(this);
    const samples = path.join(ROOT, 'samples');
    const cs = await startCodeServer(samples);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(workbenchUrl(cs, samples));
      await waitForWorkbench(page);
      await pressF5On(page, 'deadlock.ts');
      // The notification and the exception widget at the pending recv both carry the report.
      const report = page.getByText(/rankscope: deadlock detected: rank 1, rank 5 are blocked forever/).first();
      await report.waitFor({ timeout: 60000 });
      // The sequence diagram opened beside the editor shows the same report, live.
      const diagram = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await diagram.locator('#banner', { hasText: 'deadlock detected: rank 1, rank 5' }).waitFor({ timeout: 15000 });
      // The status line follows within a quarter of a second (status-line.ts).
      await diagram.locator('#status', { hasText: /2 calls/ }).waitFor({ timeout: 5000 });
      // The Call Stack lists every rank with what it is doing.
      await page.getByText(/rank 1 — blocked in recv\(source=5, tag=ANY\) at deadlock\.ts:16/).first().waitFor({ timeout: 10000 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: screenshotPath('vscode-deadlock.png') });
      assert.ok(await report.isVisible());
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'f5-deadlock-failure.png') });
      throw e;
    } finally {
      await browser.close();
      await cs.stop();
    }
  });
});
