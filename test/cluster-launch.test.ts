/**
 * Ranks started by another launcher on this machine: what `mpiexec`/`srun` set is all they get.
 * They find rank 0 by themselves, run the contract suites, and end together, with a report, when
 * one fails, vanishes or never comes.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectLauncher, LaunchEnvError } from '../runtime/cluster/launchers.js';
import { parseAddress, RendezvousError } from '../runtime/cluster/rendezvous.js';
import { bundleFor, runRanks, slurmEnv } from './helpers/cluster.js';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { program, ROOT, runCli } from './helpers/run-cli.js';

let job = 0;
const jobId = (): string => `t${process.pid}-${++job}`;

/**
 * A program where rank `busy` works (a long sleep) while the others wait for its message: no
 * deadlock, until a test kills it. It says `ready` once the others are waiting.
 */
function waitingOn(busy: number): string {
  return program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
await comm.barrier();
if (comm.rank === ${busy}) {
  await new Promise((r) => setTimeout(r, 300)); // the others are blocked, and have said so, by then
  console.log('ready');
  await new Promise((r) => setTimeout(r, 30_000));
}
await comm.recv({ source: ${busy}, tag: 9 });
`);
}

/** SIGKILLs rank `victim` once it says `ready`. */
const killWhenReady = (victim: number) => (r: number, child: ChildProcess): void => {
  if (r === victim) child.stdout!.on('data', () => child.kill('SIGKILL'));
};

describe('ranks started by another launcher (one machine)', () => {
  it('takes rank and size from Open MPI, Slurm, MPICH Hydra and PMIx variables, and says what is wrong', () => {
    assert.deepEqual(detectLauncher({ OMPI_COMM_WORLD_RANK: '2', OMPI_COMM_WORLD_SIZE: '4', OMPI_MCA_ess_base_jobid: '77', PMIX_RANK: '2' }), { launcher: 'Open MPI mpiexec', rank: 2, size: 4, jobId: '77' });
    assert.deepEqual(detectLauncher({ SLURM_PROCID: '0', SLURM_NTASKS: '8', SLURM_JOB_ID: '123', SLURM_STEP_ID: '4' }), { launcher: 'Slurm srun', rank: 0, size: 8, jobId: '123.4' });
    assert.equal(detectLauncher({ PMI_RANK: '1', PMI_SIZE: '3' })?.launcher, 'MPICH Hydra mpiexec');
    assert.equal(detectLauncher({ PMIX_RANK: '1', PMIX_SIZE: '2' })?.size, 2);
    assert.equal(detectLauncher({}), undefined);
    assert.throws(() => detectLauncher({ SLURM_PROCID: '1' }), (e: Error) => e instanceof LaunchEnvError && /SLURM_NTASKS/.test(e.message));
    assert.throws(() => detectLauncher({ PMI_RANK: '3', PMI_SIZE: '3' }), /PMI_RANK=3 is out of range for PMI_SIZE=3/);
    assert.throws(() => parseAddress('node001'), (e: Error) => e instanceof RendezvousError && /host:port/.test(e.message));
    assert.deepEqual(parseAddress('[fe80::1]:29400'), { host: 'fe80::1', port: 29400 });
  });

  it('--bundle-only prints the bundle to launch and how; a bad program or a stray -o is a usage error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bo-'));
    const r = await runCli(['run', '--bundle-only', '-n', '4', path.join(ROOT, 'samples/mpi/hello-world.ts')], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), path.join(dir, 'hello-world.rankscope.mjs'));
    assert.ok(fs.existsSync(`${r.stdout.trim()}.map`));
    assert.match(r.stderr, /mpiexec -n 4 node --enable-source-maps .*hello-world\.rankscope\.mjs/);
    assert.match(r.stderr, /RANKSCOPE_COORDINATOR=host:port/);
    const missing = await runCli(['run', '--bundle-only', path.join(dir, 'nope.ts')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /program not found/);
    const stray = await runCli(['run', '-o', 'x.mjs', path.join(ROOT, 'samples/mpi/hello-world.ts')]);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /-o goes with --bundle-only/);
  });

  for (const suite of CONTRACT_SUITES) {
    it(`the ${suite} suite at 4 ranks under srun's variables, meeting through a directory, over Unix sockets`, async () => {
      const bundle = await bundleFor(contractProgram(suite));
      const id = jobId();
      const run = await runRanks({ n: 4, bundle, env: (r) => ({ ...slurmEnv(r, 4, id), RANKSCOPE_DEBUG: 'links' }) });
      assert.deepEqual(run.codes, [0, 0, 0, 0], run.stderr);
      expectContractPassed(run.stdout, suite, 4);
      assert.match(run.stderr, /link rank \d → rank \d over unix/);
      assert.doesNotMatch(run.stderr, /over tcp/);
      assert.ok(!fs.existsSync(path.join(os.tmpdir(), `rankscope-job-${id}.0`)), 'the rendezvous directory is removed');
    });
  }

  it('the p2p suite over TCP on one host (RANKSCOPE_TRANSPORT=tcp), meeting at RANKSCOPE_COORDINATOR', async () => {
    const bundle = await bundleFor(contractProgram('p2p'));
    const port = 20000 + (process.pid % 20000);
    const env = (r: number): Record<string, string> => ({ OMPI_COMM_WORLD_RANK: String(r), OMPI_COMM_WORLD_SIZE: '3', RANKSCOPE_COORDINATOR: `127.0.0.1:${port}`, RANKSCOPE_TRANSPORT: 'tcp', RANKSCOPE_DEBUG: 'links' });
    const run = await runRanks({ n: 3, bundle, env });
    assert.deepEqual(run.codes, [0, 0, 0], run.stderr);
    expectContractPassed(run.stdout, 'p2p', 3);
    assert.match(run.stderr, /link rank \d → rank \d over tcp/);
    assert.doesNotMatch(run.stderr, /over unix/);
  });

  it('a rank that throws ends every rank; rank 0 prints its error at the .ts line and what the others were doing', async () => {
    const bundle = await bundleFor(program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 2) { await new Promise((r) => setTimeout(r, 300)); throw new Error('bad input on rank 2'); } // the others wait by then
await comm.recv({ source: 2 });
`));
    const id = jobId();
    const run = await runRanks({ n: 3, bundle, env: (r) => slurmEnv(r, 3, id) });
    assert.equal(run.codes[0], 1, run.stderr);
    assert.ok(run.codes.every((c) => c !== 0), `every rank ends: ${run.codes}`);
    assert.match(run.stderr, /rank 2 failed: it exited with code 1/);
    assert.match(run.stderr, /prog\.ts:3/);
    assert.match(run.stderr, /rank 1: blocked in recv\(source=2, tag=ANY\) at .*prog\.ts:4/);
  });

  it('a killed rank is reported as lost, and every other rank ends (status 88 on rank 0)', async () => {
    const id = jobId();
    const run = await runRanks({ n: 3, bundle: await bundleFor(waitingOn(1)), env: (r) => slurmEnv(r, 3, id), onStart: killWhenReady(1) });
    assert.equal(run.codes[0], 88, run.stderr);
    assert.equal(run.codes[1], null, 'rank 1 was killed');
    assert.equal(run.codes[2], 88);
    assert.match(run.stderr, /lost rank 1 on .*: its connection to the coordinator closed without a word/);
    assert.match(run.stderr, /rank 2: blocked in recv\(source=1, tag=9\)/);
  });

  it('when rank 0 is killed, the others say they lost the coordinator and exit', async () => {
    const id = jobId();
    const run = await runRanks({ n: 3, bundle: await bundleFor(waitingOn(0)), env: (r) => slurmEnv(r, 3, id), onStart: killWhenReady(0) });
    assert.deepEqual(run.codes.slice(1), [1, 1], run.stderr);
    assert.match(run.stderr, /rank 1 \(Slurm srun\) lost the coordinator \(rank 0 at /);
  });

  it('a rank that never starts: the job ends after RANKSCOPE_RENDEZVOUS_TIMEOUT, naming it', async () => {
    const bundle = await bundleFor(contractProgram('p2p'));
    const id = jobId();
    const run = await runRanks({ n: 4, bundle, env: (r) => ({ ...slurmEnv(r, 4, id), RANKSCOPE_RENDEZVOUS_TIMEOUT: '2' }), start: (r) => r !== 3 });
    assert.deepEqual(run.codes.slice(0, 3), [88, 88, 88], run.stderr);
    assert.match(run.stderr, /rank 3 of 4 never reached the coordinator \(rank 0\) within 2 s. Did Slurm srun start all 4\?/);
  });
});
