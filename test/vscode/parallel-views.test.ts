/**
 * The Rankscope panel's views in a real VS Code (code-server in chromium). F5 on a deadlock
 * (9 ranks: 7 finish, ranks 1 and 5 wait for each other): Parallel Stacks groups the ranks by
 * where they are, a group opens to its ranks, a click opens the line in the editor; Message Queues
 * shows rank 1's send no receive took and the receives ranks 1 and 5 posted, with peers and tags.
 * Stopped at a breakpoint, Parallel Stacks shows the ranks' real JavaScript stacks (a line the run
 * alone cannot know: no MPI call there). Its screenshots are the README's.
 */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { crop } from '../helpers/screenshots.js';
import { quickOpen, skipUnlessInstalled } from './code-server.js';
import { goToLine, lineOf, withProgram } from './temp-program.js';

// Rank 1 sends with tag 3 while rank 5 waits for tag 7: neither receive is ever matched.
const DEADLOCK = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;

if (rank === 1) {
  await comm.send('a', { dest: 5, tag: 3 });
  const got = await comm.recv({ source: 5, tag: 7 });
  console.log(got);
}
if (rank === 5) {
  const got = await comm.recv({ source: 1, tag: 7 });
  await comm.send('b', { dest: 1, tag: 7 });
  console.log(got);
}
`;

const STEP = `import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
function step(x: number): number {
  const y = x * 2;
  return y;
}
const total = step(comm.rank);
await comm.barrier();
console.log(total);
`;

/** A row of `view`'s tree whose text matches `text`. */
const row = (view: Locator, text: string | RegExp): Locator => view.locator('.monaco-list-row', { hasText: text }).first();

/** Opens a tree row's children: its twistie (a click on a row with a command runs the command only). */
async function expand(r: Locator): Promise<void> {
  if ((await r.getAttribute('aria-expanded')) === 'false') await r.locator('.monaco-tl-twistie').click();
}

/**
 * Focuses the Parallel Stacks view by its command and returns both views of the panel. Asked
 * again if the panel still shows another tab: a palette's Enter can open nothing (code-server.ts),
 * and a session starting brings the Debug Console to the front (VS Code's internalConsoleOptions).
 */
async function showViews(page: Page, list = true): Promise<{ stacks: Locator; queues: Locator }> {
  const pane = (title: string): Locator => page.locator('.part.panel .pane', { has: page.locator('.pane-header', { hasText: title }) });
  const stacks = pane('Parallel Stacks');
  for (let attempt = 1; ; attempt++) {
    await quickOpen(page, '>Rankscope: Show Parallel Stacks', 'Show Parallel Stacks');
    try {
      await (list ? stacks.locator('.monaco-list') : stacks).waitFor({ timeout: 5000 });
      return { stacks, queues: pane('Message Queues') };
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

describe('Parallel Stacks and Message Queues in a real VS Code', function () {
  this.timeout(300000);

  it('groups deadlocked ranks by line, opens the line, and lists their pending send and receives', async function () {
    skipUnlessInstalled(this);
    await withProgram('deadlock.ts', DEADLOCK, 9, async (page) => {
      await page.keyboard.press('F5');
      await page.getByText(/rankscope: deadlock detected/).first().waitFor({ timeout: 120000 });
      const { stacks, queues } = await showViews(page);
      const at1 = lineOf(DEADLOCK, 'recv({ source: 5'), at5 = lineOf(DEADLOCK, 'recv({ source: 1');

      // Biggest group first; each blocked rank at its receive's line.
      const finished = row(stacks, '7 ranks finished');
      await finished.waitFor({ timeout: 30000 });
      const group1 = row(stacks, `1 rank at deadlock.ts:${at1}`), group5 = row(stacks, `1 rank at deadlock.ts:${at5}`);
      await group1.waitFor({ timeout: 10000 });
      await group5.waitFor({ timeout: 10000 });
      const tops = (await stacks.locator('.monaco-list-row[aria-level="1"]').allInnerTexts()).filter((t) => !t.startsWith('Run ended'));
      assert.match(tops[0], /7 ranks finished/, tops.join('\n'));

      await expand(finished);
      for (const r of [0, 2, 3, 4, 6, 7, 8]) await row(stacks, new RegExp(`^rank ${r}(?!\\d)`)).waitFor({ timeout: 5000 });
      await expand(group1);
      const rank1 = row(stacks, /^rank 1(?!\d)/);
      await rank1.waitFor({ timeout: 5000 });
      assert.match(await rank1.innerText(), /blocked in recv\(source=5, tag=7\)/);

      // A click on rank 5's group opens its line (the deadlock stop showed rank 1's: go elsewhere first).
      await goToLine(page, 1);
      await page.locator('.statusbar-item', { hasText: /Ln 1,/ }).first().waitFor({ timeout: 10000 });
      await group5.click();
      await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${at5},`) }).first().waitFor({ timeout: 10000 });
      assert.match(await page.locator('.tab.active').first().innerText(), /deadlock\.ts/);

      // Message Queues: rank 1's send that rank 5's receive (another tag) never takes, and both receives.
      const send = row(queues, /send → 5/);
      await send.waitFor({ timeout: 15000 });
      assert.match(await send.innerText(), new RegExp(`tag 3\\b.*not matched.*deadlock\\.ts:${lineOf(DEADLOCK, 'send(\'a\'')}`, 's'));
      for (const [peer, line] of [[5, at1], [1, at5]]) {
        const recv = row(queues, new RegExp(`recv ← ${peer}(?!\\d)`));
        await recv.waitFor({ timeout: 10000 });
        assert.match(await recv.innerText(), new RegExp(`tag 7\\b.*posted.*deadlock\\.ts:${line}`, 's'));
      }
      // The deadlock's notification covers the panel's corner: the pictures are of the views.
      await quickOpen(page, '>Notifications: Clear All Notifications', 'Clear All Notifications');
      await page.waitForTimeout(1000);
      await crop(page, 'parallel-stacks.png', (await stacks.boundingBox())!);
      await crop(page, 'message-queues.png', (await queues.boundingBox())!);

      // With the session stopped too (Shift+F5), both views still show the run as it ended, and say so.
      await page.keyboard.press('Shift+F5');
      await page.locator('.debug-call-stack .monaco-list-row').first().waitFor({ state: 'detached', timeout: 30000 });
      for (const view of [stacks, queues]) await row(view, /^Run ended: deadlock/).waitFor({ timeout: 15000 });
      assert.match(await row(stacks, /^rank 1(?!\d)/).innerText(), /blocked in recv\(source=5, tag=7\)/);
      assert.ok(await row(queues, /send → 5/).isVisible(), 'the unmatched send is gone from Message Queues');
    });
  });

  it('shows the real stack of ranks stopped at a breakpoint', async function () {
    skipUnlessInstalled(this);
    await withProgram('step.ts', STEP, 3, async (page) => {
      const line = lineOf(STEP, 'const y'), caller = lineOf(STEP, 'step(comm.rank)');
      // Asked for before any run, the view says how to get one.
      const { stacks } = await showViews(page, false);
      await stacks.getByText(/No run yet/).waitFor({ timeout: 15000 });
      await goToLine(page, line);
      await page.keyboard.press('F9');
      await page.keyboard.press('F5');
      // F5 brings the Debug Console to the front of the panel (VS Code's internalConsoleOptions): back to ours.
      await page.locator('.debug-call-stack .monaco-list-row').first().waitFor({ timeout: 60000 });
      await showViews(page);
      // All three ranks stop there; their caller is the line that called step().
      const group = row(stacks, `3 ranks at step.ts:${line}`);
      await group.waitFor({ timeout: 120000 });
      await expand(group);
      const callers = row(stacks, `3 ranks at step.ts:${caller}`);
      await callers.waitFor({ timeout: 10000 });
      await expand(callers);
      for (const r of [0, 1, 2]) assert.match(await row(stacks, new RegExp(`^rank ${r}(?!\\d)`)).innerText({ timeout: 10000 }), /stopped \(breakpoint\)/);
      await page.waitForTimeout(500);
      await crop(page, 'parallel-stacks-breakpoint.png', (await stacks.boundingBox())!);
    });
  });
});
