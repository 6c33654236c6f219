/**
 * A pause breaks nothing: a rank whose event loop stops (a breakpoint, a busy-wait, SIGSTOP) has
 * already sent what its returned sends sent, and no deadline of the runtime or the launcher fires
 * because some process was paused, however long.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, program, ROOT, runProgram, sortedLines } from './helpers/run-cli.js';

/** Longer than any deadline the runtime ever had (a connect gave up after 60 s). */
const PAUSE_MS = 65_000;

describe('a pause breaks nothing', () => {
  it("a frozen sender's message arrives while it is frozen", async () => {
    // The first send to a peer opens the link: it must not return before the frame has left.
    const r = await runProgram(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.Get_rank() === 0) {
  await comm.send('hello', 1);
  const sent = Date.now();
  while (Date.now() - sent < 3000) {} // a breakpoint right after the send
  console.log('sent', sent);
} else {
  const msg = await comm.recv(0);
  console.log('arrived', Date.now(), msg);
}`, 2);
    assert.equal(r.code, 0, r.stderr);
    const sent = Number(/^sent (\d+)$/m.exec(r.stdout)?.[1]);
    const arrived = Number(/^arrived (\d+) hello$/m.exec(r.stdout)?.[1]);
    assert.ok(sent > 0 && arrived > 0, r.stdout);
    // Well before the sender's 3 s freeze ends (a loaded machine may take a while to wake the receiver).
    assert.ok(arrived - sent < 1500, `the message arrived ${arrived - sent} ms after the send returned`);
  });

  it('ranks paused 65 s (one before it listens, one mid-run) leave the others alive, and the run ends right', async function () {
    this.timeout(PAUSE_MS + 90_000);
    // A ring of 9 that sleeps 200 ms a hop, as in the report. Rank 2 stops itself before its
    // runtime starts, as a debugger holds a rank at its first line: rank 1 waits to reach it.
    // Rank 5 is stopped by this test once it runs.
    const file = program(`if (process.env.RANKSCOPE_RANK === '2') {
  console.log('stopping', process.pid);
  process.kill(process.pid, 'SIGSTOP');
}
const { MPI } = await import('rankscope/mpi');
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
if (rank === 5) console.log('running', process.pid);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let token = 0;
for (let round = 0; round < 2; round++) {
  if (rank !== 0) token = (await comm.recv((rank + size - 1) % size)) + rank;
  await sleep(200);
  await comm.send(token, (rank + 1) % size);
  if (rank === 0) token = await comm.recv(size - 1);
}
console.log('done', rank, rank === 0 ? token : '');`);
    const child = spawn(process.execPath, [CLI, 'run', '-n', '9', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const pids = await new Promise<{ stopping: number; running: number }>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        stdout += c;
        const stopping = /^stopping (\d+)$/m.exec(stdout);
        const running = /^running (\d+)$/m.exec(stdout);
        if (stopping && running) resolve({ stopping: Number(stopping[1]), running: Number(running[1]) });
      });
      void exited.then((code) => reject(new Error(`the run ended (${code}) before both ranks said their pids\n${stdout}\n${stderr}`)));
    });
    process.kill(pids.running, 'SIGSTOP');
    let code: number | null;
    try {
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      assert.equal(child.exitCode, null, `the run ended while ranks were paused:\n${stdout}\n${stderr}`);
      for (const pid of [pids.stopping, pids.running]) process.kill(pid, 'SIGCONT');
      code = await exited;
    } finally {
      // A failed assertion leaves nothing behind: the launcher stops its ranks, stopped or not.
      if (child.exitCode === null) child.kill('SIGTERM');
      for (const pid of [pids.stopping, pids.running]) tryKill(pid, 'SIGCONT');
    }
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const done = sortedLines(stdout).filter((l) => l.startsWith('done'));
    assert.deepEqual(done, ['done 0 72', ...[1, 2, 3, 4, 5, 6, 7, 8].map((r) => `done ${r} `)]);
  });
});

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // exited already
  }
}
