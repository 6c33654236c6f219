/**
 * `rankscope bench`: small real sweeps through the CLI (real pool workers, child processes and MPI
 * ranks), the user's own function and program, bad input, and the analysis on known numbers.
 * Nothing here asserts a speed: that belongs to `npm run bench` (timings on 2 cores are noisy).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../runtime/bench/analysis.js';
import type { BenchResult, Config, Point } from '../runtime/bench/contract/protocol.js';
import { summarize } from '../runtime/bench/contract/stats.js';
import { program, runCli } from './helpers/run-cli.js';

const QUICK = ['--budget', '0.05', '--min-reps', '2', '--max-reps', '2', '--warmups', '0'];

function json(stdout: string): BenchResult {
  return JSON.parse(stdout) as BenchResult;
}

const label = (c: Config): string => `${c.mode}×${c.workers}`;

describe('rankscope bench', function () {
  this.timeout(180000);

  it('--workload pi --sizes 1e3,1e6,1e7 --workers 1,2 --json: every mode at every size, the same Pi from each, machine and analysis', async () => {
    const r = await runCli(['bench', '--workload', 'pi', '--sizes', '1e3,1e6,1e7', '--workers', '1,2', '--json', ...QUICK], { timeoutMs: 170000 });
    assert.equal(r.code, 0, r.stderr);
    const res = json(r.stdout);
    assert.equal(res.version, 1);
    assert.deepEqual(res.sizes, [1e3, 1e6, 1e7]);
    const configs = [...new Set(res.points.map((p) => label(p.config)))].sort();
    assert.deepEqual(configs, ['mpi×1', 'mpi×2', 'pool×1', 'pool×2', 'process×1', 'process×2', 'serial×1']);
    assert.equal(res.points.length, 7 * 3);
    for (const p of res.points) {
      assert.equal(p.samples.length, 2, `${label(p.config)} at ${p.size}`);
      assert.ok(p.samples.every((s) => s > 0));
      assert.ok(Math.abs(p.check - Math.PI) < 1e-6, `${label(p.config)} at ${p.size} computed ${p.check}`);
      assert.ok(p.summary.min <= p.summary.median && p.summary.median <= p.summary.max);
    }
    assert.equal(res.machine.cores, os.availableParallelism());
    assert.match(res.machine.node, /^v\d+/);
    assert.equal(res.analysis.scaling.length, 6 * 3);
    assert.ok(res.analysis.crossovers.some((c) => c.mode === 'pool' && c.workers === 2));
    assert.match(res.analysis.headline, /pool with 2 workers/);
    assert.equal(res.overhead?.workers, 2);
    assert.ok(res.overhead!.startSeconds > 0 && res.overhead!.transferSeconds > 0);
  });

  it('prints a table of medians with speed-ups and the verdict, and --save writes JSON and CSV', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bench-save-'));
    const r = await runCli(['bench', '--workload', 'primes', '--sizes', '1e3,1e4', '--workers', '2', '--modes', 'pool', '--save', ...QUICK], { cwd, timeoutMs: 120000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^size\s+serial\s+pool×2$/m);
    assert.match(r.stdout, /^1e4\s+\S+ [mµ]?s\*?\s+\S+ [mµ]?s \(\d+\.\d\d×\)\*?$/m);
    assert.match(r.stdout, /machine: \d+ cores/);
    assert.match(r.stdout, /pool with 2 workers (loses|starts|wins)/);
    const dir = path.join(cwd, '.rankscope', 'bench');
    const files = fs.readdirSync(dir).sort();
    assert.equal(files.length, 2, files.join());
    assert.match(files[0], /primes\.csv$/);
    const csv = fs.readFileSync(path.join(dir, files[0]), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'mode,workers,size,sample,seconds,outlier');
    assert.equal(csv.length, 1 + 2 * 2 * 2);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, files[1]), 'utf8')) as BenchResult;
    assert.equal(saved.points.find((p) => p.config.mode === 'serial' && p.size === 1e4)?.check, 5736396);
  });

  it("benchmarks the user's exported function over their inputs(size)", async () => {
    const file = program(`export function square(x: number): number { return x * x; }
export function inputs(n: number): number[] { return Array.from({ length: n }, (_, i) => i); }
`, 'work.ts');
    const r = await runCli(['bench', '--module', file, '--fn', 'square', '--inputs', 'inputs', '--sizes', '10,100', '--workers', '2', '--json', ...QUICK], { timeoutMs: 120000 });
    assert.equal(r.code, 0, r.stderr);
    const res = json(r.stdout);
    for (const p of res.points) assert.equal(p.check, p.size === 10 ? 285 : 328350, `${label(p.config)} at ${p.size}`);
    assert.equal(res.workload.kind, 'function');
  });

  it('benchmarks a whole program, -n 1 against -n k, the size in RANKSCOPE_BENCH_SIZE', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const n = Number(process.env.RANKSCOPE_BENCH_SIZE);
const comm = MPI.COMM_WORLD;
let s = 0;
for (let i = comm.rank; i < n; i += comm.size) s += i;
const total = await comm.reduce(s, MPI.SUM, 0);
if (comm.rank === 0 && total !== (n * (n - 1)) / 2) throw new Error('wrong sum ' + total);
`);
    const r = await runCli(['bench', '--program', file, '--sizes', '1000', '--workers', '2', '--json', ...QUICK], { timeoutMs: 120000 });
    assert.equal(r.code, 0, r.stderr);
    const res = json(r.stdout);
    assert.deepEqual(res.points.map((p) => label(p.config)).sort(), ['mpi×2', 'serial×1']);
    // Whole runs, start-up included: well above a millisecond each.
    for (const p of res.points) assert.ok(p.summary.min > 0.01, `${label(p.config)}: ${p.summary.min}`);
  });

  it('says what is wrong: an unknown workload, a bad size, a missing export, a throwing function', async () => {
    const unknown = await runCli(['bench', '--workload', 'mandelbrot']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown workload 'mandelbrot'; choose one of pi, montecarlo, primes/);
    const size = await runCli(['bench', '--sizes', '0,10']);
    assert.equal(size.code, 2);
    assert.match(size.stderr, /sizes must be whole numbers >= 1, got 0,10/);
    const file = program(`export function inputs(n: number) { return [n]; }
export function boom(x: number): number { if (x > 5) throw new Error('too big: ' + x); return x; }
`, 'bad.ts');
    const missing = await runCli(['bench', '--module', file, '--fn', 'work', '--inputs', 'inputs', '--sizes', '1', '--workers', '1', ...QUICK]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /bad\.ts does not export a function named 'work'; write `export function work\(…\)` there/);
    const throws = await runCli(['bench', '--module', file, '--fn', 'boom', '--inputs', 'inputs', '--sizes', '1,10', '--workers', '1', '--modes', 'serial', ...QUICK]);
    assert.equal(throws.code, 1);
    assert.match(throws.stderr, /too big: 10/);
    assert.match(throws.stderr, /bad\.ts:2/);
  });
});

describe('benchmark analysis', () => {
  const point = (mode: Config['mode'], workers: number, size: number, seconds: number): Point =>
    ({ config: { mode, workers }, size, samples: [seconds], summary: summarize([seconds]), check: 0 });

  it('finds the crossover between the losing and the winning size, and fits Amdahl to workers ≤ cores', () => {
    // Serial time grows with size; the pool pays 0.1 s of start-up, then splits the work with 10% serial.
    const par = (s: number, p: number): number => 0.1 + s * (0.1 + 0.9 / p);
    const points: Point[] = [];
    for (const size of [1e-3, 1e-1, 1, 10]) {
      points.push(point('serial', 1, size, size));
      for (const p of [2, 4]) points.push(point('pool', p, size, par(size, p)));
    }
    const a = analyze(points, 4);
    const c2 = a.crossovers.find((c) => c.workers === 2)!;
    // par(s, 2) = s  ⇔  0.1 + 0.55 s = s  ⇔  s = 0.222…; interpolated on log scales between 0.1 and 1.
    assert.ok(c2.size! > 0.1 && c2.size! < 1, String(c2.size));
    assert.equal(c2.note, undefined);
    const fit = a.amdahl.find((f) => f.mode === 'pool')!;
    assert.equal(fit.size, 10);
    // At size 10 the fixed 0.1 s adds a little to the 10% serial part.
    assert.ok(fit.serialFraction > 0.1 && fit.serialFraction < 0.13, String(fit.serialFraction));
    assert.match(a.headline, /pool with 4 workers starts to beat the serial loop at size ≈/);
  });

  it('says so when parallel never wins, and fits no Amdahl curve to it', () => {
    const points = [point('serial', 1, 10, 1), point('pool', 2, 10, 2), point('serial', 1, 100, 2), point('pool', 2, 100, 3)];
    const a = analyze(points, 2);
    assert.equal(a.crossovers[0].note, 'loses at every size up to 100');
    assert.deepEqual(a.amdahl, []);
    assert.equal(a.headline, 'pool with 2 workers loses at every size up to 100.');
  });
});
