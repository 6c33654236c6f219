/**
 * Nonblocking collectives on real ranks through the CLI: outstanding collectives progress in the
 * background and complete whatever the order of their waits; their calls and waits reach the trace
 * as collectives; a wait on one that a rank never joins is a deadlock the detector reports; ranks
 * that start different collectives at the same point are a mismatch.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OpStartEvent, TraceEvent } from '../runtime/contract/trace-events.js';
import { program, runCli } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nconst rank = comm.rank;\n`;

/** The 1-based line of the `// @name` marker in `source`. */
function lineOf(source: string, name: string): number {
  return source.split('\n').findIndex((l) => l.includes(`// @${name}`)) + 1;
}

describe('nonblocking collectives', function () {
  this.timeout(120_000);

  it('an Ibcast and an Ireduce outstanding together: the later one waited first, the earlier one completed by Test alone', async () => {
    const source = `${HEAD}
const buf = new Int32Array(4).fill(rank === 1 ? 42 : -1);
const mine = new Float64Array([rank + 1]);
const total = new Float64Array(1);
const bcast = comm.Ibcast(buf, 1); // @ibcast
const reduce = comm.Ireduce(mine, total, MPI.SUM, 0); // @ireduce
await reduce.Wait(); // @wait
// No wait for the broadcast: it progresses in the background while the loop yields.
let polls = 0;
while (!bcast.Test()) {
  polls++;
  await new Promise((resolve) => setImmediate(resolve));
}
await bcast.Wait(); // completed already: MPI.REQUEST_NULL, returns at once
console.log(JSON.stringify({ rank, buf: Array.from(buf), total: rank === 0 ? total[0] : null, nulled: !bcast.__bool__() && !reduce.__bool__() }));
`;
    const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-nbc-')), 'trace.json');
    const r = await runCli(['run', '-n', '3', '--trace', trace, program(source)]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).sort((a, b) => a.rank - b.rank);
    assert.deepEqual(lines, [0, 1, 2].map((rank) => ({ rank, buf: [42, 42, 42, 42], total: rank === 0 ? 6 : null, nulled: true })));

    // Every rank's calls are collective entries 1 and 2 of world, in call order, at their lines;
    // the wait blocks on collective 2.
    const events = (JSON.parse(fs.readFileSync(trace, 'utf8')).rankscope.events as TraceEvent[]).filter((e): e is OpStartEvent => e.kind === 'op-start');
    for (const rank of [0, 1, 2]) {
      const mineStarts = events.filter((e) => e.rank === rank);
      const ibcast = mineStarts.find((e) => e.op === 'Ibcast');
      const ireduce = mineStarts.find((e) => e.op === 'Ireduce');
      assert.deepEqual([ibcast?.comm, ibcast?.collSeq, ibcast?.root, ibcast?.wait, ibcast?.site?.line], ['world', 1, 1, undefined, lineOf(source, 'ibcast')]);
      assert.deepEqual([ireduce?.comm, ireduce?.collSeq, ireduce?.root, ireduce?.wait, ireduce?.site?.line], ['world', 2, 0, undefined, lineOf(source, 'ireduce')]);
      // The Wait follows the call at once, before any message could complete the reduce: it blocks.
      const wait = mineStarts.find((e) => e.op === 'Wait' && e.site?.line === lineOf(source, 'wait'));
      assert.deepEqual(wait?.wait, { type: 'collective', comm: 'world', seq: 2, op: 'Ireduce', group: [0, 1, 2] });
    }
  });

  it('a Wait on an Ibarrier that the other rank never joins is a deadlock, named with its line', async () => {
    const source = `${HEAD}
if (rank === 0) {
  const req = comm.Ibarrier();
  await req.Wait(); // @wait
} else {
  await comm.recv({ source: 0 }); // @recv
}
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /deadlock detected/);
    assert.match(r.stderr, new RegExp(`rank 0: Wait\\(Ibarrier\\(\\)\\) at .*prog\\.ts:${lineOf(source, 'wait')}\\n\\s+waits for rank 1`));
    assert.match(r.stderr, new RegExp(`rank 1: recv\\(source=0, tag=ANY\\) at .*prog\\.ts:${lineOf(source, 'recv')}\\n\\s+waits for rank 0`));
  });

  it('a Wait on an Ibarrier that a finished rank never called is a deadlock too', async () => {
    const source = `${HEAD}
if (rank === 0) await comm.Ibarrier().Wait(); // @wait
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, new RegExp(`rank 0: Wait\\(Ibarrier\\(\\)\\) at .*prog\\.ts:${lineOf(source, 'wait')}\\n\\s+waits for rank 1, which has finished`));
  });

  it('ranks that start different nonblocking collectives at the same point are a collective mismatch', async () => {
    const source = `${HEAD}
const buf = new Float64Array(2);
const req = rank === 0 ? comm.Ibcast(buf, 0) : comm.Iallreduce(MPI.IN_PLACE, buf); // @call
await req.Wait();
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 87, r.stderr);
    assert.match(r.stderr, /Ibcast/);
    assert.match(r.stderr, /Iallreduce/);
  });

  it('argument errors raise at the call, as in mpi4py (the call returns a Request, not a promise)', async () => {
    const source = `${HEAD}
try {
  comm.Ibcast(new Float64Array(1), 5);
} catch (err) {
  console.log(err instanceof MPI.RootError, (err as Error).message);
}
`;
    const r = await runCli(['run', '-n', '2', program(source)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^true Ibcast: root=5 is not a rank of this communicator/m);
  });
});
