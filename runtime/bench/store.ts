/**
 * Saved benchmark runs: `<id>.json` (the whole BenchResult, for reopening and comparing) and
 * `<id>.csv` (one row per sample, for a spreadsheet or pandas) in `.rankscope/bench/` of the
 * workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_VERSION, type BenchResult, type SavedRun } from './contract/protocol.js';

export const BENCH_DIR = path.join('.rankscope', 'bench');

export function toCsv(r: BenchResult): string {
  const rows = ['mode,workers,size,sample,seconds,outlier'];
  for (const p of r.points) {
    p.samples.forEach((s, i) => rows.push([p.config.mode, p.config.workers, p.size, i + 1, s, p.summary.outliers.includes(i) ? 1 : 0].join(',')));
  }
  return `${rows.join('\n')}\n`;
}

/** Writes both files; returns the JSON file's path. */
export function saveResult(dir: string, r: BenchResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.id}.json`);
  fs.writeFileSync(file, `${JSON.stringify(r, null, 1)}\n`);
  fs.writeFileSync(path.join(dir, `${r.id}.csv`), toCsv(r));
  return file;
}

export function loadResult(file: string): BenchResult {
  let r: BenchResult;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult;
  } catch (e) {
    throw new Error(`${file} is not a Rankscope benchmark result: ${(e as Error).message}`, { cause: e });
  }
  if (r?.version !== BENCH_VERSION || !Array.isArray(r.points)) throw new Error(`${file} is not a Rankscope benchmark result (version ${BENCH_VERSION} expected)`);
  return r;
}

/** Saved runs in `dir`, newest first; files that are not results are skipped. */
export function listResults(dir: string): SavedRun[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => {
    try {
      const r = loadResult(path.join(dir, f));
      return [{ file: path.join(dir, f), id: r.id, title: r.title, startedAt: r.startedAt }];
    } catch {
      return [];
    }
  }).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
