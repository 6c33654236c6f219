/**
 * Under a real Slurm (one node, started by the test): `srun` starts a bundle's ranks, which take
 * their identity from Slurm's variables and meet by themselves; and the batch script of
 * docs/clusters.md, submitted with `sbatch`, reports the deadlock sample from rank 0 and writes
 * its trace.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TraceEvent } from '../runtime/contract/trace-events.js';
import { bundleFor, envWithout } from './helpers/cluster.js';
import { CONTRACT_SUITES, contractProgram, expectContractPassed } from './helpers/mpi-contract.js';
import { ROOT, runCli, runCommand } from './helpers/run-cli.js';
import { LocalSlurm } from './helpers/slurm.js';

/** The environment a user's shell would pass to this cluster (no Slurm job of its own around it). */
function userEnv(slurm: LocalSlurm): Record<string, string> {
  return { ...envWithout('SLURM_'), ...slurm.env };
}

/** The Slurm batch script as docs/clusters.md gives it, sized for one node of this machine. */
function docsBatchScript(): string {
  const docs = fs.readFileSync(path.join(ROOT, 'docs', 'clusters.md'), 'utf8');
  const script = /### Slurm\s+```sh\n([\s\S]*?)```/.exec(docs)?.[1];
  assert.ok(script, 'docs/clusters.md has no Slurm batch script under "### Slurm"');
  const sized = script.replace('#SBATCH --nodes=4', '#SBATCH --nodes=1').replace('#SBATCH --ntasks-per-node=8', '#SBATCH --ntasks=9\n#SBATCH --overcommit');
  assert.ok(sized.includes('--ntasks=9') && sized.includes('--nodes=1'), `the script's #SBATCH lines changed; adapt this test:\n${script}`);
  return sized;
}

describe('under a real Slurm (one node)', function () {
  this.timeout(120000);
  let slurm: LocalSlurm;

  before(async function () {
    const missing = LocalSlurm.missing();
    if (missing) {
      // Like the browser tests: skipped on a developer's machine without it, a failure under CI.
      if (process.env.CI) throw new Error(`cannot run the Slurm tests: ${missing}; run npm run setup`);
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    slurm = await LocalSlurm.start();
  });

  after(async () => slurm?.stop());

  for (const suite of CONTRACT_SUITES) {
    it(`srun -n 4 runs the ${suite} suite`, async () => {
      const bundle = await bundleFor(contractProgram(suite));
      const run = await runCommand('srun', ['--overcommit', '-n', '4', process.execPath, '--enable-source-maps', bundle], { env: userEnv(slurm), cleanEnv: true, timeoutMs: 60_000 });
      assert.equal(run.code, 0, run.stderr);
      expectContractPassed(run.stdout, suite, 4);
    });
  }

  it('the batch script of docs/clusters.md on the deadlock sample: the report from rank 0, status 86, the trace written', async () => {
    const submit = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-sbatch-'));
    const built = await runCli(['run', '--bundle-only', '-o', path.join(submit, 'job.mjs'), path.join(ROOT, 'samples/mpi/deadlock.ts')]);
    assert.equal(built.code, 0, built.stderr);
    fs.writeFileSync(path.join(submit, 'job.sh'), docsBatchScript());
    const run = await runCommand('sbatch', ['--wait', '--parsable', 'job.sh'], { cwd: submit, env: userEnv(slurm), cleanEnv: true, timeoutMs: 60_000 });
    const job = run.stdout.trim().split(';')[0];
    const out = fs.readFileSync(path.join(submit, `slurm-${job}.out`), 'utf8');
    assert.equal(run.code, 86, `${run.stderr}\n${out}`);
    assert.match(out, /deadlock detected: rank 1, rank 5 are blocked forever/);
    assert.match(out, /rank 1: recv\(source=5, tag=ANY\) at .*samples\/mpi\/deadlock\.ts:16/);
    const trace = (JSON.parse(fs.readFileSync(path.join(submit, `trace-${job}.json`), 'utf8')) as { rankscope: { names: string[]; outcome: string; events: TraceEvent[] } }).rankscope;
    assert.equal(trace.names.length, 9);
    assert.equal(trace.outcome, 'deadlock');
    const blocked = trace.events.flatMap((e) => (e.kind === 'op-start' ? [`${e.rank} ${e.text} ${path.basename(e.site?.file ?? '')}:${e.site?.line}`] : []));
    assert.deepEqual(blocked.sort(), ['1 recv(source=5, tag=ANY) deadlock.ts:16', '5 recv(source=1, tag=ANY) deadlock.ts:28']);
    fs.rmSync(submit, { recursive: true, force: true });
  });
});
