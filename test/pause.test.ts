/**
 * A pause breaks nothing: a rank whose event loop stops (a breakpoint, a busy-wait, SIGSTOP) has
 * already sent what its returned sends sent, and no deadline of the runtime or the launcher fires
 * because some process was paused, however long.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runJob } from './helpers/run-job.js';
import { program, runProgram, sortedLines } from './helpers/run-cli.js';

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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-pause-'));
    // Rank 2 stops before Node starts, as a debugger holds a rank at its first line (before its
    // runtime listens for peers): rank 1 waits to reach it. Rank 5 is stopped by this test once it runs.
    const node = path.join(dir, 'node.sh');
    fs.writeFileSync(node, `#!/bin/sh\nif [ "$RANKSCOPE_RANK" = 2 ]; then echo $$ > "${dir}/r2.pid"; kill -STOP $$; fi\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    // A ring of 9 that sleeps 200 ms a hop, as in the report.
    const file = program(`import { MPI } from 'rankscope/mpi';
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
    let stdout = '';
    let stderr = '';
    let sawRank5: (pid: number) => void = () => {};
    const rank5 = new Promise<number>((resolve) => (sawRank5 = resolve));
    let ended = false;
    const run = runJob({ program: file, np: 9, node, stdout: (t) => { stdout += t; sawPid(); }, stderr: (t) => (stderr += t) }).finally(() => (ended = true));
    function sawPid(): void {
      const m = /^running (\d+)$/m.exec(stdout);
      if (m) sawRank5(Number(m[1]));
    }
    const pids = [await readPid(path.join(dir, 'r2.pid')), await rank5];
    process.kill(pids[1], 'SIGSTOP');
    try {
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      assert.equal(ended, false, `the run ended while ranks were paused:\n${stdout}\n${stderr}`);
    } finally {
      for (const pid of pids) tryKill(pid, 'SIGCONT');
    }
    const result = await run;
    assert.equal(result.exitCode, 0, stderr);
    assert.equal(stderr, '');
    const done = sortedLines(stdout).filter((l) => l.startsWith('done'));
    assert.deepEqual(done, ['done 0 72', ...[1, 2, 3, 4, 5, 6, 7, 8].map((r) => `done ${r} `)]);
  });
});


describe('a peer that never listens', () => {
  it('a send to a rank that exited before it listened returns once the launcher has seen it go', async function () {
    this.timeout(60_000);
    // Rank 2's process ends before Node starts: it never listens. Only its exit, which the
    // launcher sees, tells rank 1 to stop waiting for it (there is no deadline to wait out).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-pause-'));
    const node = path.join(dir, 'node.sh');
    fs.writeFileSync(node, `#!/bin/sh\nif [ "$RANKSCOPE_RANK" = 2 ]; then exit 0; fi\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    const file = program(`import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
if (comm.Get_rank() === 1) {
  await comm.send('to nobody', 2);
  console.log('sent');
}`);
    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const result = await runJob({ program: file, np: 3, node, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    assert.equal(stdout, 'sent\n', stderr);
    assert.equal(result.exitCode, 0, stderr);
    assert.match(stderr, /rank 1 → rank 2: 1 \(tag 0/);
    // Well before the 60 s a connect once waited (a loaded machine may be slow to start ranks).
    assert.ok(Date.now() - started < 30_000, `the run took ${Date.now() - started} ms`);
  });
});

/** The pid a process wrote to `file`, once it has. */
async function readPid(file: string): Promise<number> {
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    if (text) return Number(text);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // exited already
  }
}
