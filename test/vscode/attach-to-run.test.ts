/**
 * What a user does and sees: `rankscope run` typed in VS Code's own terminal (code-server in
 * chromium), then "Rankscope: Attach to Run" from the palette — the run's diagram and its
 * processes in the Call Stack, for the deadlock sample and for a run still going.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CLI, ROOT } from '../helpers/run-cli.js';
import { openBrowser, quickOpen, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

/** Meets 400 times, ~150 ms apart: a run that goes on for a minute after we attach. */
const SLOW = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 400; i++) {
  await comm.barrier();
  await new Promise((r) => setTimeout(r, 150));
}
`;

/** Types a command line into the integrated terminal (opened on the workspace folder). */
async function inTerminal(page: Page, line: string): Promise<void> {
  const terminal = page.locator('.terminal-wrapper .xterm').filter({ visible: true }).first();
  if (!(await terminal.isVisible().catch(() => false))) {
    await quickOpen(page, '>Terminal: Create New Terminal', 'Terminal: Create New Terminal');
    await terminal.waitFor({ timeout: 30000 });
  }
  await terminal.click();
  // The shell prints its prompt when ready; typing before that is kept by the pty anyway.
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until a run started in `folder` is listed there (its descriptor, or its record). */
async function published(folder: string, ended: boolean): Promise<void> {
  const runs = path.join(folder, '.rankscope', 'runs');
  const has = (): boolean => fs.existsSync(runs) && fs.readdirSync(runs).some((f) => (ended ? f.endsWith('.json') : /^\d+\.json$/.test(f)));
  for (let i = 0; i < 600 && !has(); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Runs "Rankscope: Attach to Run" and picks the row that shows `row`. */
async function attachTo(page: Page, row: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await quickOpen(page, '>Rankscope: Attach to Run', 'Rankscope: Attach to Run');
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first();
    try {
      await item.waitFor({ timeout: 10000 });
      return await item.click();
    } catch (e) {
      if (attempt === 5) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

describe('Rankscope: Attach to Run, in a real VS Code', function () {
  this.timeout(240000);

  it('attaches to runs started in the terminal: the deadlock with its report and blocked ranks, a live run with its events arriving', async function () {
    skipUnlessInstalled(this);
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-attach-'));
    fs.mkdirSync(path.join(workspace, 'mpi'));
    fs.copyFileSync(path.join(ROOT, 'samples', 'mpi', 'deadlock.ts'), path.join(workspace, 'mpi', 'deadlock.ts'));
    fs.mkdirSync(path.join(workspace, 'sub'));
    fs.writeFileSync(path.join(workspace, 'sub', 'slow.ts'), SLOW);
    const cs = await startCodeServer(workspace);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(workbenchUrl(cs, workspace));
      await waitForWorkbench(page);
      await page.getByRole('treeitem', { name: 'mpi' }).first().waitFor({ timeout: 30000 });

      // The deadlock: it ends the terminal run within seconds, so the picker may list it running
      // or ended; attached either way, VS Code shows what F5 shows.
      await inTerminal(page, `${process.execPath} ${CLI} run -n 9 mpi/deadlock.ts`);
      await published(workspace, true);
      await attachTo(page, /deadlock\.ts — (9 ranks — running|deadlock, )/);
      await page.getByText(/rank 1 — blocked in recv\(source=5, tag=ANY\) at deadlock\.ts:16/).first().waitFor({ timeout: 60000 });
      await page.getByText(/rank 5 — blocked in recv\(source=1, tag=ANY\) at deadlock\.ts:28/).first().waitFor({ timeout: 10000 });
      // The stop opened deadlock.ts over the diagram (one editor group): bring the diagram to the front.
      await page.locator('.tab', { hasText: 'Rankscope: Sequence Diagram' }).first().click();
      const diagram = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await diagram.locator('#banner', { hasText: 'deadlock detected: rank 1, rank 5' }).waitFor({ timeout: 30000 });
      // The report as for F5: the notification.
      await page.getByText(/rankscope: deadlock detected: rank 1, rank 5 are blocked forever/).first().waitFor({ timeout: 10000 });
      // Leaving the attached session lets the run alone (it has ended here anyway).
      await quickOpen(page, '>Debug: Disconnect', 'Debug: Disconnect');

      // A live run, started in a subfolder: attached while it goes on, its calls keep arriving.
      await inTerminal(page, `cd sub && ${process.execPath} ${CLI} run -n 3 slow.ts`);
      await published(path.join(workspace, 'sub'), false);
      await attachTo(page, /slow\.ts — 3 ranks — running/);
      await page.locator('.tab', { hasText: 'Rankscope: Sequence Diagram' }).first().click();
      const status = diagram.locator('#status');
      await status.filter({ hasText: /\d+ calls/ }).waitFor({ timeout: 60000 });
      const calls = async (): Promise<number> => Number(/(\d+) calls/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
      const first = await calls();
      const deadline = Date.now() + 30000;
      while ((await calls()) <= first) {
        if (Date.now() > deadline) throw new Error(`the live diagram stayed at ${first} calls`);
        await page.waitForTimeout(250);
      }
      await page.getByText(/rank 0 — (running|blocked in barrier)/).first().waitFor({ timeout: 10000 });
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'attach-to-run-failure.png') });
      throw e;
    } finally {
      await browser.close();
      await cs.stop();
    }
  });

  it('a session of the stdio adapter (as a debug server) gets the live diagram from the run it publishes', async function () {
    skipUnlessInstalled(this);
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-attach-'));
    fs.mkdirSync(path.join(workspace, 'mpi'));
    fs.copyFileSync(path.join(ROOT, 'samples', 'mpi', 'deadlock.ts'), path.join(workspace, 'mpi', 'deadlock.ts'));
    const port = 20000 + (process.pid % 20000);
    // VS Code speaks to an adapter at "debugServer" itself: the extension's inline adapter is not used.
    const adapter = spawn(process.execPath, [path.join(ROOT, 'dist', 'adapter.cjs'), `--server=${port}`], { stdio: 'ignore' });
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({
      version: '0.2.0',
      configurations: [{ type: 'rankscope', request: 'launch', name: 'Through the stdio adapter', program: '${workspaceFolder}/mpi/deadlock.ts', np: 9, debugServer: port }],
    }));
    const cs = await startCodeServer(workspace);
    const browser = await openBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(workbenchUrl(cs, workspace));
      await waitForWorkbench(page);
      await page.getByRole('treeitem', { name: 'mpi' }).first().waitFor({ timeout: 30000 });
      // Quick open's `debug ` lists the launch configurations: start ours.
      await quickOpen(page, 'debug Through the stdio adapter', 'Through the stdio adapter');
      // The adapter's own stop: the Call Stack at the blocked calls.
      await page.getByText(/rank 1 — blocked in recv\(source=5, tag=ANY\) at deadlock\.ts:16/).first().waitFor({ timeout: 60000 });
      // The extension's: the diagram of the run the adapter published, with the deadlock.
      await page.locator('.tab', { hasText: 'Rankscope: Sequence Diagram' }).first().click({ timeout: 30000 });
      const diagram = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await diagram.locator('#banner', { hasText: 'deadlock detected: rank 1, rank 5' }).waitFor({ timeout: 30000 });
      // The run was the debug server's (it published it; VS Code's inline adapter publishes nothing).
      const runs = path.join(workspace, 'mpi', '.rankscope', 'runs');
      assert.ok([`${adapter.pid}.json`, `${adapter.pid}.ended.json`].some((f) => fs.existsSync(path.join(runs, f))), `no run of pid ${adapter.pid} in ${runs}`);
    } catch (e) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(ROOT, '.vscode-test', 'attach-stdio-failure.png') });
      throw e;
    } finally {
      adapter.kill();
      await browser.close();
      await cs.stop();
    }
  });
});
