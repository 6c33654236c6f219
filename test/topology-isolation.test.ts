/**
 * Neighbour-collective messages live in the collective context, as MPI requires: a user's
 * receive with ANY_SOURCE and ANY_TAG on the same communicator never takes one, and the deadlock
 * detector does not count one in flight as something that user receive could take.
 */
import { strict as assert } from 'node:assert';
import { runProgram, sortedLines } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n`;

describe('neighbour messages are apart from user messages', () => {
  it('an irecv(ANY_SOURCE, ANY_TAG) posted before Neighbor_alltoall gets the user message, not neighbour data', async () => {
    const r = await runProgram(`${HEAD}const cart = (await comm.Create_cart([2], { periods: [true] }))!;
const req = cart.irecv({ source: MPI.ANY_SOURCE, tag: MPI.ANY_TAG });
const recv = new Int32Array(2);
await cart.Neighbor_alltoall(new Int32Array([comm.rank * 10, comm.rank * 10 + 1]), recv);
await cart.send(\`user from \${comm.rank}\`, 1 - comm.rank, 7);
console.log(comm.rank, Array.from(recv).join(','), await req.wait());
`, 2);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['0 11,10 user from 1', '1 1,0 user from 0']);
  });

  it('a user deadlock beside a neighbour message in flight is still reported', async () => {
    // Rank 1 sends its neighbour message to rank 0 and then waits for a user message rank 0 never
    // sends; rank 0 waits in recv(ANY_SOURCE, ANY_TAG) on the same communicator. The neighbour
    // message cannot release that receive, so this is a deadlock.
    const r = await runProgram(`${HEAD}const g = await comm.Create_dist_graph_adjacent(comm.rank === 0 ? [1] : [], comm.rank === 1 ? [0] : []);
if (comm.rank === 1) {
  const req = g.Ineighbor_allgather(new Int32Array([5]), new Int32Array(0));
  await g.recv(0, 3);
  await req.Wait();
} else {
  await g.recv(MPI.ANY_SOURCE, MPI.ANY_TAG);
}
`, 2);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /rank 0: recv/);
    assert.match(r.stderr, /rank 1: recv/);
  });
});
