import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { program, runCli, runProgram, sortedLines } from './helpers/run-cli.js';

describe('rankscope run (launcher)', () => {
  it('starts N ranks that each know their rank and the size', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';\nconsole.log('rank', MPI.COMM_WORLD.Get_rank(), 'of', MPI.COMM_WORLD.Get_size());`, 5);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), [0, 1, 2, 3, 4].map((i) => `rank ${i} of 5`));
  });

  it('defaults to one rank and passes program arguments through', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';\nconsole.log(MPI.COMM_WORLD.size, process.argv.slice(2).join(','));`);
    const r = await runCli(['run', file, 'a', '--b']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1 a,--b\n');
  });

  it('prefixes every line with its rank under --tag-output', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';\nconsole.log('one\\ntwo');`, 2, ['--tag-output']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['[rank 0] one', '[rank 0] two', '[rank 1] one', '[rank 1] two']);
  });

  it('runs .js programs and top-level await without importing rankscope', async () => {
    const r = await runCli(['run', '-n', '2', program(`await new Promise((r) => setTimeout(r, 10));\nconsole.log('ok');`, 'plain.mjs')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ok\nok\n');
  });

  it('type errors do not stop a run; syntax errors stop it with file:line', async () => {
    const typed = await runProgram(`const x: number = 'not a number' as any as string as unknown as number;\nconsole.log(typeof x);`, 1);
    assert.equal(typed.code, 0, typed.stderr);
    const broken = program(`const a = 1;\nconst b = ;\n`, 'broken.ts');
    const r = await runCli(['run', broken]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.ts:2:\d+: error: /);
  });

  it('an unresolved import stops the run naming the file, the line and the module', async () => {
    const r = await runCli(['run', program(`import { nope } from './missing-module';\nconsole.log(nope);`, 'imports.ts')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /imports\.ts:1:\d+: error: .*missing-module/);
  });

  it('says its version', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), `rankscope ${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}`);
  });

  it('explains a missing program, a bad -n and an unknown option', async () => {
    const missing = await runCli(['run', '/nonexistent/prog.ts']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /program not found: \/nonexistent\/prog\.ts/);
    const badN = await runCli(['run', '-n', 'zero', 'x.ts']);
    assert.equal(badN.code, 2);
    assert.match(badN.stderr, /-n needs an integer >= 1, got zero/);
    const unknown = await runCli(['run', '--frobnicate', 'x.ts']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --frobnicate/);
  });

  it('a rank that throws ends the job with its status, its error at the .ts line and the others\' state', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 2) {
  await new Promise((r) => setTimeout(r, 500)); // let the others reach their recv first
  throw new Error('boom on two');
}
await comm.recv({ source: 2 });
`, 4);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /rank 2 failed/);
    assert.match(r.stderr, /Error: boom on two/);
    assert.match(r.stderr, /prog\.ts:5/);
    assert.match(r.stderr, /rank 0: blocked in recv\(source=2, tag=ANY\) at .*prog\.ts:7/);
  });

  it('a Split or Manager used without await is named as the likely cause; other TypeErrors get no hint', async () => {
    const split = await runProgram(`import { MPI } from 'rankscope/mpi';
const sub: any = MPI.COMM_WORLD.Split(0);
await sub.barrier();
`, 2);
    assert.equal(split.code, 1);
    assert.match(split.stderr, /error: TypeError: sub\.barrier is not a function\n.*prog\.ts:3:\d+\)\n  hint: if `sub` came from comm\.Split\(\) or comm\.Dup\(\), it is a Promise: await it \(`const sub = await comm\.Split\(color\)`\)/);
    const mgr = await runProgram(`import * as mp from 'rankscope/multiprocessing';
mp.main(async () => {
  const mgr: any = mp.Manager();
  mgr.dict();
});
`, 1);
    assert.equal(mgr.code, 1);
    assert.match(mgr.stderr, /hint: if `mgr` came from mp\.Manager\(\), it is a Promise: await it \(`const mgr = await mp\.Manager\(\)`\)/);
    const other = await runProgram(`import { MPI } from 'rankscope/mpi';\nconst o: any = MPI.COMM_WORLD.Split(0);\no.frobnicate();\n`, 1);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /o\.frobnicate is not a function/);
    assert.doesNotMatch(other.stderr, /hint:/);
  });

  it('a call on MPI.COMM_NULL (a rank outside a Split) is named as such; null used otherwise gets no hint', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';
const sub: any = await MPI.COMM_WORLD.Split(MPI.COMM_WORLD.rank === 0 ? 0 : MPI.UNDEFINED);
await sub.Barrier();
`, 2);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /rank 1 failed[^]*error: TypeError: Cannot read properties of null \(reading 'Barrier'\)\n.*prog\.ts:3:\d+\)\n  hint: this is a call on MPI\.COMM_NULL \(null\)/);
    const other = await runProgram(`const o: any = null;\no.frobnicate();\n`, 1);
    assert.equal(other.code, 1);
    assert.doesNotMatch(other.stderr, /hint:/);
  });

  it('a rank that exits non-zero ends the job with that status within 5 s', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 1) process.exit(7);
await comm.recv({ source: 1 });
`, 3);
    assert.equal(r.code, 7);
    assert.match(r.stderr, /rank 1 failed: it exited with code 7/);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  });

  it('a killed rank ends the job and leaves no process behind', async () => {
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) process.kill(process.pid, 'SIGKILL');
await comm.barrier();
`, 3);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /rank 0 failed: it was killed by SIGKILL/);
  });

  it('SIGTERM to the launcher stops every rank', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./helpers/run-cli.js');
    const file = program(`import { MPI } from 'rankscope/mpi';\nconsole.log('up');\nawait MPI.COMM_WORLD.recv({ source: 0, tag: 99 });`);
    const child = spawn(process.execPath, [CLI, 'run', '-n', '3', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (c) => { out += c; if (out.split('up').length > 3) resolve(); }));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 143);
  });

  it('writes a Chrome trace with a track per rank, slices, and send→recv flows', async () => {
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.rank === 0) await comm.send('hi', 1, 3);
else await comm.recv({ source: 0 });
await comm.barrier();
`);
    const trace = file.replace(/prog\.ts$/, 'trace.json');
    const r = await runCli(['run', '-n', '2', '--trace', trace, file]);
    assert.equal(r.code, 0, r.stderr);
    const t = JSON.parse(fs.readFileSync(trace, 'utf8')) as { traceEvents: any[] };
    const names = t.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
    assert.deepEqual(names, ['rank 0', 'rank 1']);
    const send = t.traceEvents.find((e) => e.ph === 'X' && e.name === 'send');
    const recv = t.traceEvents.find((e) => e.ph === 'X' && e.name === 'recv');
    assert.equal(send.tid, 0);
    assert.equal(recv.tid, 1);
    assert.match(send.args.at, /prog\.ts:3$/);
    const s = t.traceEvents.find((e) => e.ph === 's');
    const f = t.traceEvents.find((e) => e.ph === 'f');
    assert.equal(s.id, f.id);
    assert.equal(s.tid, 0);
    assert.equal(f.tid, 1);
    assert.equal(t.traceEvents.filter((e) => e.ph === 'X' && e.name === 'barrier').length, 2);
  });
});
