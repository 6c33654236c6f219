/**
 * Wait states of real runs: a program built to have a known late sender (rank 1 computes ~200 ms
 * before it sends, rank 0 receives at once) has that loss attributed to rank 0's receive line, on
 * the launcher's Run and in the CLI's summary. The bounds are loose: the machine is busy.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { launch } from '../runtime/launcher/index.js';
import type { WaitStateReport } from '../runtime/contract/wait-states.js';
import { program, runCli } from './helpers/run-cli.js';

// The Barrier lines the ranks up, so rank 0's wait is rank 1's 200 ms and not their start-up skew.
const LATE = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
await comm.Barrier();
if (comm.rank === 1) {
  await new Promise((r) => setTimeout(r, 200));
  await comm.send('late', { dest: 0 });
} else console.log('got', await comm.recv({ source: 1 }));
`;
const RECV_LINE = 7;

describe('wait states of a real run', function () {
  this.timeout(60_000);

  it("the Run's final report gives rank 0's receive ≈ 200 ms of Late Sender", async () => {
    const file = program(LATE, 'late.ts');
    const run = launch({ program: file, np: 2 });
    const reports: WaitStateReport[] = [];
    run.subscribe((e) => e.type === 'wait-states' && reports.push(e.report));
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    const final = reports.at(-1);
    assert.ok(final?.final, 'the last report is the final one');
    const row = final.rows.find((r) => r.pattern === 'late-sender');
    assert.ok(row, `a Late Sender row: ${JSON.stringify(final.rows)}`);
    assert.equal(row.rank, 0);
    assert.equal(row.op, 'recv');
    assert.equal(row.site?.file, file);
    assert.equal(row.site?.line, RECV_LINE);
    assert.ok(row.lostUs >= 150_000 && row.lostUs <= 400_000, `lost ${row.lostUs} µs`);
    const shaded = final.intervals.find((i) => i.rank === 0 && i.pattern === 'late-sender');
    assert.ok(shaded && shaded.to - shaded.from === row.lostUs, 'the interval shaded is the time lost');
    // The critical path runs through rank 1's 200 ms of work (which end last, rank 0's receive or
    // rank 1's send, is a race: either way the path goes back through rank 1).
    const path = final.criticalPath ?? [];
    assert.ok(path.some((s) => s.rank === 1 && s.to - s.from >= 150_000), JSON.stringify(path));
    // A subscriber that comes after the end gets the same report in its replay.
    const late: WaitStateReport[] = [];
    run.subscribe((e) => e.type === 'wait-states' && late.push(e.report));
    assert.deepEqual(late, [final]);
  });

  it('while the run goes on, reports come (at most once a second) before the final one', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 4; i++) {
  if (comm.rank === 1) {
    await new Promise((r) => setTimeout(r, 500));
    await comm.send(i, { dest: 0 });
  } else await comm.recv({ source: 1 });
}
`);
    const run = launch({ program: file, np: 2 });
    const reports: { final: boolean; at: number; lost: number }[] = [];
    run.subscribe((e) => e.type === 'wait-states' && reports.push({ final: e.report.final, at: Date.now(), lost: e.report.totalUs }));
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    assert.deepEqual(reports.map((r) => r.final).slice(-1), [true]);
    const live = reports.filter((r) => !r.final);
    assert.ok(live.length >= 1, `live reports: ${JSON.stringify(reports)}`);
    for (let i = 1; i < live.length; i++) assert.ok(live[i].at - live[i - 1].at >= 900, `reports 1 s apart at least: ${JSON.stringify(live)}`);
    assert.ok(live.every((r, i) => r.lost > 0 && r.lost <= (live[i + 1]?.lost ?? Infinity)), 'each report covers more of the run');
  });

  it('multiprocessing: a worker blocked on a held lock, and a main process getting from an empty queue', async () => {
    // Each worker holds the lock 150 ms: the second to acquire it waits for the first.
    const file = program(`import * as mp from 'rankscope/multiprocessing';
export async function worker(lock: mp.Lock, q: mp.Queue) {
  await lock.acquire();
  await new Promise((r) => setTimeout(r, 150));
  lock.release();
  await q.put(1);
}
await mp.main(async () => {
  const lock = new mp.Lock();
  const q = new mp.Queue();
  const ps = [0, 1].map(() => new mp.Process({ target: worker, args: [lock, q] }));
  for (const p of ps) await p.start();
  await q.get();
  for (const p of ps) await p.join();
});
`);
    const run = launch({ program: file, np: 1 });
    let final: WaitStateReport | undefined;
    run.subscribe((e) => e.type === 'wait-states' && (final = e.report));
    const end = await run.ended;
    assert.equal(end.outcome, 'ok', end.report);
    const rows = final?.rows ?? [];
    const lock = rows.filter((r) => r.pattern === 'lock-contention' && r.site?.line === 3);
    assert.ok(lock.some((r) => r.rank > 0 && r.lostUs >= 80_000 && r.lostUs <= 1_000_000), JSON.stringify(rows));
    const get = rows.find((r) => r.pattern === 'queue-starvation');
    assert.ok(get && get.rank === 0 && get.site?.line === 13 && get.lostUs >= 100_000, JSON.stringify(rows));
  });

  it('the CLI with --wait-states prints the loss on stderr at the end, naming the line', async () => {
    const file = program(LATE, 'late.ts');
    const r = await runCli(['run', '-n', '2', '--wait-states', file], { cwd: path.dirname(file) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /got late/);
    const m = /^rankscope: wait states — rank 0 recv at late\.ts:7: (\d+) ms Late Sender$/m.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.ok(Number(m[1]) >= 150 && Number(m[1]) <= 400, m[0]);
  });

  it('without --wait-states the CLI prints nothing of it: the output is the program\'s own', async () => {
    const r = await runCli(['run', '-n', '2', program(LATE, 'late.ts')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /got late/);
    assert.equal(r.stderr, '');
  });

  it('--wait-states with --no-publish still analyses the run (the printer asks for the trace events)', async () => {
    const r = await runCli(['run', '-n', '2', '--wait-states', '--no-publish', program(LATE, 'late.ts')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^rankscope: wait states — rank 0 recv at .*late\.ts:7: \d+ ms Late Sender$/m);
  });
});
