/**
 * Issue 19 items 2 and 5 on real ranks through the CLI. Item 5: every async call of Comm,
 * Intracomm, Cartcomm and Topocomm given a bad argument returns a promise that rejects (so
 * `.catch()` sees it) with an MPI.Exception naming the call. Item 2: a buffer specification that
 * does not fit what arrives is MPI's error — ERR_TRUNCATE, ERR_TYPE, ERR_COUNT — at the user's
 * line, and `[buf, count, type]` moves exactly `count` elements. Both programs print one line per
 * check (test/fixtures/mpi-async-errors/).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from './helpers/run-cli.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'mpi-async-errors');
const BAD_ARGS = path.join(DIR, 'bad-args.ts');
const MISMATCH = path.join(DIR, 'buffer-mismatch.ts');
/** How many bad calls bad-args.ts makes: one `['name', () => …]` line each. */
const CASES = readFileSync(BAD_ARGS, 'utf8').split('\n').filter((l) => /^ {2}\['\w+', \(\) => /.test(l)).length;

describe('argument errors of async MPI calls reject the returned promise', () => {
  for (const n of [1, 2, 3]) {
    it(`every bad call rejects with an MPI.Exception naming the call at -n ${n}`, async () => {
      const r = await runCli(['run', '-n', String(n), BAD_ARGS], { timeoutMs: 120_000 });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n').filter(Boolean);
      const wrong = lines.filter((l) => !l.startsWith('OK ') && l !== 'DONE');
      assert.deepEqual(wrong, [], 'a call threw synchronously, resolved, or rejected with another error');
      assert.equal(lines.filter((l) => l.startsWith('OK ')).length, CASES);
      assert.ok(lines.includes('DONE'));
    });
  }
});

describe('buffer specifications that do not fit are MPI errors at the user\'s line', () => {
  for (const n of [1, 2, 3]) {
    it(`truncation, type and count errors, and [buf, count, type] counts, at -n ${n}`, async () => {
      const r = await runCli(['run', '-n', String(n), MISMATCH], { timeoutMs: 120_000 });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')), []);
      for (let rank = 0; rank < n; rank++) assert.match(r.stdout, new RegExp(`^${rank} done$`, 'm'));
      // The receiving rank of each point-to-point check saw MPI's class (not just "an error").
      if (n > 1) {
        assert.match(r.stdout, new RegExp(`^${n - 1} Recv-small TruncateError$`, 'm'));
        assert.match(r.stdout, new RegExp(`^${n - 1} Recv-type DatatypeError$`, 'm'));
        assert.match(r.stdout, /^1 Bcast-trunc TruncateError$/m);
      }
      assert.match(r.stdout, /^0 Alltoallv TruncateError$/m);
      assert.match(r.stdout, /^0 Allgather-type DatatypeError$/m);
      assert.match(r.stdout, /^0 Neighbor_alltoallv TruncateError$/m);
      assert.match(r.stdout, /^0 Ineighbor_allgatherv TruncateError$/m);
    });
  }
});
