/**
 * `npm run corrbench [-- --filter SUBSTR] [--parallel N] [--timeout S] [--json FILE] [--verbose]`:
 * runs the ported CorrBench cases with the built CLI and prints the confusion matrix and
 * recall/precision; the whole result goes to `.rankscope/corrbench.json` (or `--json FILE`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCases } from './cases.js';
import { CLI, runAll } from './classify.js';
import { format, summarize } from './report.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (!fs.existsSync(CLI)) {
  console.error(`corrbench: ${CLI} is missing; run \`npm run build\` first`);
  process.exit(2);
}
const filter = option('filter', '');
const cases = loadCases().filter((c) => c.id.includes(filter));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'corrbench-'));
const verbose = process.argv.includes('--verbose');
let done = 0;
const results = await runAll(cases, scratch, {
  parallel: Number(option('parallel', '2')),
  timeoutMs: Number(option('timeout', '40')) * 1000,
  onResult: (r) => {
    done++;
    if (verbose) console.log(`[${done}/${cases.length}] ${r.outcome.padEnd(12)} ${r.id} (${r.ms} ms) ${r.evidence.slice(0, 160)}`);
  },
});
fs.rmSync(scratch, { recursive: true, force: true });
const summary = summarize(cases, results);
console.log(format(summary));
const out = option('json', path.join(process.cwd(), '.rankscope', 'corrbench.json'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
console.log(`\nresults: ${out}`);
