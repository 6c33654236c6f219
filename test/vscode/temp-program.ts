/**
 * A program of the test's own in a real VS Code: code-server on a temp folder holding the file
 * and a launch.json that runs it on `np` ranks, the file open in the editor. Tests that type or
 * set breakpoints in the editor can save it: never open samples/ for that.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../helpers/screenshots.js';
import { openBrowser, quickOpen, startCodeServer, waitForWorkbench, workbenchUrl } from './code-server.js';

/** The 1-based line of `text` that holds `needle` (tests find lines by their code, not by number). */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line holds ${needle}`);
  return i + 1;
}

/** Puts the editor's cursor on `line` (quick open's `:line`). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.click('.command-center-center');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
}

/** How a test's workspace differs from the default one. */
export interface ProgramOptions {
  /** The browser page's size (default 1600 × 1000) and pixel ratio (default 2: the README's pictures are crops). */
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  /** Shown before `body` runs, e.g. a wider side bar. */
  prepare?: (page: Page) => Promise<void>;
  /** What to add to a failure's message (what the Call Stack or status bar said). */
  describe?: (page: Page) => Promise<string>;
  /** The failure screenshot's name prefix (default `views`). */
  failureName?: string;
}

/**
 * Runs `body` with `name` (holding `text`) open in code-server, on `np` ranks at F5. The diagram
 * does not open (these tests read the editor and the debug views, not it: spare the machine).
 */
export async function withProgram(name: string, text: string, np: number, body: (page: Page) => Promise<void>, opts: ProgramOptions = {}): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-program-'));
  fs.writeFileSync(path.join(folder, name), text);
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [{ type: 'rankscope', request: 'launch', name, program: `\${workspaceFolder}/${name}`, np }],
  }));
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'rankscope.openDiagramOnStart': false }));
  const cs = await startCodeServer(folder);
  const browser = await openBrowser();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1600, height: 1000 }, deviceScaleFactor: opts.deviceScaleFactor ?? 2 });
  try {
    await page.goto(workbenchUrl(cs, folder), { timeout: 120000 });
    await waitForWorkbench(page);
    await page.getByRole('treeitem', { name }).first().waitFor({ timeout: 30000 });
    await quickOpen(page, name);
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await opts.prepare?.(page);
    await page.waitForTimeout(2000);
    await body(page);
  } catch (e) {
    await page.screenshot({ path: path.join(path.dirname(screenshotPath('x')), `${opts.failureName ?? 'views'}-${name}-failure.png`) }).catch(() => {});
    const said = opts.describe ? await opts.describe(page).catch((x: Error) => x.message) : '';
    throw said ? new Error(`${(e as Error).message}\n${said}`, { cause: e }) : e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
