/**
 * A newcomer's first F5 (issue 18): a folder with one program that imports rankscope/mpi, no
 * launch.json. F5 in its editor starts a Rankscope run at once (no "Select debugger" picker with
 * Node.js preselected), and this program, which sends to rank 5 with 4 ranks, stops at the user's
 * line, never in Rankscope's runtime; the Debug Console links the line relative to the folder and
 * closes with how the run ended. Ctrl+F5 (run without the debugger) goes the same way.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { screenshotPath } from '../helpers/screenshots.js';
import type { Page } from 'playwright-core';
import { openBrowser, quickOpen, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
if (rank === 0) {
  await comm.send('hello', { dest: 5 });
}
console.log(\`rank \${rank} done\`);
`;

describe('F5 on a bare file in a real VS Code (no launch.json)', function () {
  this.timeout(240000);

  it('runs it with Rankscope without a debugger picker, and stops at the user\'s line', async function () {
    skipUnlessInstalled(this);
    await withBareFile('send5.ts', PROGRAM, async (page) => {
      await page.keyboard.press('F5');
      // VS Code's "Select debugger" picker lists the debuggers for TypeScript, ours among them.
      const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Rankscope (MPI / multiprocessing)' });
      const repl = page.locator('.repl');
      const ended = repl.getByText(/rankscope: run ended — exit status 1 \(a process failed\) in \d+\.\d\d s/);
      const first = await Promise.race([
        picker.first().waitFor({ timeout: 90000 }).then(() => 'picker'),
        ended.first().waitFor({ timeout: 90000 }).then(() => 'ran'),
      ]);
      assert.equal(first, 'ran', 'F5 showed the "Select debugger" picker instead of running the file');
      // The error's line, relative to the folder and linked.
      await repl.locator('a.link', { hasText: /^\.\/send5\.ts:6:\d+$/ }).first().waitFor({ timeout: 15000 });
      assert.equal(await repl.getByText(/runtime\/mpi\//).count(), 0, 'the Debug Console shows a runtime frame');
      // The editor shows the user's file at the stop; no runtime file was opened.
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      assert.ok(tabs.every((t) => !/comm\.ts/.test(t)), `tabs: ${tabs.join(' | ')}`);
      const active = await page.locator('.tabs-container .tab.active').first().innerText();
      assert.match(active, /send5\.ts/);
    });
  });

  it('Ctrl+F5 runs it the same way, without the debugger', async function () {
    skipUnlessInstalled(this);
    await withBareFile('hello.ts', `import { MPI } from 'rankscope/mpi';\nconsole.log(\`hello from rank \${MPI.COMM_WORLD.rank}\`);\n`, async (page) => {
      await page.keyboard.press('Control+F5');
      const picker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Rankscope (MPI / multiprocessing)' });
      const repl = page.locator('.repl');
      const first = await Promise.race([
        picker.first().waitFor({ timeout: 90000 }).then(() => 'picker'),
        repl.getByText(/rankscope: run ended — exit status 0 in \d+\.\d\d s/).first().waitFor({ timeout: 90000 }).then(() => 'ran'),
      ]);
      assert.equal(first, 'ran', 'Ctrl+F5 showed the "Select debugger" picker instead of running the file');
      await repl.getByText('[rank 3] hello from rank 3').first().waitFor({ timeout: 10000 });
    });
  });
});

/** code-server on a folder holding only `name`, that file open in the editor, then `body`. */
async function withBareFile(name: string, text: string, body: (page: Page) => Promise<void>): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bare-'));
  fs.writeFileSync(path.join(folder, name), text);
  const cs = await startCodeServer(folder);
  const browser = await openBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(workbenchUrl(cs, folder), { timeout: 120000 });
    await waitForWorkbench(page);
    await page.getByRole('treeitem', { name }).first().waitFor({ timeout: 30000 });
    await quickOpen(page, name);
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    // The extension sets its context key once it has read the file: give it a moment to load.
    await page.waitForTimeout(3000);
    await body(page);
  } catch (e) {
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(path.dirname(screenshotPath('x')), `f5-bare-${name}-failure.png`) });
    throw e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
