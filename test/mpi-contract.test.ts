/**
 * Every method of the `rankscope/mpi` contract, through the self-checking suites at 1, 2, 5 and 9
 * ranks, and the errors a user meets: each ends the run with the contract's status and a message
 * naming the rank and the call.
 */
import { strict as assert } from 'node:assert';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { runCli, runProgram } from './helpers/run-cli.js';

describe('the MPI contract', () => {
  for (const suite of CONTRACT_SUITES) {
    for (const n of [1, 2, 5, 9]) {
      it(`${suite} suite at -n ${n}`, async () => {
        const r = await runCli(['run', '-n', String(n), contractProgram(suite)], { timeoutMs: 60_000 });
        assert.equal(r.code, 0, r.stderr);
        expectContractPassed(r.stdout, suite, n);
        assert.doesNotMatch(r.stderr, /never received/, 'every message sent was received, as the trace records it');
      });
    }
  }

  const failing: [string, string, RegExp][] = [
    ['recv from a rank that does not exist', "await comm.recv({ source: comm.size });", /rank \d failed[\s\S]*RankError: recv: source=3 is not a rank of this communicator \(size 3/],
    ['bcast with a root out of range', "await comm.bcast(1, 7);", /RootError: bcast: root=7 is not a rank of this communicator/],
    ['Recv into a buffer too small', "if (comm.rank === 0) await comm.Send(new Float64Array(8), 1); else if (comm.rank === 1) await comm.Recv(new Float64Array(4), 0);", /rank 1 failed[\s\S]*TruncateError/],
    ['Scatter with a wrong count', "await comm.Scatter(comm.rank === 0 ? new Int32Array(5) : null, new Int32Array(2), 0);", /CountError/],
  ];
  for (const [what, body, message] of failing) {
    it(`${what}: status 1 and the rank, the call and the line`, async () => {
      const r = await runProgram(`import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n${body}\n`, 3);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /prog\.ts:3/);
    });
  }

  it('Abort(code) ends every rank with that status, naming the rank and the line', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nif (comm.rank === 2) comm.Abort(42);\nawait comm.barrier();\n`, 3);
    assert.equal(r.code, 42, r.stderr);
    assert.match(r.stderr, /rank 2 called Abort\(42\) at .*prog\.ts:3/);
  });

  it('ranks that call different collectives: status 87, each rank and its call', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nif (comm.rank === 0) await comm.bcast(1, 0); else await comm.reduce(1);\n`, 3);
    assert.equal(r.code, 87, r.stderr);
    assert.match(r.stderr, /collective mismatch/);
    assert.match(r.stderr, /rank 0: bcast/);
    assert.match(r.stderr, /rank [12]: reduce/);
  });
});
