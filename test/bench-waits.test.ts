/**
 * Wait states in `rankscope bench`: a whole program built to wait (rank 0 sleeps 100 ms before each
 * of 3 barriers, so rank 1 loses ≈ 300 ms at Wait at Barrier) gets one traced run, not counted in
 * the timings, whose losses the JSON result, the table and the saved file keep. Loose bounds: the
 * machine is busy.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from '../runtime/bench/contract/protocol.js';
import { program, runCli } from './helpers/run-cli.js';

const QUICK = ['--budget', '0.05', '--min-reps', '2', '--max-reps', '2', '--warmups', '0'];

const BARRIER = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 3; i++) {
  if (comm.rank === 0) await new Promise((r) => setTimeout(r, 100));
  await comm.Barrier();
}
`;

describe('rankscope bench: wait states from a traced run', function () {
  this.timeout(120000);

  it('a program whose rank 0 is late at every barrier: ≈ 300 ms Wait at Barrier for mpi × 2, not in the samples', async () => {
    const file = program(BARRIER, 'barrier.ts');
    const r = await runCli(['bench', '--program', file, '--workers', '2', '--json', ...QUICK], { timeoutMs: 110000 });
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as BenchResult;
    assert.equal(res.waits?.length, 1, JSON.stringify(res.waits));
    const w = res.waits[0];
    assert.deepEqual(w.config, { mode: 'mpi', workers: 2 });
    assert.equal(w.traced, true);
    assert.equal(w.processes, 2);
    const barrier = w.patterns.find((p) => p.pattern === 'wait-at-barrier');
    assert.ok(barrier, JSON.stringify(w.patterns));
    assert.equal(barrier.name, 'Wait at Barrier');
    assert.ok(barrier.lostSeconds >= 0.2 && barrier.lostSeconds <= 0.6, `lost ${barrier.lostSeconds} s`);
    assert.ok(Math.abs(barrier.share - barrier.lostSeconds / (2 * w.wallSeconds)) < 1e-9);
    assert.ok(barrier.share > 0.05 && barrier.share < 0.5, `share ${barrier.share}`);
    // The traced run is extra: the timed point keeps exactly the samples asked for.
    assert.equal(res.points.find((p) => p.config.mode === 'mpi')?.samples.length, 2);
  });

  it('the table prints the categories and --save keeps them', async () => {
    const file = program(BARRIER, 'barrier.ts');
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bench-waits-'));
    const r = await runCli(['bench', '--program', file, '--workers', '2', '--save', ...QUICK], { cwd, timeoutMs: 110000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wait states, mpi×2 at size 1 \(one traced run, not timed: 2 processes × \S+ m?s\): .*Wait at Barrier \d+(\.\d+)? ms \(\d+\.\d%\)/m);
    const dir = path.join(cwd, '.rankscope', 'bench');
    const json = fs.readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const saved = JSON.parse(fs.readFileSync(path.join(dir, json), 'utf8')) as BenchResult;
    assert.ok(saved.waits?.[0].patterns.some((p) => p.pattern === 'wait-at-barrier'));
  });
});
