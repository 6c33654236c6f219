/**
 * mpi4py's own test suite, ported (see README.md), on real processes through the CLI: each ported
 * file runs once per size 1..5 (one job per file and size, sizes one after another: the ranks of
 * one job already use the machine), and each mpi4py test method is one mocha test per size, named
 * `Class.method` as unittest names it. A method passes when every rank reports it passed.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, ROOT, runCli, type CliRun } from '../../helpers/run-cli.js';
import { LIST_PREFIX, RESULT_PREFIX, type ResultLine } from './unittest.js';

const DIR = path.join(ROOT, 'test', 'conformance', 'mpi4py');
const PORTED = [
  'test_status',
  'test_request',
  'test_p2p_obj',
  'test_p2p_obj_matched',
  'test_p2p_buf',
  'test_p2p_buf_matched',
  'test_cco_obj',
  'test_cco_buf',
  'test_cco_vec',
  'test_cco_nb_buf',
  'test_cco_nb_vec',
  'test_msgzero',
  'test_grequest',
  'test_group',
  'test_op',
  'test_comm',
  'test_msgspec',
  'test_comm_topo',
  'test_cco_ngh_obj',
  'test_cco_ngh_buf',
];
/** While working on one file: `MPI4PY_FILES=test_p2p_obj MPI4PY_SIZES=1,3 npx mocha test/conformance/mpi4py/mpi4py.test.ts`. */
const FILES = PORTED.filter((f) => !process.env.MPI4PY_FILES || process.env.MPI4PY_FILES.split(',').includes(f));
const SIZES = (process.env.MPI4PY_SIZES ?? '1,2,3,4,5').split(',').map(Number);
/** A job runs dozens of methods on up to 5 processes sharing 2 loaded cores. */
const JOB_TIMEOUT_MS = 240_000;

/** The `Class.method` names a ported file defines (its rank program run with `--list`). */
function listTests(file: string): string[] {
  const out = execFileSync(process.execPath, [CLI, 'run', '-n', '1', path.join(DIR, `${file}.ts`), '--list'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').filter((l) => l.startsWith(LIST_PREFIX)).map((l) => l.slice(LIST_PREFIX.length));
}

function parseResults(stdout: string): Map<string, ResultLine[]> {
  const byTest = new Map<string, ResultLine[]>();
  for (const l of stdout.split('\n')) {
    if (!l.startsWith(RESULT_PREFIX)) continue;
    const r = JSON.parse(l.slice(RESULT_PREFIX.length)) as ResultLine;
    assert.equal(r.v, 1, `result line of an unknown version: ${l}`);
    byTest.set(r.test, [...(byTest.get(r.test) ?? []), r]);
  }
  return byTest;
}

for (const file of FILES) {
  const tests = listTests(file);
  for (const size of SIZES) {
    describe(`mpi4py ${file} at -n ${size}`, function () {
      this.timeout(JOB_TIMEOUT_MS + 10_000);
      let run: CliRun;
      let results: Map<string, ResultLine[]>;
      before(async () => {
        run = await runCli(['run', '-n', String(size), path.join(DIR, `${file}.ts`)], { timeoutMs: JOB_TIMEOUT_MS });
        results = parseResults(run.stdout);
      });
      for (const test of tests) {
        it(test, function () {
          const lines = results.get(test) ?? [];
          if (lines.length === 0) assert.fail(`no rank reported ${test}: the run ended first (exit ${run.code})\n${run.stderr.slice(-4000)}`);
          const failed = lines.filter((r) => r.outcome === 'fail');
          if (failed.length > 0) assert.fail(failed.map((r) => `rank ${r.rank}: ${r.detail}`).join('\n'));
          // A known gap that fails on some rank is pending; one that passes everywhere must leave the list.
          if (lines.some((r) => r.outcome === 'gap')) this.skip();
          assert.equal(lines.length, size, `only ranks ${lines.map((r) => r.rank).join(', ')} of ${size} reported ${test}\n${run.stderr.slice(-4000)}`);
          if (lines.every((r) => r.outcome === 'gap-passed')) assert.fail(`${test} passes now: take it off the file's known gaps (and README.md)`);
          if (lines.every((r) => r.outcome === 'skip')) this.skip();
        });
      }
      it('the run ends with status 0 and no message left unreceived', () => {
        assert.equal(run.code, 0, run.stderr.slice(-4000));
        assert.doesNotMatch(run.stderr, /never received/, 'every message sent is received');
      });
    });
  }
}
