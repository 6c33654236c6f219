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
    // A subscriber that comes after the end gets the same report in its replay.
    const late: WaitStateReport[] = [];
    run.subscribe((e) => e.type === 'wait-states' && late.push(e.report));
    assert.deepEqual(late, [final]);
  });

  it('the CLI prints the loss on stderr at the end, naming the line', async () => {
    const file = program(LATE, 'late.ts');
    const r = await runCli(['run', '-n', '2', file], { cwd: path.dirname(file) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /got late/);
    const m = /^rankscope: wait states — rank 0 recv at late\.ts:7: (\d+) ms Late Sender$/m.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.ok(Number(m[1]) >= 150 && Number(m[1]) <= 400, m[0]);
  });

  it('a run that does not wait prints nothing of it', async () => {
    const r = await runCli(['run', '-n', '2', program(`import { MPI } from 'rankscope/mpi';\nconsole.log(MPI.COMM_WORLD.rank);\n`)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
