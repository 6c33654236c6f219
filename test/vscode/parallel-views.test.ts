/**
 * The Rankscope views of Run and Debug in a real VS Code (code-server in chromium): F5 on the
 * deadlock sample, then Parallel Stacks groups the ranks by where they are (counts and lines read
 * from the run's own deadlock report, not written here), a click on a group opens its line, and
 * Message Queues lists the receive each deadlocked rank posted. Its screenshots are the README's.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../helpers/run-cli.js';
import { crop, screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, pressF5On, quickOpen, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

const pane = (page: Page, title: string) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });

/** Opens a collapsed pane (VS Code keeps a pane's collapsed state between sessions and runs). */
async function expand(p: ReturnType<typeof pane>): Promise<void> {
  const header = p.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

describe('Parallel Stacks and Message Queues in a real VS Code', function () {
  this.timeout(180000);

  it('groups the deadlocked ranks by line, opens the line, and lists their posted receives', async function () {
    skipUnlessInstalled(this);
    const samples = path.join(ROOT, 'samples');
    const cs = await startCodeServer(samples);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(workbenchUrl(cs, samples));
      await waitForWorkbench(page);
      await pressF5On(page, 'deadlock.ts');
      await page.getByText(/rankscope: deadlock detected/).first().waitFor({ timeout: 60000 });
      // The run's own account, from its report in the Debug Console: each blocked rank's line, the run's size.
      await page.locator('.repl', { hasText: /run ended/ }).first().waitFor({ timeout: 30000 });
      const report = await page.locator('.repl').first().innerText();
      const blocked = [...report.matchAll(/rank \d+: \w+\(.*\) at \S*?(deadlock\.ts:\d+)/g)].map((m) => m[1]);
      // The other ranks all finish (the console's list is virtualized: count them from the run's size).
      const size = Number(/(\d+) ranks/.exec(await page.locator('.statusbar-item', { hasText: /Current file: \d+ ranks/ }).first().innerText())![1]);
      const finished = size - blocked.length;
      assert.ok(blocked.length >= 2 && finished > 0, report);

      await quickOpen(page, '>Rankscope: Show Parallel Stacks', 'Show Parallel Stacks');
      const stacks = pane(page, 'Parallel Stacks');
      await expand(stacks);
      const byLine = new Map<string, number>();
      for (const at of blocked) byLine.set(at, (byLine.get(at) ?? 0) + 1);
      for (const [at, n] of byLine) {
        await stacks.locator('.monaco-list-row', { hasText: `${n} rank${n === 1 ? '' : 's'} at ${at}` }).first().waitFor({ timeout: 15000 });
      }
      await stacks.locator('.monaco-list-row', { hasText: `${finished} ranks finished` }).first().waitFor({ timeout: 5000 });

      const queues = pane(page, 'Message Queues');
      await expand(queues);
      for (let i = 0; i < blocked.length; i++) {
        await queues.locator('.monaco-list-row', { hasText: /recv ← \d+/ }).nth(i).waitFor({ timeout: 15000 });
      }
      await page.waitForTimeout(1000);
      await crop(page, 'vscode-parallel-stacks.png', (await page.locator('.part.sidebar').boundingBox())!);
      await page.screenshot({ path: screenshotPath('vscode-views.png'), scale: 'css' });

      // A click on a group opens its line: the status bar shows the cursor there.
      const [at] = [...byLine.keys()];
      await stacks.locator('.monaco-list-row', { hasText: ` at ${at}` }).first().click();
      const line = at.split(':')[1];
      await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line},`) }).first().waitFor({ timeout: 10000 });
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'parallel-views-failure.png') });
      throw e;
    } finally {
      await browser.close();
      await cs.stop();
    }
  });
});
