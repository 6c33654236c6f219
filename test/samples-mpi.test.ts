/**
 * Every MPI sample runs through the CLI with the course material's rank count and prints what the
 * material shows (sorted, since ranks print in any order), or the right thing where it is wrong.
 * Expected values are computed here; line numbers are read from the sample files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCli, sortedLines } from './helpers/run-cli.js';

const file = (name: string) => path.join(ROOT, 'samples', 'mpi', `${name}.ts`);
const sample = (name: string, np: number) => runCli(['run', '-n', String(np), file(name)]);
const ranks = (n: number) => Array.from({ length: n }, (_, i) => i);
const np = (xs: number[]) => {
  const w = Math.max(...xs.map((x) => String(x).length));
  return `[${xs.map((x) => String(x).padStart(w)).join(' ')}]`;
};
/** 1-based line of the n-th line of `name` matching `re`. */
function lineOf(name: string, re: RegExp, nth = 0): number {
  const lines = fs.readFileSync(file(name), 'utf8').split('\n');
  return lines.map((l, i) => (re.test(l) ? i + 1 : 0)).filter(Boolean)[nth];
}

describe('samples/mpi', () => {
  it('hello-world.ts at -n 5', async () => {
    const r = await sample('hello-world', 5);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ranks(5).map((i) => `hello world from process  ${i}`));
  });

  it('point-to-point.ts at -n 9', async () => {
    const r = await sample('point-to-point', 9);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), [
      'data received is = 10000000', 'data1 received is = hello',
      ...ranks(9).map((i) => `my rank is :  ${i}`),
      'sending data 10000000 to process 4', 'sending data hello to process 8',
    ].sort());
  });

  it('deadlock.ts at -n 9: reported with both ranks, their calls and lines, status 86', async () => {
    const r = await sample('deadlock', 9);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /deadlock/);
    const [l1, l5] = [lineOf('deadlock', /await comm\.recv/, 0), lineOf('deadlock', /await comm\.recv/, 1)];
    assert.match(r.stderr, new RegExp(`rank 1: recv\\(source=5, tag=ANY\\) at .*deadlock\\.ts:${l1}\\b`));
    assert.match(r.stderr, new RegExp(`rank 5: recv\\(source=1, tag=ANY\\) at .*deadlock\\.ts:${l5}\\b`));
    assert.match(r.stderr, /cycle: rank (1 → rank 5 → rank 1|5 → rank 1 → rank 5)/);
    assert.deepEqual(sortedLines(r.stdout), ranks(9).map((i) => `my rank is :  ${i}`));
  });

  for (const fixed of ['deadlock-fixed-order', 'deadlock-sendrecv']) {
    it(`${fixed}.ts at -n 9 runs clean`, async () => {
      const r = await sample(fixed, 9);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(sortedLines(r.stdout), [
        'data received is = a', 'data received is = b',
        ...ranks(9).map((i) => `my rank is :  ${i}`),
        'sending data a to process 5', 'sending data b to process 1',
      ].sort());
    });
  }

  it('buffered-exchange.ts works because its sends are buffered: warned of, and a deadlock with --strict-buffering', async () => {
    const line = lineOf('buffered-exchange', /await comm\.Send/);
    const r = await sample('buffered-exchange', 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['rank 0 received 1 from rank 1', 'rank 1 received 0 from rank 0']);
    assert.match(r.stderr, new RegExp(`potential deadlock: rank 0, rank 1 finished only because their sends were buffered[^]*rank 0: Send\\(dest=1, tag=0\\) at .*buffered-exchange\\.ts:${line}\\b`));
    const strict = await runCli(['run', '-n', '2', '--strict-buffering', file('buffered-exchange')]);
    assert.equal(strict.code, 86, strict.stderr);
    assert.match(strict.stderr, /deadlock detected: rank \d, rank \d are blocked forever/);
  });

  it('broadcast.ts at -n 9', async () => {
    const r = await sample('broadcast', 9);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ranks(9).map((i) => `process = ${i} variable shared = 100`));
  });

  it('scatter.ts at -n 10 prints the received item; at -n 5 it stops with mpi4py\'s error', async () => {
    const ok = await sample('scatter', 10);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(sortedLines(ok.stdout), ranks(10).map((i) => `process = ${i} recvbuf = ${i + 1} `).sort());
    const bad = await sample('scatter', 5);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /scatter: expected 5 items \(one per rank\), got 10/);
    assert.match(bad.stderr, new RegExp(`scatter\\.ts:${lineOf('scatter', /comm\.scatter/)}`));
  });

  it('gather.ts at -n 5: what arrived, in rank order', async () => {
    const r = await sample('gather', 5);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, ['rank = 0 ...receiving data to other process', ...[1, 2, 3, 4].map((i) => ` process 0 receiving ${(i + 1) ** 2} from process ${i}`)].join('\n') + '\n');
  });

  it('alltoall.ts at -n 5: the seed\'s table', async () => {
    const r = await sample('alltoall', 5);
    assert.equal(r.code, 0, r.stderr);
    const expected = ranks(5).map((rk) => ` process ${rk} sending ${np(ranks(5).map((i) => (rk + 1) * i))} receiving ${np(ranks(5).map((j) => (j + 1) * rk))}`);
    assert.deepEqual(sortedLines(r.stdout), expected.sort());
    assert.ok(r.stdout.includes(' process 4 sending [ 0  5 10 15 20] receiving [ 4  8 12 16 20]'));
  });

  for (const [name, op] of [['reduction', (a: number, b: number) => a + b], ['reduction-prod', (a: number, b: number) => a * b]] as const) {
    it(`${name}.ts at -n 3`, async () => {
      const r = await sample(name, 3);
      assert.equal(r.code, 0, r.stderr);
      const send = (rk: number) => [0, 1, 2].map((i) => (rk + 1) * i);
      const total = [0, 1, 2].map((i) => ranks(3).map((rk) => send(rk)[i]).reduce(op));
      assert.deepEqual(sortedLines(r.stdout), [
        ...ranks(3).map((rk) => ` process ${rk} sending ${np(send(rk))} `),
        `on task 0 after Reduce: data = ${np(total)}`,
        'on task 1 after Reduce: data = [0 0 0]',
        'on task 2 after Reduce: data = [0 0 0]',
      ].sort());
    });
  }

  it('heat-2d.ts at -n 4: the halo exchange is drawn as arrows between grid neighbours, and only those', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-heat-'));
    const trace = path.join(dir, 'trace.json');
    try {
      const r = await runCli(['run', '-n', '4', '--trace', trace, file('heat-2d')]);
      assert.equal(r.code, 0, r.stderr);
      const lines = sortedLines(r.stdout);
      assert.ok(lines.includes('rank 0 at (0, 0): up none, down 2, left none, right 1'), r.stdout);
      assert.ok(lines.includes('rank 3 at (1, 1): up 1, down none, left 2, right none'), r.stdout);
      const last = /step 40: residual ([\d.]+), mean temperature ([\d.]+)/.exec(r.stdout);
      assert.ok(last && Number(last[2]) > 0 && Number(last[2]) < 100, r.stdout);
      // Chrome trace flows: 's' at the send, 'f' at the matching receive, the same id; tid = rank.
      const events = (JSON.parse(fs.readFileSync(trace, 'utf8')) as { traceEvents: any[] }).traceEvents;
      const to = new Map(events.filter((e) => e.ph === 'f').map((e) => [e.id, e.tid as number]));
      const arrows = events.filter((e) => e.ph === 's').map((e) => `${e.tid}->${to.get(e.id)}`);
      // The 2 x 2 grid, row-major: 0 1 / 2 3. Neighbours differ by one step in one dimension.
      const neighbours = ['0->1', '1->0', '0->2', '2->0', '1->3', '3->1', '2->3', '3->2'];
      assert.deepEqual([...new Set(arrows)].sort(), neighbours.sort());
      // One message per neighbour and step (40 steps), no diagonal or self arrows.
      assert.equal(arrows.length, neighbours.length * 40);
      const slices = events.filter((e) => e.ph === 'X' && e.name === 'Neighbor_alltoall');
      assert.ok(slices.length >= arrows.length * 2, 'each neighbour send and receive is its own slice');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
