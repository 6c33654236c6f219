/**
 * CPython's multiprocessing tests (`Lib/test/_test_multiprocessing.py`), ported (see README.md),
 * on real processes through the CLI: each ported file is one job (`rankscope run file.ts`, a main
 * process that starts its own children; jobs one after another), and each CPython test method is
 * one mocha test named `Class.method` as unittest names it.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, ROOT, runCli, type CliRun } from '../../helpers/run-cli.js';
import { LIST_PREFIX, RESULT_PREFIX, type ResultLine } from './unittest.js';

const DIR = path.join(ROOT, 'test', 'conformance', 'cpython');
const PORTED: string[] = [
  'test_lock',
  'test_process',
  'test_queue',
  'test_condition',
  'test_event',
  'test_value',
  'test_barrier',
  'test_containers',
  'test_manager_restart',
  'test_mymanager',
  'test_pool',
  'test_pool_workers',
  'test_sync_manager_types',
  'test_connection',
  'test_listener',
  'test_mymanager',
];
/** While working on one file: `CPYTHON_FILES=test_process npx mocha test/conformance/cpython/cpython.test.ts`. */
const FILES = PORTED.filter((f) => !process.env.CPYTHON_FILES || process.env.CPYTHON_FILES.split(',').includes(f));
/** A job runs dozens of methods, each starting processes, on 2 loaded cores. */
const JOB_TIMEOUT_MS = 300_000;

/** The `Class.method` names a ported file defines (its program run with `--list`). */
function listTests(file: string): string[] {
  const out = execFileSync(process.execPath, [CLI, 'run', path.join(DIR, `${file}.ts`), '--list'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').filter((l) => l.startsWith(LIST_PREFIX)).map((l) => l.slice(LIST_PREFIX.length));
}

function parseResults(stdout: string): Map<string, ResultLine> {
  const byTest = new Map<string, ResultLine>();
  for (const l of stdout.split('\n')) {
    if (!l.startsWith(RESULT_PREFIX)) continue;
    const r = JSON.parse(l.slice(RESULT_PREFIX.length)) as ResultLine;
    assert.equal(r.v, 1, `result line of an unknown version: ${l}`);
    byTest.set(r.test, r);
  }
  return byTest;
}

for (const file of FILES) {
  const tests = listTests(file);
  describe(`cpython ${file}`, function () {
    this.timeout(JOB_TIMEOUT_MS + 10_000);
    let run: CliRun;
    let results: Map<string, ResultLine>;
    before(async () => {
      run = await runCli(['run', path.join(DIR, `${file}.ts`)], { timeoutMs: JOB_TIMEOUT_MS });
      results = parseResults(run.stdout);
    });
    for (const test of tests) {
      it(test, function () {
        const r = results.get(test);
        if (!r) assert.fail(`${test} was not reported: the run ended first (exit ${run.code})\n${run.stderr.slice(-4000)}`);
        if (r.outcome === 'fail') assert.fail(r.detail);
        // A known gap that fails is pending; one that passes must leave the list.
        if (r.outcome === 'gap-passed') assert.fail(`${test} passes now: take it off the file's known gaps (and README.md)`);
        if (r.outcome === 'gap' || r.outcome === 'skip') this.skip();
      });
    }
    it('the run ends with status 0', () => {
      assert.equal(run.code, 0, run.stderr.slice(-4000));
    });
  });
}
