/**
 * Process groups and Pause in a real VS Code (code-server in chromium): 9 ranks stopped at one
 * breakpoint all resume with ONE Continue; Pause pressed on the rankscope session pauses every rank
 * through its JavaScript debugger, each showing a stack in the program's file (not "running —
 * Unknown Source"), and so does Pause in one rank's own session (4 ranks there: the Call Stack is
 * read row by row, and 9 looping ranks crowd the shared 2 cores); with the group set to `0-1` in
 * the status bar's quick pick, Continue resumes ranks 0 and 1 only, until the group is all again.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { crop } from '../helpers/screenshots.js';
import { callStackRows, collapseOtherPanes, withProgram } from './rank-workspace.js';

const NP = 9;
// Line 5 has the breakpoint; each rank says it resumed, then all meet at a barrier: ranks that
// resume wait there for those still stopped.
const STOPPING = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const me = comm.Get_rank();
const twice = me * 2;
console.log(\`resumed \${me} with \${twice}\`);
await comm.barrier();
`;

// Ranks that work in the program's own code between awaits, each on its own (none waits for
// another, so none sits idle when Pause comes). The breakpoint at line 13 is never reached; it
// only makes the ranks start under the inspector as a debug session with breakpoints does.
const LOOPING = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const me = comm.Get_rank();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
console.log(\`looping \${me}\`);
let turns = 0;
while (turns >= 0) {
  const until = Date.now() + 5;
  while (Date.now() < until) turns += 0;
  turns++;
  await sleep(5);
  if (turns < 0) {
    console.log('never', me);
  }
}
`;

describe('process groups and Pause act on all ranks, in a real VS Code', function () {
  this.timeout(300000);

  it('one Continue resumes all 9 ranks stopped at a breakpoint, and the run ends', async function () {
    await withProgram(this, 'groups.ts', STOPPING, NP, async (page) => {
      await stopAllAt(page, 5);
      const status = page.locator('.statusbar-item', { hasText: 'Ranks:' });
      assert.match(await status.innerText(), /Ranks: all \(9\)/);
      // For the README: the stopped ranks in the Call Stack, the group in the status bar.
      await crop(page, 'rank-groups.png', { x: 0, y: 0, width: 900, height: 1400 });
      await continueIn(page, 0);
      for (let r = 0; r < NP; r++) await resumed(page, r).waitFor({ timeout: 60000 });
      // Every rank passed the barrier and ended: the session ends with them.
      await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60000 });
      await status.waitFor({ state: 'hidden', timeout: 10000 });
    });
  });

  it('Pause on the run, or in one rank, pauses every rank through its debugger: each stack is in the program', async function () {
    const np = 4;
    await withProgram(this, 'loop.ts', LOOPING, np, async (page) => {
      await breakpoint(page, 14);
      await page.keyboard.press('F5');
      for (let r = 0; r < np; r++) await page.locator('.repl').getByText(`[rank ${r}] looping ${r}`).waitFor({ timeout: 90000 });
      await collapseOtherPanes(page);
      // Pause pressed on the rankscope session itself (not in one rank's own session).
      await page.locator('.debug-call-stack .monaco-list-row', { hasText: /^loop\.ts/ }).first().click();
      await page.keyboard.press('F6');
      await stoppedCount(page, np, np).waitFor({ timeout: 60000 });
      await everyStackInProgram(page, np);

      // One Continue lets them all go; Pause in rank 2's own session (its row's Pause button)
      // pauses the others too, each in the program again.
      await continueIn(page, 0, /paused/i, /loop\.ts/);
      await stoppedCount(page, 0, np).waitFor({ timeout: 60000 });
      const rank2 = page.locator('.debug-call-stack .monaco-list-row', { hasText: /rank 2(?!\d)/, has: page.locator('.state', { hasText: /running/i }) }).first();
      await rank2.hover();
      await rank2.locator('.action-label.codicon-debug-pause').click();
      await stoppedCount(page, np, np).waitFor({ timeout: 60000 });
      await everyStackInProgram(page, np);
      await page.keyboard.press('Shift+F5');
    });
  });

  it('the group 0-1, chosen in the status bar\'s quick pick, resumes ranks 0 and 1 only; then all', async function () {
    await withProgram(this, 'groups.ts', STOPPING, NP, async (page) => {
      await stopAllAt(page, 5);
      const status = page.locator('.statusbar-item', { hasText: 'Ranks:' });
      await status.click();
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'All ranks' }).first().waitFor({ timeout: 10000 });
      const labels = await rows.allInnerTexts();
      assert.ok(labels.some((l) => /Ranks stopped at groups\.ts:5/.test(l)), `no same-line group in:\n${labels.join('\n')}`);
      await page.mouse.move(800, 700);
      await crop(page, 'rank-groups-pick.png', { x: 0, y: 0, width: 1150, height: 420 });
      await rows.filter({ hasText: 'Choose ranks' }).first().click();

      // A rank outside the run is refused with a reason; 0-1 is taken.
      const input = page.locator('.quick-input-widget input');
      await input.fill('12');
      await page.locator('.quick-input-message', { hasText: 'rank 12 is not in this 9-rank run' }).waitFor({ timeout: 10000 });
      await input.fill('0-1');
      await input.press('Enter');
      await page.locator('.statusbar-item', { hasText: 'Ranks: 0-1' }).waitFor({ timeout: 10000 });

      await continueIn(page, 0);
      for (const r of [0, 1]) await resumed(page, r).waitFor({ timeout: 30000 });
      await stoppedCount(page, NP - 2, NP).waitFor({ timeout: 30000 });
      await page.waitForTimeout(3000);
      for (let r = 2; r < NP; r++) assert.equal(await resumed(page, r).count(), 0, `rank ${r} resumed though not in 0-1`);

      await status.click();
      await rows.filter({ hasText: 'All ranks' }).first().click();
      await page.locator('.statusbar-item', { hasText: 'Ranks: all (9)' }).waitFor({ timeout: 10000 });
      await continueIn(page, 4);
      for (let r = 2; r < NP; r++) await resumed(page, r).waitFor({ timeout: 60000 });
      await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60000 });
    });
  });
});

/** Every rank's session in the Call Stack is paused with a frame in loop.ts; the run's own is not. */
async function everyStackInProgram(page: Page, np: number): Promise<void> {
  const rows = await callStackRows(page);
  for (let r = 0; r < np; r++) {
    const at = rows.findIndex((row) => new RegExp(`^Session .*rank ${r}(?!\\d).* Paused`).test(row));
    assert.ok(at >= 0, `rank ${r} has no paused session:\n${rows.join('\n')}`);
    const next = rows.findIndex((row, i) => i > at && /^(Session|Thread) /.test(row));
    const frames = rows.slice(at + 1, next < 0 ? undefined : next);
    assert.ok(frames.some((f) => /^Stack Frame .*, line \d+, loop\.ts$/.test(f)), `rank ${r}'s stack has no frame in loop.ts:\n${frames.join('\n')}`);
  }
  // No rank was SIGSTOPped: the rankscope session itself never stopped.
  assert.ok(!rows.some((row) => /^Session loop\.ts .*Paused/.test(row)), `the run's own session paused:\n${rows.join('\n')}`);
}

