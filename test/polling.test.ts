/**
 * Polling loops make progress: a synchronous `Test()` or `iprobe()` in a loop that never yields
 * sees a message that has reached the rank, eager or rendezvous, and a loop that can never succeed
 * is reported by the deadlock detector as waiting in that call (not taken for a rank computing).
 * Every loop here has no `await` in it: before, each one spun forever.
 */
import * as assert from 'node:assert/strict';
import { program, runCli, sortedLines } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nconst rank = comm.rank;\n`;
/** A hang fails the test well within mocha's own timeout, with what the ranks printed. */
const RUN = { timeoutMs: 40_000 };

async function run(body: string, np: number) {
  return runCli(['run', '-n', String(np), program(HEAD + body)], RUN);
}

/** The 1-based line of `marker` in the program `HEAD + body`. */
function lineOf(body: string, marker: string): number {
  return (HEAD + body).split('\n').findIndex((l) => l.includes(marker)) + 1;
}

describe('polling loops make progress', function () {
  this.timeout(60_000);

  it('Isend → a `while (!req.Test()) {}` loop ends, on both sides, also with lower-case test()', async () => {
    const r = await run(`if (rank === 0) {
  const s = comm.Isend(new Int32Array([1, 2, 3]), 1, 0);
  while (!s.Test()) {}
  const o = comm.isend({ hello: 'world' }, 1, 1);
  while (!o.test()[0]) {}
  console.log('sent');
} else {
  const buf = new Int32Array(3);
  const req = comm.Irecv(buf, 0, 0);
  while (!req.Test()) {}
  const o = comm.irecv(0, 1);
  let t: [boolean, unknown];
  while (!(t = o.test())[0]) {}
  console.log('got', buf.join(','), JSON.stringify(t[1]));
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['got 1,2,3 {"hello":"world"}', 'sent']);
  });

  it('`while (!comm.iprobe({ source: 0, tag: 0 })) {}` ends, and recv then takes the message; Iprobe and Improbe too', async () => {
    const r = await run(`if (rank === 0) {
  await comm.send({ n: 1 }, 1, 0);
  await comm.Send(new Float64Array([2.5]), 1, 3);
  await comm.send('three', 1, 4);
} else {
  while (!comm.iprobe({ source: 0, tag: 0 })) {}
  const first = await comm.recv({ source: 0, tag: 0 });
  const status = new MPI.Status();
  while (!comm.Iprobe(0, 3, status)) {}
  const buf = new Float64Array(status.Get_count(MPI.DOUBLE));
  await comm.Recv(buf, 0, 3);
  let m: any;
  while (!(m = comm.Improbe(0, 4))) {}
  console.log(JSON.stringify(first), buf[0], await m.recv());
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '{"n":1} 2.5 three');
  });

  it('a rendezvous-size Irecv is completed by a Test loop (the Cts leaves, the payload is read in the loop)', async () => {
    const r = await run(`const n = 1 << 18; // 2 MiB, far above the eager limit
if (rank === 0) {
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  await comm.Send(data, 1, 0);
} else {
  const buf = new Float64Array(n);
  const req = comm.Irecv(buf, 0, 0);
  let polls = 0;
  while (!req.Test()) polls++;
  let ok = true;
  for (let i = 0; i < n; i++) if (buf[i] !== i) ok = false;
  console.log('received', ok);
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'received true');
  });

  it('a rendezvous-size Isend is completed by a Test loop: the payload the socket cannot take at once is written on in the loop', async () => {
    const r = await run(`const n = 1 << 18; // 2 MiB: far more than a socket buffer holds
const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
if (rank === 0) {
  const data = new Float64Array(n).fill(1);
  const a = comm.Isend(data, 1, 0); // the receiver waits in Recv
  while (!a.Test()) {}
  const b = comm.Isend(data, 1, 1); // the receiver polls too
  while (!b.Test()) {}
  console.log('sent');
} else {
  const buf = new Float64Array(n);
  await comm.Recv(buf, 0, 0);
  const first = sum(buf);
  buf.fill(0);
  const req = comm.Irecv(buf, 0, 1);
  while (!req.Test()) {}
  console.log('received', first, sum(buf));
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), [`received ${1 << 18} ${1 << 18}`, 'sent']);
  });

  it('ranks spinning on Test of an Irecv nobody sends are reported as a deadlock in that Test', async () => {
    const body = `const peer = 1 - rank;
const req = comm.irecv({ source: peer, tag: 7 });
while (!req.Test()) {} // @spin
`;
    const r = await run(body, 2);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /deadlock detected/);
    for (const me of [0, 1]) {
      assert.match(r.stderr, new RegExp(`rank ${me}: Test\\(source=${1 - me}, tag=7\\) at .*prog\\.ts:${lineOf(body, '@spin')}`));
    }
  });

  it('a rank spinning on iprobe for a message that never comes, against one blocked in recv, is a deadlock', async () => {
    const body = `if (rank === 0) {
  while (!comm.iprobe(1, 5)) {} // @spin
} else {
  await comm.recv({ source: 0, tag: 1 }); // @recv
}
`;
    const r = await run(body, 2);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, new RegExp(`rank 0: iprobe\\(source=1, tag=5\\) at .*prog\\.ts:${lineOf(body, '@spin')}`));
    assert.match(r.stderr, new RegExp(`rank 1: recv\\(source=0, tag=1\\) at .*prog\\.ts:${lineOf(body, '@recv')}`));
  });

  it('a polling loop that waits a while for a computing peer is no deadlock', async () => {
    const r = await run(`if (rank === 0) {
  const until = Date.now() + 2500; // longer than a poll takes to count as blocked
  while (Date.now() < until) {}
  await comm.send('late', 1, 0);
} else {
  const req = comm.irecv(0, 0);
  let t: [boolean, unknown];
  while (!(t = req.test())[0]) {}
  console.log(t[1]);
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'late');
  });
});
