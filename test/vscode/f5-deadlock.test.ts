/**
 * What a user does and sees: samples/ opened in a real VS Code (code-server in chromium), the
 * deadlock sample in the editor, F5 — and the deadlock report on screen, with the ranks stopped at
 * their pending calls. The screenshot it takes is the one in the README, and its crops (at twice the
 * pixels, for sharpness) are the walkthrough's pictures.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/run-cli.js';
import { around, crop, screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, pressF5On, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

describe('F5 on the deadlock sample in a real VS Code', function () {
  this.timeout(180000);

  it('stops with the deadlock report on screen', async function () {
    skipUnlessInstalled(this);
    const samples = path.join(ROOT, 'samples');
    const cs = await startCodeServer(samples);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 2 });
      await page.goto(workbenchUrl(cs, samples));
      await waitForWorkbench(page);
      await cropSamples(page);
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
      await page.screenshot({ path: screenshotPath('vscode-deadlock.png'), scale: 'css' });
      // The walkthrough's "Press F5 on a deadlock": the pending recv and the report under it.
      // The widget's zone reaches under the panel below the editor: keep what the editor shows.
      // Known flake, older than this picture (seen on e07a2ec too, about 1 run in 3): VS Code
      // sometimes does not reveal the stopped rank's frame, so no widget; the picture then waits
      // for another run rather than failing the report checks above.
      const widget = await page.locator('.zone-widget:has(.exception-widget)').boundingBox({ timeout: 10000 }).catch(() => null);
      const editor = await page.locator('.editor-instance .monaco-editor').first().boundingBox();
      if (widget && editor) {
        await crop(page, 'walkthrough-deadlock.png', { ...widget, y: widget.y - 60, height: Math.min(widget.y + widget.height, editor.y + editor.height) - widget.y + 60 });
      } else {
        console.log('      (the exception widget was not revealed this run: walkthrough-deadlock.png not taken)');
      }
      // "Read the sequence diagram": the report and the timeline, without the toolbar.
      await crop(page, 'walkthrough-diagram.png', around(await diagram.locator('#banner').boundingBox(), await diagram.locator('#status').boundingBox()));
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

/** The walkthrough's "Get the samples" picture: the explorer with the MPI samples listed. */
async function cropSamples(page: Page): Promise<void> {
  const mpi = page.getByRole('treeitem', { name: 'mpi' }).first();
  await mpi.waitFor({ timeout: 30000 });
  await mpi.click();
  await page.getByRole('treeitem', { name: 'deadlock.ts' }).first().click({ timeout: 10000 });
  // The dark theme of settings.json replaces the default one a moment after the workbench shows;
  // the picture is taken either way (a loaded machine once kept the light one past 30 s).
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15000 }).catch(() => {});
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  assert.ok(sidebar, 'the explorer is not on screen');
  await crop(page, 'walkthrough-samples.png', { ...sidebar, height: 440 });
}
