/**
 * A real VS Code for tests on machines that cannot download VS Code desktop: code-server 4.100.3
 * (VS Code 1.100.3's server and web workbench, a real Node extension host), installed by
 * scripts/install-code-server.sh, driven by Debian's chromium through playwright-core.
 * See ../shared/vscode-e2e.md for how this was found to work.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { ROOT } from '../helpers/run-cli.js';

const ENTRY = path.join(ROOT, '.vscode-test', 'code-server-4.100.3', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';

/** Why these tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (!fs.existsSync(ENTRY)) return 'code-server is not installed (bash scripts/install-code-server.sh)';
  return undefined;
}

/** Skips a test where chromium or code-server is missing; under CI that is a failure instead. */
export function skipUnlessInstalled(ctx: Mocha.Context): void {
  const missing = missingPrerequisite();
  if (!missing) return;
  if (process.env.CI) throw new Error(`cannot run the VS Code tests: ${missing}; run npm run setup`);
  console.log(`      skipped: ${missing}`);
  ctx.skip();
}

export interface CodeServer {
  url: string;
  port: number;
  extensionsDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts code-server on `workspace`; with `installVsix`, that VSIX is installed into it first. */
export async function startCodeServer(workspace: string, env: Record<string, string> = {}, installVsix?: string): Promise<CodeServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-code-server-'));
  if (installVsix) {
    const r = spawnSync(process.execPath, [ENTRY, '--extensions-dir', path.join(dir, 'extensions'), '--install-extension', installVsix], { encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0 || !/was successfully installed/.test(r.stdout)) throw new Error(`code-server --install-extension ${installVsix} failed:\n${r.stdout}${r.stderr}`);
  }
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': 'Default Dark Modern',
    'window.commandCenter': true,
    'git.openRepositoryInParentFolders': 'never',
  }));
  const child: ChildProcess = spawn(process.execPath, [ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--extensions-dir', path.join(dir, 'extensions'), '--user-data-dir', userData,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60000);
    const onData = (c: Buffer): void => {
      log += c.toString();
      if (/HTTP server listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${log}`)));
  });
  return {
    port,
    extensionsDir: path.join(dir, 'extensions'),
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // Its extension hosts and terminals are in its process group: end them all.
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((r) => setTimeout(r, 300));
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `extraArgs`: more chromium switches (the diagram's timing tests add --js-flags=--expose-gc). */
export async function openBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

/** The workbench URL that loads our extension in development mode (and optionally a test suite). */
export function workbenchUrl(cs: CodeServer, folder: string, tests?: string): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(ROOT)]];
  if (tests) payload.push(['extensionTestsPath', remote(tests)]);
  return `${cs.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
}

/** Types into the command center's quick input and picks the row showing `row` (files, or `>commands`). */
export async function quickOpen(page: Page, text: string, row = text): Promise<void> {
  // Files are found by a search that takes a moment after the workbench appears, and an extension's
  // commands join the palette once its host has loaded it; a list already shown does not update,
  // so ask again until the row is there.
  // The click can also open nothing (focus in a webview, or a closing input still on its way out:
  // CI saw the input stay hidden for 30 s); then F1 opens the palette instead, on the next try.
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt % 2 === 1) await page.click('.command-center-center');
      else await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(text, { timeout: 5000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 5000 });
      return await input.press('Enter');
    } catch (e) {
      if (attempt === 8) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Waits for the samples workspace's explorer, opens `file` by quick open, and presses F5 in it. */
export async function pressF5On(page: Page, file: string): Promise<void> {
  await page.getByRole('treeitem', { name: 'mpi' }).first().waitFor({ timeout: 30000 });
  await quickOpen(page, file);
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('F5');
}

/**
 * Runs a palette command that opens a webview panel titled `tab`, and returns the panel's content
 * frame once `selector` shows in it. The command is asked for again if no tab appeared (CI once
 * saw the palette's Enter open nothing after a stopped debug session), and the panel is found by
 * its content, not by the order of webview frames in the page.
 */
export async function openWebviewPanel(page: Page, command: string, tab: string, selector: string): Promise<FrameLocator> {
  for (let attempt = 1; ; attempt++) {
    await quickOpen(page, `>${command}`, command);
    const tabLocator = page.locator('.tab', { hasText: tab }).first();
    try {
      await tabLocator.waitFor({ timeout: 15000 });
      await tabLocator.click();
      return await webviewWith(page, selector, 30000);
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** The visible webview content frame that shows `selector`, waited for up to `timeout` ms. */
async function webviewWith(page: Page, selector: string, timeout: number): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frames = page.locator('iframe.webview.ready');
    for (let i = (await frames.count()) - 1; i >= 0; i--) {
      const content = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
      if (await content.locator(selector).isVisible().catch(() => false)) return content;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} after ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}
