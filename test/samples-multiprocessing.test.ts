/**
 * Every multiprocessing sample runs through the CLI and prints what the course material shows
 * (or the right thing where the material is wrong). Expected values are computed here, not copied.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCli, sortedLines } from './helpers/run-cli.js';

const sample = (name: string, ...args: string[]) => runCli(['run', ...args, path.join(ROOT, 'samples', 'multiprocessing', `${name}.ts`)], { timeoutMs: 60000 });
const pyList = (xs: readonly unknown[]) => `[${xs.join(', ')}]`;

function pi(numSteps: number): number {
  const step = 1.0 / numSteps;
  let sum = 0;
  for (let i = 0; i < numSteps; i++) {
    const x = (i + 0.5) * step;
    sum = sum + 4.0 / (1.0 + x * x);
  }
  return step * sum;
}

describe('samples/multiprocessing', () => {
  it('spawn.ts: five processes, each started and joined in turn', async () => {
    const r = await sample('spawn');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [0, 1, 2, 3, 4].map((i) => `called function in process: ${i}\n`).join(''));
  });

  it('cpu-count.ts: one named process per CPU, each with a PID', async () => {
    const r = await sample('cpu-count');
    assert.equal(r.code, 0, r.stderr);
    const n = os.availableParallelism();
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], `You have ${n} CPUs`);
    for (let i = 1; i <= n; i++) {
      assert.equal(lines[2 * i - 1], `Process::  Process${i}`);
      assert.match(lines[2 * i], /^Was assigned PID:: {2}\d+$/);
    }
  });

  it('naming.ts: the chosen name and Process-N both start and exit', async () => {
    const r = await sample('naming');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['Exiting Process-1 ', 'Exiting call_process ', 'Starting Process-1 ', 'Starting call_process ']);
  });

  it('subclass.ts: run() of MyProcess-1 … MyProcess-5', async () => {
    const r = await sample('subclass');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [1, 2, 3, 4, 5].map((i) => `called run method in process: MyProcess-${i}\n`).join(''));
  });

  it('pool.ts: the squares of 0…99, twice', async () => {
    const r = await sample('pool');
    assert.equal(r.code, 0, r.stderr);
    const line = `Pool: ${pyList(Array.from({ length: 100 }, (_, i) => i * i))}\n`;
    assert.equal(r.stdout, line + line);
  });

  it('pi-serial.ts and pi-parallel.ts print the same eight values, to the last digit', async () => {
    const expected = pyList([1, 2, 3, 4, 5, 6, 7, 8].map((k) => pi(k * 1000)));
    const serial = await sample('pi-serial');
    assert.equal(serial.code, 0, serial.stderr);
    assert.equal(serial.stdout.split('\n')[0], expected);
    assert.match(serial.stdout.split('\n')[1], /^Time taken [\d.e-]+ second$/);
    const parallel = await sample('pi-parallel');
    assert.equal(parallel.code, 0, parallel.stderr);
    assert.equal(parallel.stdout.split('\n')[1], expected);
    for (const [got, want] of [[serial, expected], [parallel, expected]] as const) {
      const values = JSON.parse(got.stdout.split('\n').find((l) => l.startsWith('['))!) as number[];
      values.forEach((v, i) => assert.ok(Math.abs(v - JSON.parse(want)[i]) < 1e-12));
    }
  });

  it('monte-carlo-pi.ts: an estimate near Pi from whole-number parts', async () => {
    const r = await sample('monte-carlo-pi');
    assert.equal(r.code, 0, r.stderr);
    const est = Number(/Estimated value of Pi:: {2}([\d.]+)/.exec(r.stdout)![1]);
    assert.ok(Math.abs(est - Math.PI) < 0.01, `estimate ${est}`);
  });

  it('sum-primes.ts: [37550402023, 142913828922, 312471072265]', async () => {
    const r = await sample('sum-primes');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], '[37550402023, 142913828922, 312471072265]');
  });

  it('pi-benchmark.ts: serial and pool both report every width', async () => {
    const r = await sample('pi-benchmark');
    assert.equal(r.code, 0, r.stderr);
    for (const w of [1, 10, 100, 1000, 10000]) assert.equal(r.stdout.split(`steps=${w} pi=${pi(w)} `).length, 3, `width ${w}`);
  });
});