/** Rank `r`'s line after the breakpoint, in the Debug Console. */
function resumed(page: Page, r: number) {
  return page.locator('.repl').getByText(`[rank ${r}] resumed ${r} with ${r * 2}`);
}

/** The status bar item once `n` of the `of` ranks are stopped (its accessible label says so). */
function stoppedCount(page: Page, n: number, of: number) {
  return page.locator(`.statusbar-item [aria-label*=": ${n} of ${of} debugged ranks stopped"]`).first();
}

/** A breakpoint at `line` of the open editor (F9 there). */
async function breakpoint(page: Page, line: number): Promise<void> {
  await page.click('.command-center-center');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await page.locator('.monaco-editor .codicon-debug-breakpoint').first().waitFor({ timeout: 10000 });
}

/** A breakpoint at `line`, F5, and every rank stopped there (the status bar item counts them). */
async function stopAllAt(page: Page, line: number): Promise<void> {
  await breakpoint(page, line);
  await page.keyboard.press('F5');
  await page.locator('.debug-call-stack .state', { hasText: /paused on breakpoint/i }).first().waitFor({ timeout: 90000 });
  await collapseOtherPanes(page);
  // The Call Stack draws only the rows that fit: the status bar item says how many ranks stopped.
  await stoppedCount(page, NP, NP).waitFor({ timeout: 90000 });
}

/**
 * Focuses rank `r` (a click on the top frame under its stopped session in the Call Stack: a click
 * on the session row may leave the focus where it was) and presses Continue (F5).
 */
async function continueIn(page: Page, r: number, state = /paused on breakpoint/i, file = /groups\.ts/): Promise<void> {
  // A row's text runs its parts together ("rank 0Paused on breakpoint"): no \b after the number.
  const session = page.locator('.debug-call-stack .monaco-list-row', { has: page.locator('.state', { hasText: state }), hasText: new RegExp(`rank ${r}(?!\\d)`) }).first();
  const index = Number(await session.getAttribute('data-index', { timeout: 30000 }));
  const frame = page.locator(`.debug-call-stack .monaco-list-row[data-index="${index + 1}"]`);
  assert.match(await frame.getAttribute('aria-label') ?? '', /^Stack Frame /);
  await frame.click();
  await page.locator('.debug-call-stack .monaco-list-row.focused', { hasText: file }).waitFor({ timeout: 10000 });
  await page.keyboard.press('F5');
}
