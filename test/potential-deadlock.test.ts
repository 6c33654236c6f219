/**
 * Potential deadlocks (MUST's name): runs that end well only because standard sends were
 * buffered are warned of with each send's line, and `--strict-buffering` makes them the deadlock
 * they are with larger messages. Programs that are safe at any message size get no warning.
 */
import { strict as assert } from 'node:assert';
import { runProgram } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nconst other = (comm.rank + 1) % comm.size, prev = (comm.rank + comm.size - 1) % comm.size;\n`; // body on line 4

const SEND_FIRST = `${HEAD}await comm.Send(new Float64Array(4), other, 0);\nawait comm.Recv(new Float64Array(4), prev, 0);\nconsole.log('done', comm.rank);\n`;

describe('potential deadlocks hidden by buffering', () => {
  it('a ring where every rank sends first ends well, with a warning naming every send and its line', async () => {
    const r = await runProgram(SEND_FIRST, 3);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.match(/done/g)?.length, 3);
    assert.match(r.stderr, /rankscope: warning: potential deadlock: rank \d, rank \d, rank \d finished only because their sends were buffered\./);
    for (const rank of [0, 1, 2]) assert.match(r.stderr, new RegExp(`rank ${rank}: Send\\(dest=${(rank + 1) % 3}, tag=0\\) at .*prog\\.ts:4\\n      would wait for rank ${(rank + 1) % 3}`));
    assert.match(r.stderr, /--strict-buffering/);
  });

  it('--strict-buffering turns it into the deadlock report, every time', async () => {
    const r = await runProgram(SEND_FIRST, 2, ['--strict-buffering']);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /deadlock detected: rank \d, rank \d are blocked forever/);
    assert.match(r.stderr, /rank 0: Send\(dest=1, tag=0\) at .*prog\.ts:4/);
    assert.doesNotMatch(r.stdout, /done/);
  });

  it('safe orders get no warning: receive first on one side, Sendrecv, Isend + Recv + Wait, lower-case ping-pong', async () => {
    const safe = [
      `if (comm.rank === 0) { await comm.Send(new Float64Array(4), 1, 0); await comm.Recv(new Float64Array(4), 1, 0); }
else { await comm.Recv(new Float64Array(4), 0, 0); await comm.Send(new Float64Array(4), 0, 0); }`,
      'await comm.Sendrecv(new Float64Array(4), other, 0, new Float64Array(4), prev, 0);',
      'const req = comm.Isend(new Float64Array(4), other, 0);\nawait comm.Recv(new Float64Array(4), prev, 0);\nawait req.Wait();',
      `for (let i = 0; i < 50; i++) { if (comm.rank === 0) { await comm.send(i, 1); await comm.recv(1); } else { await comm.recv(0); await comm.send(i, 0); } }`,
    ];
    for (const body of safe) {
      const r = await runProgram(`${HEAD}${body}\nconsole.log('done', comm.rank);\n`, 2);
      assert.equal(r.code, 0, `${body}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /potential deadlock/, body);
    }
  });

  it('a barrier between a buffered send and its receive is part of the cycle', async () => {
    // CorrBench's MisplacedCall-MPIBarrier-Deadlock-2: rank 1 sends twice then enters the barrier;
    // rank 0 receives the first, enters the barrier, then receives the second.
    const r = await runProgram(`${HEAD}const b = new Int32Array(8);
if (comm.rank === 0) { await comm.Recv(b, 1, 1); await comm.Barrier(); await comm.Recv(b, 1, 2); }
else { await comm.Send(b, 0, 1); await comm.Send(b, 0, 2); await comm.Barrier(); }
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /potential deadlock: rank \d, rank \d finished only because/);
    assert.match(r.stderr, /rank 0: Barrier\(\) at .*prog\.ts:5\n      would wait for rank 1 to enter this Barrier too/);
    assert.match(r.stderr, /rank 1: Send\(dest=0, tag=2\) at .*prog\.ts:6/);
  });
});
