/**
 * A workspace for real-client tests of many ranks: code-server on a temp folder holding one
 * program (never samples/: a test that types can save), and the Call Stack read whole although it
 * draws only the rows that fit.
 */
import type { Page } from 'playwright-core';
import { skipUnlessInstalled } from './code-server.js';
import { withProgram as runProgram } from './temp-program.js';

/**
 * code-server on a folder holding `name` (a launch.json named after it runs it on `np` ranks),
 * the file open in the editor, tall so the Call Stack shows many rows. On failure: a screenshot
 * and what the Call Stack and status bar said.
 */
export async function withProgram(ctx: Mocha.Context, name: string, text: string, np: number, body: (page: Page) => Promise<void>): Promise<void> {
  skipUnlessInstalled(ctx);
  const title = ctx.test?.title.replace(/\W+/g, '-').slice(0, 40) ?? name;
  await runProgram(name, text, np, body, {
    viewport: { width: 1600, height: 1400 }, deviceScaleFactor: 1, failureName: `rank-groups-${title}`,
    describe: async (page) => {
      const status = await page.locator('.statusbar-item', { hasText: 'Ranks:' }).first().getAttribute('aria-label', { timeout: 2000 }).catch(() => 'none');
      const rows = await callStackRows(page).catch((x: Error) => [x.message]);
      return `status bar: ${status}\nCall Stack:\n${rows.join('\n')}`;
    },
  });
}

/** Collapses the panes under the Call Stack, so that it gets the side bar's height. */
export async function collapseOtherPanes(page: Page): Promise<void> {
  for (const pane of ['Variables', 'Watch', 'Breakpoints', 'Loaded Scripts']) {
    const header = page.locator('.pane-header[aria-expanded="true"]', { hasText: new RegExp(`^${pane}`, 'i') }).first();
    if (await header.isVisible().catch(() => false)) await header.click();
  }
}

/**
 * Every row of the Call Stack, top to bottom, by its accessible label ("Session rank 3 Paused on
 * pause", "Stack Frame tick, line 9, loop.ts"): the list draws only the rows in view, so this
 * scrolls it through and collects them by their index.
 */
export async function callStackRows(page: Page): Promise<string[]> {
  const list = page.locator('.debug-call-stack .monaco-list').first();
  const box = await list.boundingBox();
  if (!box) return [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -100000);
  const rows = new Map<number, string>();
  for (let still = 0; still < 2; ) {
    await page.waitForTimeout(200);
    const seen = await list.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-index')), e.getAttribute('aria-label') ?? ''] as const));
    const before = rows.size;
    for (const [i, label] of seen) rows.set(i, label);
    still = rows.size === before ? still + 1 : 0;
    await page.mouse.wheel(0, box.height / 2);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
}
