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
    const lines = sortedLines(r.stdout);
    // The daemon is stopped when the main process ends, right after Process-1: whether it printed
    // its own "Exiting" first is a race, in Python as here.
    assert.deepEqual(lines.filter((l) => l !== 'Exiting call_process '), ['Exiting Process-1 ', 'Starting Process-1 ', 'Starting call_process ']);
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

  it('pipes.ts: the squares of 0…9, then End', async () => {
    const r = await sample('pipes');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${i * i}\n`).join('') + 'End\n');
  });

  it('barrier.ts: all four processes print; p1 and p2 only after both reached the barrier', async () => {
    const r = await sample('barrier');
    assert.equal(r.code, 0, r.stderr);
    const names = sortedLines(r.stdout).map((l) => l.split(' ----> ')[0]);
    assert.deepEqual(names, ['process p1 - test_with_barrier', 'process p2 - test_with_barrier', 'process p3 - test_without_barrier', 'process p4 - test_without_barrier']);
  });

  it('manager.ts: ten processes fill a manager dict', async () => {
    const r = await sample('manager');
    assert.equal(r.code, 0, r.stderr);
    const keys = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(sortedLines(r.stdout).filter((l) => l.startsWith('key')), keys.map((i) => `key = ${i}, value = ${i * i}`).sort());
    assert.ok(r.stdout.endsWith(`Results: {${keys.map((i) => `${i}: ${i * i}`).join(', ')}}\n`));
  });

  it('shared-counter.ts: the lock makes exactly 4000', async () => {
    const r = await sample('shared-counter');
    assert.equal(r.code, 0, r.stderr);
    const [without, withLock] = r.stdout.trim().split('\n').map((l) => Number(/: +(\d+)/.exec(l)![1]));
    assert.ok(without <= 4000 && without >= 1000, `unguarded total ${without}`);
    assert.equal(withLock, 4000);
  });

  it('queue.ts: the producer appends ten items; the consumer pops them in order until it sees the queue empty', async () => {
    const r = await sample('queue');
    assert.equal(r.code, 0, r.stderr);
    const produced = [...r.stdout.matchAll(/Process Producer : item (\d+) appended to queue Producer-1/g)].map((m) => m[1]);
    const consumed = [...r.stdout.matchAll(/Processor Consumer: item (\d+) popped from by Consumer-2/g)].map((m) => m[1]);
    assert.equal(produced.length, 10);
    // How many the consumer takes before it finds the queue empty depends on timing (the sample's
    // empty-then-get is racy by design); what it takes must be the producer's items, in order.
    assert.deepEqual(consumed, produced.slice(0, consumed.length));
    assert.match(r.stdout, /the queue is empty/);
  });
});
