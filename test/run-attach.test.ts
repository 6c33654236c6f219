// `rankscope run` in a terminal publishes its run; a viewer in another process attaches to it
// (real processes: the built CLI, and a RunClient here).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listRuns } from '../runtime/attach/list-runs.js';
import { RunClient } from '../runtime/attach/run-client.js';
import type { RunEvent } from '../runtime/contract/run.js';
import { runsFolder } from '../runtime/contract/run-wire.js';
import { CLI, program, ROOT, runCli } from './helpers/run-cli.js';

/** Ranks that keep meeting for a few seconds: long enough to attach in the middle. */
const SLOW = `import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 25; i++) {
  await comm.barrier();
  await new Promise((r) => setTimeout(r, 120));
}
console.log('done', comm.rank);
`;

function start(args: string[], cwd: string): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'run', ...args], { cwd, stdio: 'ignore' });
  return { child, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function descriptorIn(cwd: string, pid: number): Promise<string> {
  const file = path.join(runsFolder(cwd), `${pid}.json`);
  for (let i = 0; i < 600 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fs.existsSync(file), `no descriptor ${file}`);
  return file;
}

describe('rankscope run publishes its run', function () {
  this.timeout(90000);

  it('a viewer attached mid-run gets the replay, then live events, then the end', async () => {
    const file = program(SLOW, 'slow.ts');
    const cwd = path.dirname(file);
    const { child, exit } = start(['-n', '3', file], cwd);
    const client = await RunClient.connect(await descriptorIn(cwd, child.pid!));
    assert.equal(client.info.np, 3);
    assert.equal(client.info.pid, child.pid);
    assert.equal(client.info.launcher, 'rankscope run');
    const seen: RunEvent[] = [];
    client.subscribe((e) => seen.push(e));
    const atAttach = seen.length;
    const end = await client.ended;
    assert.equal(end.outcome, 'ok');
    assert.equal(await exit, 0);
    const traced = seen.filter((e) => e.type === 'trace').flatMap((e) => e.events);
    // 25 barriers on each of 3 ranks, each a start and an end: seen whole, whether replayed or live.
    assert.equal(traced.filter((e) => e.kind === 'op-start' && e.op === 'barrier').length, 75);
    assert.ok(seen.length > atAttach, 'events kept coming after the replay');
    assert.ok(seen.some((e) => e.type === 'processes' && e.processes.some((p) => p.status === 'finished')));
    assert.equal(seen.at(-1)?.type, 'end');
    // The descriptor went with the run; its record stays, listed as ended.
    const runs = await listRuns(cwd);
    assert.deepEqual(runs.map((r) => r.kind), ['ended']);
  });

  it('the deadlock sample, attached after its end, is read from its record; --no-publish leaves nothing', async () => {
    const cwd = fs.mkdtempSync(path.join(path.dirname(program('')), 'cwd-'));
    const r = await runCli(['run', '-n', '9', path.join(ROOT, 'samples', 'mpi', 'deadlock.ts')], { cwd });
    assert.equal(r.code, 86, r.stderr);
    const [ended] = await listRuns(cwd);
    assert.equal(ended.kind, 'ended');
    assert.ok(ended.kind === 'ended' && ended.head.outcome === 'deadlock' && ended.info.np === 9);
    const record = JSON.parse(fs.readFileSync(ended.file, 'utf8'));
    assert.match(record.rankscope.report, /deadlock detected: rank 1, rank 5/);
    assert.deepEqual(record.rankscope.deadlock.cycle, [1, 5, 1]);
    assert.equal(record.rankscope.names.length, 9);

    const quiet = fs.mkdtempSync(path.join(path.dirname(program('')), 'cwd-'));
    const q = await runCli(['run', '--no-publish', program(`console.log('hi');`)], { cwd: quiet });
    assert.equal(q.code, 0, q.stderr);
    assert.ok(!fs.existsSync(path.join(quiet, '.rankscope')));
  });

  it('stop from a viewer ends the run as interrupted', async () => {
    const file = program(SLOW, 'slow.ts');
    const cwd = path.dirname(file);
    const { child, exit } = start(['-n', '2', file], cwd);
    const client = await RunClient.connect(await descriptorIn(cwd, child.pid!));
    client.pause();
    client.resume();
    const end = await client.stop();
    assert.equal(end.outcome, 'interrupted');
    assert.notEqual(await exit, 0);
  });
});
