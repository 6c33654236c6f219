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

/** Runs `body` with `name` (holding `text`) open in code-server, on `np` ranks at F5. */
export async function withProgram(name: string, text: string, np: number, body: (page: Page) => Promise<void>): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-views-'));
  fs.writeFileSync(path.join(folder, name), text);
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'launch.json'), JSON.stringify({
    version: '0.2.0',
    configurations: [{ type: 'rankscope', request: 'launch', name, program: `\${workspaceFolder}/${name}`, np }],
  }));
  // The diagram beside the editor is not what these tests look at: spare the shared machine its drawing.
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'rankscope.openDiagramOnStart': false }));
  const cs = await startCodeServer(folder);
  const browser = await openBrowser();
  // Twice the pixels: the README's pictures are crops of this page, readable when scaled down.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 2 });
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
    await page.screenshot({ path: path.join(path.dirname(screenshotPath('x')), `views-${name}-failure.png`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
