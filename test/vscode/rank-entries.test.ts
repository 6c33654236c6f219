/**
 * One Call Stack entry per rank, in a real VS Code (code-server in chromium): 9 ranks stopped at
 * one breakpoint are 9 entries named `rank 0`…`rank 8` (js-debug's two sessions per rank drawn as
 * one row, our own thread for the rank hidden), none "Remote Process"; and a breakpoint set after
 * F5, in a run that started with none, stops the next rank that reaches it.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { crop, screenshotPath } from '../helpers/screenshots.js';
import { skipUnlessInstalled } from './code-server.js';
import { withProgram as runProgram } from './temp-program.js';

const BARRIER = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const me = comm.Get_rank();
console.log(\`rank \${me} here\`);
await comm.barrier();
`;

/** Beats for a minute: long past F5, each rank still passes line 7 every 200 ms. */
const LATE = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const me = comm.Get_rank();
for (let beat = 0; beat < 300; beat++) {
  await new Promise((r) => setTimeout(r, 200));
  console.log(\`rank \${me} beat \${beat}\`);
}
await comm.barrier();
`;

describe('one Call Stack entry per rank, in a real VS Code', function () {
  this.timeout(300000);

  it('9 ranks stopped at one breakpoint are 9 entries rank 0…rank 8, none "Remote Process"', async function () {
    skipUnlessInstalled(this);
    await withProgram('nine.ts', BARRIER, 9, async (page) => {
      await toggleBreakpoint(page, 5);
      await page.keyboard.press('F5');
      await pausedSessions(page).first().waitFor({ timeout: 120000 });
      await roomForCallStack(page, ['Variables', 'Watch', 'Breakpoints', 'Loaded Scripts']);
      // Each rank that stops opens its stack: fold them, so the list (which draws only the rows
      // that fit) holds every rank's entry.
      let rows: string[] = [];
      for (const until = Date.now() + 90000; Date.now() < until;) {
        await foldRanks(page);
        rows = await callStackRows(page);
        // Every rank once: while sessions come and go a rank can be listed twice for a moment.
        const paused = rows.map((r) => /^rank (\d+) — paused on breakpoint/.exec(r)?.[1]).filter((r) => r !== undefined);
        if (paused.length === 9 && new Set(paused).size === 9) break;
        await page.waitForTimeout(1000);
      }
      // The README's picture, once every entry's badge agrees with its name (badges follow a beat later).
      for (let i = 0; i < 20 && (await page.locator('.debug-call-stack .monaco-list-row', { hasText: /^rank \d/ }).locator('.state', { hasText: /running/i }).count()) > 0; i++) await page.waitForTimeout(500);
      const list = (await page.locator('.debug-call-stack .monaco-list').first().boundingBox())!;
      await crop(page, 'call-stack-9-ranks.png', { ...list, height: Math.min(list.height, 240) });
      const entries = rows.filter((r) => r.startsWith('rank '));
      assert.equal(entries.length, 9, `not 9 rank entries:\n${rows.join('\n')}`);
      assert.ok(!rows.some((r) => /Remote Process/.test(r)), `"Remote Process" shown:\n${rows.join('\n')}`);
      for (let r = 0; r < 9; r++) {
        const mine = entries.filter((t) => new RegExp(`^rank ${r} — paused on breakpoint`).test(t));
        assert.equal(mine.length, 1, `rank ${r} is ${mine.length} paused entries:\n${rows.join('\n')}`);
      }
    });
  });

  it('a breakpoint set after F5 (none at launch) stops the next rank that reaches it', async function () {
    skipUnlessInstalled(this);
    await withProgram('late.ts', LATE, 2, async (page) => {
      await page.keyboard.press('F5');
      // Both ranks are well into their loop, unstopped, before the breakpoint exists.
      const repl = page.locator('.repl');
      for (const r of [0, 1]) await repl.getByText(`[rank ${r}] rank ${r} beat 3`).first().waitFor({ timeout: 120000 });
      assert.equal(await pausedSessions(page).count(), 0, 'a rank stopped with no breakpoint set');
      await toggleBreakpoint(page, 7);
      const paused = page.locator('.debug-call-stack .monaco-list-row', { has: page.locator('.state', { hasText: /paused on breakpoint/i }) }).first();
      await paused.waitFor({ timeout: 30000 });
      assert.match(await paused.innerText(), /^rank [01] — paused on breakpoint/);
      // Its stack is the rank's own JavaScript, at the line, in a later pass of the loop.
      await page.locator('.debug-call-stack .monaco-list-row', { hasText: /late\.ts\s*7:/ }).first().waitFor({ timeout: 15000 });
      const beat = page.locator('.debug-variables .monaco-list-row', { hasText: /^\s*beat\s*[=:]/ }).first();
      await beat.waitFor({ timeout: 15000 });
      const value = Number(/beat\s*[=:]\s*(\d+)/.exec(await beat.innerText())?.[1]);
      assert.ok(value >= 3, `stopped at beat ${value}, before the breakpoint was set`);
      await page.screenshot({ path: screenshotPath('vscode-late-breakpoint.png'), scale: 'css' });
    });
  });
});

/** Goes to `line` of the open editor and toggles a breakpoint there. */
async function toggleBreakpoint(page: Page, line: number): Promise<void> {
  await page.click('.command-center-center');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F9');
  await page.locator('.monaco-editor .glyph-margin-widgets .codicon-debug-breakpoint, .monaco-editor .codicon-debug-breakpoint').first().waitFor({ timeout: 10000 });
}

/** Collapses the Run and Debug panes named, so the Call Stack gets their height. */
async function roomForCallStack(page: Page, panes: string[]): Promise<void> {
  for (const pane of panes) {
    const header = page.locator('.pane-header[aria-expanded="true"]', { hasText: new RegExp(`^${pane}`, 'i') }).first();
    if (await header.isVisible().catch(() => false)) await header.click();
  }
}

/** Collapses every expanded rank entry in sight (its stack frames) by its twistie. */
async function foldRanks(page: Page): Promise<void> {
  const open = page.locator('.debug-call-stack .monaco-list-row[aria-expanded="true"]', { hasText: /^rank \d/ });
  for (let i = 0; i < 20 && (await open.count()) > 0; i++) {
    // A row replaced while ranks stop (the list re-renders) is no reason to wait 30 s: try the next.
    await open.first().locator('.monaco-tl-twistie').click({ timeout: 2000 }).catch(() => undefined);
  }
}

/** The Call Stack's rows in sight, each as its first line (a session's label, a frame's name). */
async function callStackRows(page: Page): Promise<string[]> {
  const texts = await page.locator('.debug-call-stack .monaco-list-row').allInnerTexts();
  return texts.map((t) => t.trim().split('\n')[0].trim());
}

/** The Call Stack's sessions paused on a breakpoint. */
function pausedSessions(page: Page) {
  return page.locator('.debug-call-stack').locator(page.locator('.state', { hasText: /paused on breakpoint/i }));
}

/** code-server on a folder holding `name` (a launch.json running it on `np` ranks), the file open, the side bar wide. */
function withProgram(name: string, text: string, np: number, body: (page: Page) => Promise<void>): Promise<void> {
  return runProgram(name, text, np, body, { viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, prepare: widenSideBar, failureName: 'rank-entries',
    describe: async (page) => `the Call Stack:\n${(await callStackRows(page)).join('\n')}` });
}

/** Drags the side bar's edge to the right: rank entries carry their state, which needs the width. */
async function widenSideBar(page: Page): Promise<void> {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) return;
  const x = bar.x + bar.width, y = bar.y + bar.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(x + 250, y, { steps: 5 });
  await page.mouse.up();
}
