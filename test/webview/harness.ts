/// <reference lib="dom" />
/**
 * Loads a webview (the sequence diagram, the benchmark panel) from its built bundle into Debian's
 * chromium, in the same HTML (and Content Security Policy) the panel host gives VS Code, with a
 * stand-in for acquireVsCodeApi that records what the webview posts. The diagram's messages are
 * delivered as its host does, batches of typed arrays encoded by the real codec, their buffers
 * transferred as VS Code's webview frame forwards them.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../helpers/run-cli.js';
import { webviewHtml } from '../../webview/common/html.js';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { openBrowser } from '../vscode/code-server.js';
import type { SavedState } from '../../webview/sequence/vscode-api.js';
import { PROTOCOL_VERSION } from '../../webview/sequence/protocol.js';
import { THEMES, type ThemeName } from './themes.js';

export interface Diagram {
  page: Page;
  /** Sends a whole run the way the panel host does. */
  load(run: SavedRun, batchSize?: number): Promise<void>;
  posted(): Promise<{ type: string; [k: string]: unknown }[]>;
  /** Errors the page threw or logged so far. */
  errors: string[];
  close(): Promise<void>;
}

export interface DiagramOptions {
  size?: { width: number; height: number };
  theme?: ThemeName;
  /**
   * The view state VS Code hands back to a panel shown again (vscode.getState()): a time window
   * given here is what the diagram shows, as it would after the user zoomed there and switched tabs.
   */
  state?: Partial<SavedState>;
  /** Serves the timing build (the shipped diagram plus timing/hooks.ts) instead of dist/webview/sequence.js. */
  timing?: boolean;
}

export interface SavedRun {
  names: string[];
  events: TraceEvent[];
  deadlock?: unknown;
  outcome?: string;
  exitCode?: number;
  report?: string;
  potentialDeadlock?: unknown;
}

let codecSource: string | undefined;
async function codec(): Promise<string> {
  codecSource ??= (await esbuild.build({ entryPoints: [path.join(ROOT, 'webview/sequence/codec.ts')], bundle: true, format: 'iife', globalName: 'RankscopeCodec', write: false })).outputFiles[0].text;
  return codecSource;
}

let timingSource: Buffer | undefined;
/** The timing bundle, built as scripts/build.mjs builds the shipped one (never written to dist/). */
async function timingBundle(): Promise<Buffer> {
  timingSource ??= Buffer.from((await esbuild.build({ entryPoints: [path.join(ROOT, 'test/webview/timing/entry.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', write: false })).outputFiles[0].contents);
  return timingSource;
}

/** The view state a diagram panel saves, in full, from the parts a test gives. */
function fullState(s: Partial<SavedState>): SavedState {
  return { orientation: 'down', timeMode: 'wall', filters: { ranks: '', op: '', tag: '', comm: '' }, tab: 'timeline', ...s };
}

/** A webview page: its built bundle served in the panel's HTML, posted messages recorded. */
export interface WebviewPage {
  page: Page;
  errors: string[];
  posted(): Promise<{ type: string; [k: string]: unknown }[]>;
  close(): Promise<void>;
}

export interface WebviewOptions {
  /** The script to serve instead of dist/webview/<bundle>.js. */
  script?: Buffer;
  /** What the stand-in vscode.getState() returns: the state VS Code kept for the panel. */
  state?: unknown;
}

/** Opens dist/webview/<bundle>.js as VS Code would show it (in a theme), and waits for its `ready`. */
export async function openWebview(browser: Browser, bundleName: string, size = { width: 1200, height: 700 }, theme: ThemeName = 'dark', opts: WebviewOptions = {}): Promise<WebviewPage> {
  const bundle = opts.script ?? fs.readFileSync(path.join(ROOT, 'dist', 'webview', `${bundleName}.js`));
  const server = http.createServer((req, res) => {
    if (req.url === `/${bundleName}.js`) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    const html = webviewHtml({ scriptUri: `/${bundleName}.js`, cspSource: "'self'", nonce: 'testnonce', title: 'test' });
    const { style, bodyClass } = THEMES[theme];
    res.writeHead(200, { 'content-type': 'text/html' }).end(html.replace('<html lang="en">', `<html lang="en" style="${style}">`).replace('<body>', `<body class="${bodyClass}">`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // A test that fails before closing its page must not keep mocha from exiting.
  server.unref();
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // A string, not a function: tsx would wrap a function's inner functions in its __name helper,
  // which the page does not have (the functions passed to evaluate below get it from here).
  await page.addInitScript(`
    globalThis.__name = (f) => f;
    window.__posted = [];
    window.__state = ${JSON.stringify(opts.state)};
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => (window.__state = s) });
  `);
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
  const posted = (): Promise<{ type: string; [k: string]: unknown }[]> => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
  // Polled with evaluate: the page's CSP (kept, as in VS Code) forbids waitForFunction's eval.
  for (let i = 0; !(await posted()).some((m) => m.type === 'ready'); i++) {
    if (i > 200) throw new Error(`the webview never said it was ready: ${errors.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    page, errors, posted,
    async close() {
      await page.close();
      server.close();
    },
  };
}

export async function openDiagram(browser: Browser, opts: DiagramOptions = {}): Promise<Diagram> {
  const script = opts.timing ? await timingBundle() : undefined;
  const state = opts.state && fullState(opts.state);
  const { page, errors, posted, close } = await openWebview(browser, 'sequence', opts.size, opts.theme, { script, state });
  await page.evaluate(`${await codec()}; window.RankscopeCodec = RankscopeCodec; window.__v = ${PROTOCOL_VERSION};`);
  return {
    page,
    errors,
    async load(run, batchSize = 5000) {
      await page.evaluate(([r, size, v]) => {
        const w = window as unknown as { RankscopeCodec: typeof import('../../webview/sequence/codec.js') };
        const post = (m: unknown): void => window.postMessage(m, '*');
        const enc = new w.RankscopeCodec.StringEncoder();
        post({ type: 'session', v, title: 'test', names: r.names, live: false, events: r.events.length });
        for (let i = 0; i < r.events.length; i += size) {
          const batch = w.RankscopeCodec.encodeEvents(r.events.slice(i, i + size), enc);
          window.postMessage({ type: 'events', v, batch }, '*', w.RankscopeCodec.transferList(batch));
        }
        if (r.deadlock) post({ type: 'deadlock', v, deadlock: r.deadlock });
        post({ type: 'ended', v, outcome: r.outcome ?? 'ok', exitCode: r.exitCode ?? 0, report: r.report, potential: r.potentialDeadlock });
      }, [run, batchSize, PROTOCOL_VERSION] as const);
      await settle(page);
      if (errors.length) throw new Error(`the webview reported errors:\n${errors.join('\n')}`);
    },
    posted,
    close,
  };
}

/** Waits until the messages posted so far are handled and a frame has been drawn. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 0)));
}

/** Shows a table tab and returns its text, once the frame that fills it has run (the click only asks for one). */
export async function tableTab(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name }).click();
  await settle(page);
  return page.locator('.table').innerText();
}

export { openBrowser };
