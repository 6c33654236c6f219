/**
 * MPI 4.1 buffered-send buffers, on real ranks through the CLI: the version the runtime reports;
 * a communicator's own buffer (`comm.Attach_buffer`) taking precedence over the process's, with its
 * own budget; `MPI.BUFFER_AUTOMATIC`; `Flush_buffer`/`Iflush_buffer` waiting for a buffered
 * rendezvous send until its receive is posted, and reported by the deadlock detector when it never
 * is; and the errors, which name the call.
 */
import * as assert from 'node:assert/strict';
import { program, runCli, sortedLines } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\nconst rank = comm.rank;\n`;

/** Runs `source` on `n` ranks and returns each rank's one JSON line, in rank order. */
async function run(n: number, source: string): Promise<any[]> {
  const r = await runCli(['run', '-n', String(n), program(`${HEAD}${source}`)]);
  assert.equal(r.code, 0, r.stderr);
  return sortedLines(r.stdout).map((l) => JSON.parse(l));
}

describe('MPI 4.1 buffers for buffered sends', function () {
  this.timeout(120_000);

  it('reports MPI 4.1', async () => {
    const [line] = await run(1, `
console.log(JSON.stringify({ v: MPI.Get_version(), V: MPI.VERSION, S: MPI.SUBVERSION, lib: MPI.Get_library_version() }));
`);
    assert.deepEqual([line.v, line.V, line.S], [[4, 1], 4, 1]);
    assert.match(line.lib, /Rankscope MPI 4\.1/);
  });

  it("a communicator's buffer serves its sends, with its own budget; the process's stays separate", async () => {
    const lines = await run(2, `
const dup = await comm.Dup();
const out: Record<string, unknown> = { rank };
const errName = async (f: () => unknown) => { try { await f(); return 'none'; } catch (e) { return (e as Error).name + ': ' + (e as Error).message.split(':')[0]; } };
if (rank === 0) {
  const buf = MPI.Alloc_mem(2 * (64 + MPI.BSEND_OVERHEAD));
  dup.Attach_buffer(buf);
  out.again = await errName(() => dup.Attach_buffer(buf));
  await dup.Bsend(new Uint8Array(64).fill(1), { dest: 1, tag: 1 });
  await dup.Bsend(new Uint8Array(64).fill(2), { dest: 1, tag: 2 });
  // No process buffer: COMM_WORLD's buffered sends have nowhere to go.
  out.world = await errName(() => comm.bsend('x', { dest: 1 }));
  await dup.Flush_buffer();
  const back = await dup.Detach_buffer();
  out.same = back.buffer === buf.buffer && back.byteLength === buf.byteLength;
  out.detachNone = await errName(() => dup.Detach_buffer());
  MPI.Attach_buffer(MPI.BUFFER_AUTOMATIC);
  await comm.bsend('via the process', { dest: 1, tag: 3 });
  out.auto = (await MPI.Detach_buffer()) === MPI.BUFFER_AUTOMATIC;
  await MPI.Flush_buffer();
  await MPI.Iflush_buffer().Wait();
} else {
  const a = new Uint8Array(64);
  await dup.Recv(a, { source: 0, tag: 1 });
  const b = new Uint8Array(64);
  await dup.Recv(b, { source: 0, tag: 2 });
  out.got = [a[0], b[63], await comm.recv({ source: 0, tag: 3 })];
}
const child = await dup.Dup();
out.childHasNone = await errName(() => child.Detach_buffer());
child.Free();
dup.Free();
out.freed = await errName(() => dup.Flush_buffer());
console.log(JSON.stringify(out));
`);
    assert.deepEqual(lines[0], {
      rank: 0, again: 'BufferError: comm.Attach_buffer', world: 'BufferError: bsend', same: true,
      detachNone: 'BufferError: comm.Detach_buffer', auto: true, childHasNone: 'BufferError: comm.Detach_buffer', freed: 'CommError: Flush_buffer',
    });
    assert.deepEqual(lines[1], { rank: 1, got: [1, 2, 'via the process'], childHasNone: 'BufferError: comm.Detach_buffer', freed: 'CommError: Flush_buffer' });
  });

  it('a full buffer is a BufferError; BUFFER_AUTOMATIC has no limit', async () => {
    const [line] = await run(1, `
const self = MPI.COMM_SELF;
const c = await self.Dup();
c.Attach_buffer(MPI.Alloc_mem(100 + MPI.BSEND_OVERHEAD));
let full = '';
try { await c.Bsend(new Uint8Array(101), { dest: 0 }); } catch (e) { full = (e as Error).name; }
await c.Detach_buffer();
c.Attach_buffer(MPI.BUFFER_AUTOMATIC);
for (let i = 0; i < 10; i++) await c.Bsend(new Uint8Array(10_000), { dest: 0, tag: i });
for (let i = 0; i < 10; i++) await c.Recv(new Uint8Array(10_000), { source: 0, tag: i });
console.log(JSON.stringify({ full, auto: (await c.Detach_buffer()) === MPI.BUFFER_AUTOMATIC }));
`);
    assert.deepEqual(line, { full: 'BufferError', auto: true });
  });

  it('Iflush_buffer completes only once a buffered rendezvous send is received', async () => {
    const lines = await run(2, `
const big = new Uint8Array(MPI.EAGER_LIMIT + 1024);
if (rank === 0) {
  comm.Attach_buffer(MPI.BUFFER_AUTOMATIC);
  await comm.Bsend(big.fill(7), { dest: 1, tag: 5 });
  const req = comm.Iflush_buffer();
  // Rank 1 posts its receive only after this message, so the flush cannot be done yet.
  const before = req.Test();
  await comm.send('go', { dest: 1, tag: 6 });
  await req.Wait();
  await comm.Detach_buffer();
  console.log(JSON.stringify({ rank, before }));
} else {
  await comm.recv({ source: 0, tag: 6 });
  await comm.Recv(big, { source: 0, tag: 5 });
  console.log(JSON.stringify({ rank, last: big[big.length - 1] }));
}
`);
    assert.deepEqual(lines, [{ rank: 0, before: false }, { rank: 1, last: 7 }]);
  });

  it('a Flush_buffer whose buffered message is never received is reported as a deadlock, with its line', async () => {
    const r = await runCli(['run', '-n', '2', program(`${HEAD}
if (rank === 0) {
  comm.Attach_buffer(MPI.BUFFER_AUTOMATIC);
  await comm.Bsend(new Uint8Array(MPI.EAGER_LIMIT + 10), { dest: 1, tag: 3 });
  await comm.Flush_buffer();
} else {
  await comm.recv({ source: 0, tag: 9 });
}
`)]);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /deadlock detected/);
    assert.match(r.stderr, /rank 0: Flush_buffer\(\) at .*prog\.ts:8/);
  });
});
