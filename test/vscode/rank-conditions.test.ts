/**
 * Stopped in one rank of a real VS Code (code-server in chromium): a breakpoint with condition
 * `rank === 4` in a 5-rank run stops rank 4 alone, though the program names no `rank` (the global
 * each rank defines); its Variables view's Module scope lists the program's bindings and none of
 * the runtime's (`__defProp`, `abortReport`: the runtime is a chunk of its own); `comm` reads
 * `Intracomm(world, rank 4 of 5)`; a logpoint's line carries its rank's tag.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, quickOpen, skipUnlessInstalled, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

const PROGRAM = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const me = comm.Get_rank();
const label = \`process \${me}\`;
console.log(label);
await comm.barrier();
`;

/** Puts the cursor on `line` and runs the palette command that opens the breakpoint widget there. */
async function breakpointAt(page: Page, line: number, command: string, text: string, kind?: string): Promise<void> {
  const widget = page.locator('.breakpoint-widget .inputContainer');
  // The kind list (Expression, Hit Count, Log Message) re-renders and can shut while the widget
  // lays out; an Enter that then reaches the empty input closes the widget. So the kind is read
  // back from the select element itself, and the widget opened afresh when it is gone or wrong.
  for (let attempt = 0; ; attempt++) {
    if (attempt === 4) throw new Error(`the breakpoint widget never showed ${kind} chosen at line ${line}`);
    await page.keyboard.press('Escape');
    await page.click('.command-center-center');
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await quickOpen(page, `>${command}`, command);
    await widget.waitFor({ timeout: 10000 });
    if (!kind || (await chooseKind(page, kind))) break;
  }
  await widget.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Picks `kind` in the open breakpoint widget's kind list; whether the widget shows it chosen. The
 * widget's select element holds the choice (the input's aria-label keeps the first kind's text).
 */
async function chooseKind(page: Page, kind: string): Promise<boolean> {
  const select = page.locator('.breakpoint-widget .monaco-select-box').first();
  const option = page.locator('.select-box-dropdown-list-container .monaco-list-row', { hasText: kind }).first();
  const chosen = async (): Promise<boolean> =>
    (await select.evaluate((e) => (e as HTMLSelectElement).value, undefined, { timeout: 2000 }).catch(() => '')) === kind;
  for (let step = 0; step < 8 && !(await chosen()); step++) {
    if (!(await option.isVisible().catch(() => false))) {
      await select.click({ timeout: 3000 }).catch(() => undefined);
      await option.waitFor({ timeout: 3000 }).catch(() => undefined);
      continue;
    }
    // The list re-renders while it opens: a click on a row it is replacing does nothing (and keys
    // move the list's focus without choosing), so the row is clicked once it has stood still.
    await page.waitForTimeout(300);
    await option.click({ timeout: 2000 }).catch(() => undefined);
  }
  if (await option.isVisible().catch(() => false)) await page.keyboard.press('Escape');
  return (await page.locator('.breakpoint-widget .inputContainer').isVisible()) && (await chosen());
}

describe('rank-aware breakpoints and what a stopped rank shows, in a real VS Code', function () {
  this.timeout(240000);

  it('a condition rank === 4 stops rank 4 only; Module scope is the program\'s; comm says which rank', async function () {
    skipUnlessInstalled(this);
    await withProgram('cond.ts', PROGRAM, 5, async (page) => {
      await breakpointAt(page, 6, 'Debug: Add Conditional Breakpoint...', 'rank === 4');
      await breakpointAt(page, 7, 'Debug: Add Logpoint...', 'logged {me} of {size}');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');

      // One rank stops; give the other four the time to pass the line too, had they stopped.
      const paused = pausedSessions(page);
      const pausedState = page.locator('.state', { hasText: /paused on breakpoint/i });
      await paused.first().waitFor({ timeout: 90000 });
      const repl = page.locator('.repl');
      await repl.getByText('[rank 3] logged 3 of 5').first().waitFor({ timeout: 30000 });
      await page.waitForTimeout(3000);
      assert.equal(await paused.count(), 1, 'more than one rank stopped');
      const stoppedSession = await page.locator('.debug-call-stack .monaco-list-row', { has: pausedState }).first().innerText();
      assert.match(stoppedSession, /rank 4/, `the stopped session: ${stoppedSession}`);
      for (const r of [0, 1, 2, 3]) await repl.getByText(`[rank ${r}] logged ${r} of 5`).first().waitFor({ timeout: 10000 });

      // The Module scope: the program's own bindings, not the runtime's.
      const variables = page.locator('.debug-variables');
      const moduleScope = variables.locator('.monaco-list-row', { hasText: /^Module$/ }).first();
      await moduleScope.waitFor({ timeout: 15000 });
      if ((await moduleScope.getAttribute('aria-expanded')) !== 'true') await moduleScope.click();
      const comm = variables.locator('.monaco-list-row', { hasText: /^\s*comm\s*[=:]/ }).first();
      await comm.waitFor({ timeout: 15000 });
      const rows = await variables.locator('.monaco-list-row').allInnerTexts();
      const names = rows.map((r) => /^\s*([\w$]+)/.exec(r)?.[1] ?? r);
      for (const n of ['comm', 'me', 'label', 'MPI']) assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
      for (const n of ['__defProp', '__esm', 'abortReport', 'AbortSignalled', 'allgather', '__rankscopeCreateRequire', '__rankscopeEntryDone', 'require']) assert.ok(!names.includes(n), `${n} in Module scope: ${names.join(', ')}`);
      assert.match(await comm.innerText(), /Intracomm\(world, rank 4 of 5\)/);
      await page.screenshot({ path: screenshotPath('vscode-rank-condition.png'), scale: 'css' });
    });
  });

  it('a hit count applies per rank: each rank stops at its own third pass', async function () {
    skipUnlessInstalled(this);
    await withProgram('hits.ts', LOOP, 3, async (page) => {
      await breakpointAt(page, 6, 'Debug: Add Conditional Breakpoint...', '3', 'Hit Count');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');
      const paused = pausedSessions(page);
      await paused.first().waitFor({ timeout: 90000 });
      const i = page.locator('.debug-variables .monaco-list-row', { hasText: /^\s*i\s*[=:]/ }).first();
      await i.waitFor({ timeout: 15000 });
      assert.match(await i.innerText(), /i\s*[=:]\s*2\b/);
      // Room for every session in the Call Stack (its list renders only the rows that fit).
      for (const pane of ['Variables', 'Watch', 'Breakpoints', 'Loaded Scripts']) {
        const header = page.locator('.pane-header[aria-expanded="true"]', { hasText: new RegExp(`^${pane}`, 'i') }).first();
        if (await header.isVisible().catch(() => false)) await header.click();
      }
      // Were the count shared by the ranks, one rank alone would stop (at the job's third pass).
      for (let waited = 0; (await paused.count()) < 3 && waited < 30000; waited += 500) await page.waitForTimeout(500);
      const rows = await page.locator('.debug-call-stack .monaco-list-row').allInnerTexts();
      assert.equal(await paused.count(), 3, `not every rank stopped at its third pass:\n${rows.join('\n')}`);
    });
  });
});

const LOOP = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
let total = 0;
for (let i = 0; i < 5; i++) {
  total += i;
}
await comm.barrier();
console.log(total);
`;

/** The Call Stack's sessions paused on a breakpoint. */
function pausedSessions(page: Page) {
  return page.locator('.debug-call-stack').locator(page.locator('.state', { hasText: /paused on breakpoint/i }));
}

/** code-server on a folder holding `name` (a launch.json running it on `np` ranks), the file open. */
async function withProgram(name: string, text: string, np: number, body: (page: Page) => Promise<void>): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-cond-'));
  fs.writeFileSync(path.join(folder, name), text);
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [{ type: 'rankscope', request: 'launch', name, program: `\${workspaceFolder}/${name}`, np }],
  }));
  const cs = await startCodeServer(folder);
  const browser = await openBrowser();
  // Tall enough that the Call Stack shows every rank's session (its list renders only what fits).
  const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
  try {
    await page.goto(workbenchUrl(cs, folder), { timeout: 120000 });
    await waitForWorkbench(page);
    await page.getByRole('treeitem', { name }).first().waitFor({ timeout: 30000 });
    await quickOpen(page, name);
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.waitForTimeout(2000);
    await body(page);
  } catch (e) {
    await page.screenshot({ path: path.join(path.dirname(screenshotPath('x')), `rank-conditions-${name}-failure.png`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
