/**
 * A real Open MPI `mpiexec -n 4` starting a bundle: the ranks take their identity from Open MPI's
 * variables, meet through the default rendezvous directory, and run the contract suites; a
 * deadlock under mpiexec is reported by rank 0 and ends the job with status 86.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { bundleFor, envWithout } from './helpers/cluster.js';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { program, ROOT, runCommand, type CliRun } from './helpers/run-cli.js';

function mpiexec(n: number, bundle: string): Promise<CliRun> {
  // Root may run Open MPI only when it says so twice; CI runs as root.
  const ompi = { OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' };
  return runCommand('mpiexec', ['--oversubscribe', '-n', String(n), process.execPath, '--enable-source-maps', bundle], { env: { ...envWithout(), ...ompi }, cleanEnv: true, timeoutMs: 60_000 });
}

describe('under a real mpiexec (Open MPI)', function () {
  before(function () {
    if (spawnSync('mpiexec', ['--version']).status !== 0) {
      throw new Error('mpiexec not found: scripts/setup.sh installs Debian\'s openmpi-bin');
    }
  });

  for (const suite of CONTRACT_SUITES) {
    it(`mpiexec -n 4 runs the ${suite} suite`, async () => {
      const run = await mpiexec(4, await bundleFor(contractProgram(suite)));
      assert.equal(run.code, 0, run.stderr);
      expectContractPassed(run.stdout, suite, 4);
    });
  }

  it('mpiexec -n 9 on the deadlock sample: rank 0 reports the cycle with its lines, status 86', async () => {
    const run = await mpiexec(9, await bundleFor(path.join(ROOT, 'samples/mpi/deadlock.ts')));
    assert.equal(run.code, 86, run.stderr);
    assert.match(run.stderr, /deadlock detected: rank 1, rank 5 are blocked forever/);
    assert.match(run.stderr, /rank 1: recv\(source=5, tag=ANY\) at .*samples\/mpi\/deadlock\.ts:16/);
  });

  it('a multiprocessing child under mpiexec fails at its start() line, saying to use rankscope run, once', async () => {
    const file = program(`import * as mp from 'rankscope/multiprocessing';
export function work(): void {}
mp.main(async () => {
  const p = new mp.Process({ target: work });
  p.start();
  await p.join();
});
`);
    const run = await mpiexec(1, await bundleFor(file));
    assert.equal(run.code, 1, run.stderr);
    const said = 'Process.start: multiprocessing cannot start processes in ranks started by Open MPI mpiexec; run this program with `rankscope run FILE`';
    assert.equal(run.stderr.split(`Error: ${said}`).length - 1, 2, run.stderr); // the rank's stack, and the report
    assert.match(run.stderr, /rank 0 failed: it exited with code 1\.\n.*\n  at <anonymous> \(.*prog\.ts:5:\d+\)/);
  });
});
