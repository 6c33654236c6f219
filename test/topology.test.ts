/**
 * Process topologies and neighbour collectives beyond what mpi4py's tests check: the block order
 * of a Cartesian exchange where both neighbours are one rank, PROC_NULL edges, and a neighbour
 * that never sends reported as a deadlock (not a hang), naming each rank's latest call.
 */
import { strict as assert } from 'node:assert';
import { runProgram, sortedLines } from './helpers/run-cli.js';

const HEAD = `import { MPI } from 'rankscope/mpi';\nconst comm = MPI.COMM_WORLD;\n`;

describe('topologies and neighbour collectives', () => {
  it('a periodic dimension of 2: the block sent up lands in the receiver\'s "from below" block', async () => {
    const r = await runProgram(`${HEAD}const cart = (await comm.Create_cart([2], { periods: [true] }))!;
const got = await cart.neighbor_alltoall([\`\${comm.rank} down\`, \`\${comm.rank} up\`]);
console.log(comm.rank, JSON.stringify(got));
`, 2);
    assert.equal(r.code, 0, r.stderr);
    // Block 0 comes from the neighbour below (it sent it "up"), block 1 from the one above.
    assert.deepEqual(sortedLines(r.stdout), ['0 ["1 up","1 down"]', '1 ["0 up","0 down"]']);
  });

  it('off a non-periodic edge Shift gives PROC_NULL, and that receive block is left as it was', async () => {
    const r = await runProgram(`${HEAD}const cart = (await comm.Create_cart([comm.size], { periods: [false] }))!;
const [src, dst] = cart.Shift(0, 1);
const recv = new Int32Array([-1, -1]);
await cart.Neighbor_alltoall(new Int32Array([comm.rank * 10, comm.rank * 10 + 1]), recv);
console.log(comm.rank, src, dst, Array.from(recv).join(','), JSON.stringify(await cart.neighbor_allgather(comm.rank)));
`, 3);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['0 -2 1 -1,10 [null,1]', '1 0 2 1,20 [0,2]', '2 1 -2 11,-1 [1,null]']);
  });

  it('Dup of a topology keeps it (a Cartcomm stays a Cartcomm) and gets its own messages', async () => {
    const r = await runProgram(`${HEAD}const cart = (await comm.Create_cart([comm.size], { periods: [true] }))!;
const dup = await cart.Dup();
const [a, b] = await Promise.all([dup.neighbor_allgather('dup'), cart.neighbor_allgather('cart')]);
console.log(comm.rank, dup instanceof MPI.Cartcomm, dup.topology === MPI.CART, JSON.stringify(dup.coords), a.join(), b.join());
`, 3);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), [0, 1, 2].map((i) => `${i} true true [${i}] dup,dup cart,cart`));
  });

  it('Create_cart without await: the report says to await it', async () => {
    const r = await runProgram(`${HEAD}const cart = comm.Create_cart([comm.size]) as any;
console.log(cart.Shift(0, 1));
`, 2);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /hint: if `cart` came from comm\.Create_cart\(\) or cart\.Sub\(\), it is a Promise: await it/);
  });

  it('a neighbour that never sends: a deadlock report naming the call and the rank, status 86', async () => {
    const r = await runProgram(`${HEAD}const g = await comm.Create_dist_graph_adjacent(comm.rank === 0 ? [1] : [], []);
await g.neighbor_allgather(comm.rank);
`, 2);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /rank 0: neighbor_allgather\(\) at .*prog\.ts:4/);
    assert.match(r.stderr, /waits for rank 1, which has finished/);
  });

  it('a rank skipping neighbor_alltoall: a collective error (87) naming each other rank in its latest call, not Create_cart', async () => {
    const r = await runProgram(`${HEAD}const cart = (await comm.Create_cart([comm.size], { periods: [true] }))!;
if (comm.rank !== 2) await cart.neighbor_alltoall([comm.rank, comm.rank]);
`, 3);
    assert.equal(r.code, 87, r.stderr);
    assert.match(r.stderr, /neighbor_alltoall \(collective call #1\) was never entered by rank 2, which has exited/);
    assert.doesNotMatch(r.stderr, /Create_cart/);
    assert.match(r.stderr, /rank 0: neighbor_alltoall\(\) at .*prog\.ts:4/);
    assert.match(r.stderr, /rank 1: neighbor_alltoall\(\) at .*prog\.ts:4/);
  });
});
