/**
 * The debug adapter over DAP, as VS Code drives it: started over stdio from the built bundle and
 * driven by @vscode/debugadapter-testsupport's DebugClient, with real ranks underneath.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { program, ROOT } from '../helpers/run-cli.js';

const ADAPTER = path.join(ROOT, 'dist', 'adapter.cjs');
const sample = (p: string): string => path.join(ROOT, 'samples', p);

describe('debug adapter (DAP over stdio)', function () {
  this.timeout(60000);
  let dc: DebugClient;
  let output: DebugProtocol.OutputEvent[];

  beforeEach(async () => {
    dc = new DebugClient('node', ADAPTER, 'rankscope');
    // Events wait for real ranks to start: 5 s (the default) is short on a loaded 2-core machine.
    dc.defaultTimeout = 30000;
    output = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e));
    await dc.start();
  });

  afterEach(async () => {
    await dc.stop().catch(() => undefined);
  });

  const text = (category: string): string => output.filter((e) => e.body.category === category).map((e) => e.body.output).join('');

  it('runs point-to-point with 9 ranks: output tagged per rank, then exits 0 and terminates', async () => {
    const exited = dc.waitForEvent('exited');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: sample('mpi/point-to-point.ts'), np: 9 } as DebugProtocol.LaunchRequestArguments), dc.waitForEvent('terminated')]);
    assert.equal((await exited).body.exitCode, 0);
    const out = text('stdout');
    for (let r = 0; r < 9; r++) assert.match(out, new RegExp(`^\\[rank ${r}\\] `, 'm'), `no output from rank ${r}:\n${out}`);
  });

  it('lists one thread per rank with its live state', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) await comm.recv({ source: 2, tag: 7 });
if (comm.rank === 2) { await new Promise((r) => setTimeout(r, 4000)); await comm.send('late', { dest: 0, tag: 7 }); }
`, 'waits.ts');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 3 } as DebugProtocol.LaunchRequestArguments)]);
    let names: string[] = [];
    // Rank 0 blocks once it has started, which takes a while on a loaded machine; rank 2 frees it after 4 s.
    for (let i = 0; i < 160 && !names.some((n) => n.includes('blocked')); i++) {
      await new Promise((r) => setTimeout(r, 50));
      names = (await dc.threadsRequest()).body.threads.map((t) => t.name);
    }
    assert.equal(names.length, 3);
    assert.match(names[0], /^rank 0 — blocked in recv\(source=2, tag=7\) at waits\.ts:3$/);
    await dc.waitForEvent('terminated');
    const after = (await dc.threadsRequest()).body.threads.map((t) => t.name);
    assert.deepEqual(after, ['rank 0 — finished (exit code 0)', 'rank 1 — finished (exit code 0)', 'rank 2 — finished (exit code 0)']);
  });

  it('leaves out the ranks a JavaScript debugger holds (rankscope/ranksAttached), and lists one again when it leaves', async () => {
    // Each held rank is its js-debug session's single Call Stack entry: our own thread for it would be a second.
    const file = program(`await new Promise((r) => setTimeout(r, 3000));\n`, 'held.ts');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 3 } as DebugProtocol.LaunchRequestArguments)]);
    const names = async (): Promise<string[]> => (await dc.threadsRequest()).body.threads.map((t) => t.name.split(' — ')[0]);
    for (let i = 0; i < 200 && (await names()).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    await dc.customRequest('rankscope/ranksAttached', { indices: [0, 2] });
    assert.deepEqual(await names(), ['rank 1']);
    // All of them held: one thread is still listed, or VS Code could not pause the session.
    await dc.customRequest('rankscope/ranksAttached', { indices: [0, 1, 2] });
    assert.deepEqual(await names(), ['rank 0']);
    await dc.customRequest('rankscope/ranksAttached', { indices: [2] });
    assert.deepEqual(await names(), ['rank 0', 'rank 1']);
    await dc.waitForEvent('terminated');
  });

  it('stops on the deadlock sample with the report, at the pending recv of each rank in the cycle', async () => {
    const deadlocked = dc.waitForEvent('rankscope/deadlock');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: sample('mpi/deadlock.ts'), np: 9 } as DebugProtocol.LaunchRequestArguments)]);
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    assert.equal(stopped.body.reason, 'exception');
    assert.equal(stopped.body.text, 'Deadlock detected');
    assert.equal(stopped.body.allThreadsStopped, true);
    const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId! });
    assert.match(info.body.description!, /deadlock detected: rank 1, rank 5/);
    assert.match(info.body.description!, /cycle: rank 1 → rank 5 → rank 1/);
    const report = (await deadlocked).body;
    assert.deepEqual(report.members.map((m: { rank: number }) => m.rank).sort(), [1, 5]);
    for (const t of [2, 6]) {
      const frames = (await dc.stackTraceRequest({ threadId: t })).body.stackFrames;
      assert.equal(frames[0].name, `recv(source=${t === 2 ? 5 : 1}, tag=ANY) (blocked)`);
      assert.equal(frames[0].source?.path, sample('mpi/deadlock.ts'));
      assert.equal(frames[0].line, t === 2 ? 16 : 28);
    }
    const threads = (await dc.threadsRequest()).body.threads.map((t) => t.name);
    assert.match(threads[1], /^rank 1 — blocked in recv\(source=5, tag=ANY\) at deadlock\.ts:16$/);
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
    assert.match(text('stderr'), /deadlock detected/);
  });

  it('stops on a crashing rank at the line that threw', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
function explode(): never {
  throw new Error('rank ' + comm.rank + ' gave up');
}
if (comm.rank === 2) explode();
await comm.Barrier();
`, 'crash.ts');
    const ended = dc.waitForEvent('rankscope/ended');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 4 } as DebugProtocol.LaunchRequestArguments)]);
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    assert.equal(stopped.body.text, 'rank 2 crashed');
    assert.equal(stopped.body.threadId, 3);
    const frames = (await dc.stackTraceRequest({ threadId: 3 })).body.stackFrames;
    assert.equal(frames[0].name, 'explode');
    assert.equal(frames[0].source?.path, fs.realpathSync(file));
    assert.equal(frames[0].line, 4);
    assert.equal(frames[1].line, 6);
    assert.equal((await ended).body.outcome, 'failed');
    const info = await dc.exceptionInfoRequest({ threadId: 3 });
    assert.match(info.body.description!, /rank 2 gave up/);
  });

  it('stops an MPI error (a send to rank 5 of 4) at the user\'s call, with no frame of the runtime', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) {
  await comm.send('hello', { dest: 5 });
}
`, 'send5.ts');
    const ended = dc.waitForEvent('rankscope/ended');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 4 } as DebugProtocol.LaunchRequestArguments)]);
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    const frames = (await dc.stackTraceRequest({ threadId: stopped.body.threadId! })).body.stackFrames;
    assert.equal(frames[0].source?.path, fs.realpathSync(file));
    assert.equal(frames[0].line, 4);
    assert.deepEqual(frames.filter((f) => f.source?.path?.includes('/runtime/')), []);
    await ended;
    assert.doesNotMatch(text('stderr'), /runtime\/mpi\//);
  });

  it('runs a multiprocessing program launched with "np": 9 once, and says why', async () => {
    const file = program(`import * as mp from 'rankscope/multiprocessing';
export function child() { console.log('child says hi'); }
await mp.main(async () => {
  const p = new mp.Process({ target: child });
  await p.start();
  await p.join();
  console.log('main done');
});
`, 'mp-once.ts');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 9 } as DebugProtocol.LaunchRequestArguments), dc.waitForEvent('terminated')]);
    assert.equal(text('stdout').split('main done').length - 1, 1, text('stdout'));
    assert.match(text('console'), /mp-once\.ts imports rankscope\/multiprocessing, so it runs once/);
  });

  it('writes paths under the workspace folder as ./path:line, and ends with the exit status and time', async () => {
    const folder = path.join(ROOT, 'samples');
    const ended = dc.waitForEvent('rankscope/ended');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: sample('mpi/deadlock.ts'), np: 9, workspaceFolder: folder } as DebugProtocol.LaunchRequestArguments)]);
    await ended;
    assert.match(text('stderr'), /recv\(source=5, tag=ANY\) at \.\/mpi\/deadlock\.ts:16/);
    assert.ok(!text('stderr').includes(`${folder}/`), text('stderr'));
    assert.match(text('console'), /^rankscope: run ended — exit status 86 \(deadlock\) in \d+\.\d\d s$/m);
  });

  it('pause stops every rank where it is (SIGSTOP) and continue lets them go on', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
for (let i = 0; i < 40; i++) { console.log('tick', comm.rank, i); await new Promise((r) => setTimeout(r, 50)); }
`, 'ticks.ts');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 2 } as DebugProtocol.LaunchRequestArguments)]);
    while (!/tick 0 3\b/.test(text('stdout'))) await new Promise((r) => setTimeout(r, 20));
    const [, stopped] = await Promise.all([dc.pauseRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
    assert.equal(stopped.body.reason, 'pause');
    await new Promise((r) => setTimeout(r, 300));
    const frozen = text('stdout');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(text('stdout'), frozen, 'ranks printed while paused');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
    assert.match(text('stdout'), /\[rank 1\] tick 1 39/);
  });

  it('pause leaves ranks under an inspector to their debuggers (rankscope/inDebuggers), stopping none', async () => {
    const file = program(`console.log('never runs: no debugger lets it go');
`, 'inspected.ts');
    const targets: { index: number; pid: number }[] = [];
    dc.on('rankscope/inspector', (e: DebugProtocol.Event) => targets.push(e.body as { index: number; pid: number }));
    let stops = 0;
    dc.on('stopped', () => stops++);
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 2, attachRanks: true } as DebugProtocol.LaunchRequestArguments)]);
    while (targets.length < 2) await new Promise((r) => setTimeout(r, 20));
    const [, told] = await Promise.all([dc.pauseRequest({ threadId: 1 }), dc.waitForEvent('rankscope/inDebuggers')]);
    assert.deepEqual(told.body, { v: 4, command: 'pause', ranks: [0, 1] });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(stops, 0, 'the session stopped though every rank has a debugger to pause it');
    // A SIGSTOPped process's inspector could not answer its debugger: state T in /proc.
    for (const t of targets) assert.notEqual(/\) (\w) /.exec(fs.readFileSync(`/proc/${t.pid}/stat`, 'utf8'))?.[1], 'T', `rank ${t.index} was SIGSTOPped`);
    await Promise.all([dc.terminateRequest(), dc.waitForEvent('terminated')]);
  });

  it('refuses a launch without a program, saying what to write', async () => {
    await dc.initializeRequest();
    await assert.rejects(dc.launch({ np: 2 } as DebugProtocol.LaunchRequestArguments), /needs "program"/);
  });

  it('refuses np 0', async () => {
    await dc.initializeRequest();
    await assert.rejects(dc.launch({ program: sample('mpi/hello-world.ts'), np: 0 } as DebugProtocol.LaunchRequestArguments), /"np" must be a whole number/);
  });

  it('stop kills every rank of a running job', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
console.log('pid', process.pid);
await new Promise((r) => setTimeout(r, 60000));
await MPI.COMM_WORLD.Barrier();
`, 'sleeper.ts');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: file, np: 3 } as DebugProtocol.LaunchRequestArguments)]);
    let pids: number[] = [];
    for (let i = 0; i < 100 && pids.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pids = [...text('stdout').matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
    }
    assert.equal(pids.length, 3);
    await Promise.all([dc.terminateRequest(), dc.waitForEvent('terminated')]);
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), `pid ${pid} still alive`);
  });
});
