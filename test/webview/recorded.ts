/**
 * Real runs of the samples, recorded with `rankscope run --trace` once per test process and shared
 * by the diagram's tests; and the browser they are shown in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/run-cli.js';
import { openBrowser, type SavedRun } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const runs = new Map<string, Promise<SavedRun>>();

/** The run of samples/<sample> on np ranks (recorded on first use). */
export function recorded(sample: string, np: number): Promise<SavedRun> {
  const key = `${sample}@${np}`;
  let run = runs.get(key);
  if (!run) runs.set(key, (run = record(sample, np)));
  return run;
}

async function record(sample: string, np: number): Promise<SavedRun> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-trace-')), 'trace.json');
  // The longest (multiprocessing/queue.ts) sleeps through half a minute.
  await runCli(['run', '-n', String(np), '--trace', file, path.join('samples', sample)], { timeoutMs: 90000 });
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { rankscope: SavedRun }).rankscope;
}

/**
 * Chromium for the calling describe block, opened before its tests and closed after them (with
 * gc() exposed, so timings need not pay for the test's own garbage); the block is skipped where
 * chromium is missing, unless under CI.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async function () {
    skipWithoutChromium(this);
    browser = await openBrowser(['--js-flags=--expose-gc']);
  });
  after(async () => browser?.close());
  return () => browser!;
}

/** Skips the calling block where Debian's chromium is missing (unless under CI, where that is an error). */
export function skipWithoutChromium(ctx: Mocha.Context): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: run npm run setup`);
  ctx.skip();
}
