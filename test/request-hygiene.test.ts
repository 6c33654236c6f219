/**
 * Requests never completed: MPI requires every nonblocking call's request to be waited, tested to
 * completion or freed. A rank that ends with some open is warned of, each with its call and line;
 * requests completed in any of MPI's ways, or taken over by a combined request, are not.
 */
import { strict as assert } from 'node:assert';
import { runProgram } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n`; // body on line 3

describe('requests never completed', () => {
  it('an Isend, an Irecv and an Ibarrier left open are named with their lines when the rank ends', async () => {
    const r = await runProgram(`${HEAD}if (comm.rank === 0) comm.Isend(new Float64Array(4), 1, 3);
else { comm.Irecv(new Float64Array(4), 0, 3); comm.Ibarrier(); }
if (comm.rank === 0) await comm.Ibarrier().Wait();
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /rankscope: warning: rank 0 ended with 1 request never completed:\n  Isend\(dest=1, tag=3\) at .*prog\.ts:3\n/);
    assert.match(r.stderr, /rankscope: warning: rank 1 ended with 2 requests never completed:\n  Irecv\(source=0, tag=3\) at .*prog\.ts:4\n  Ibarrier\(\) at .*prog\.ts:4\n/);
  });

  it('wait, Waitall, a successful test, Free, Isendrecv and buffered sends leave nothing open', async () => {
    const r = await runProgram(`${HEAD}const other = 1 - comm.rank;
await comm.isend('a', other, 1).wait(); await comm.irecv({ source: other, tag: 1 }).wait();
await MPI.Request.Waitall([comm.Isend(new Int32Array(2), other, 2), comm.Irecv(new Int32Array(2), other, 2)]);
const t = comm.irecv({ source: other, tag: 3 }); comm.isend('c', other, 3).Free();
while (!t.test()[0]) await new Promise((res) => setTimeout(res, 1));
await comm.Isendrecv(new Int32Array(2), other, 4, new Int32Array(2), other, 4).Wait();
MPI.Attach_buffer(new Uint8Array(1 << 16)); comm.bsend('d', other, 5); await comm.recv({ source: other, tag: 5 }); await MPI.Detach_buffer();
console.log('done', comm.rank);
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.match(/done/g)?.length, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /never completed/);
  });

  it('a send buffer written before its wait is warned of with the Isend line; overlapping pending Irecv buffers are warned of at the second', async () => {
    const r = await runProgram(`${HEAD}const b = new Int32Array(1000).fill(1);
if (comm.rank === 0) { const q = comm.Isend(b, 1, 0); b[0] = 10; await q.Wait(); await comm.Send(b, 1, 1); await comm.Send(b.subarray(0, 500), 1, 2); }
else {
  await comm.Recv(b, 0, 0);
  const first = comm.Irecv(b, 0, 1);
  const second = comm.Irecv(b.subarray(500), 0, 2);
  await first.Wait(); await second.Wait();
}
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /rankscope: warning: the send buffer of Isend\(dest=1, tag=0\) at .*prog\.ts:4 was changed before its request completed/);
    assert.match(r.stderr, /rankscope: warning: the receive buffer of Irecv\(source=0, tag=2\) at .*prog\.ts:8 overlaps that of Irecv\(source=0, tag=1\) at .*prog\.ts:7, which is still pending/);
  });
});
