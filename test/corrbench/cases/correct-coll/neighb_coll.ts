// CorrBench correct/coll/neighb_coll.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

import assert from 'node:assert';
// The five neighbourhood collectives on a 1-D non-periodic Cartesian communicator (TEST_NEIGHB_COLL: MPICH).
let errs = 0;
const check = (ok: boolean, what: string) => { if (!ok) { ++errs; if (errs < 10) console.error(`check failed: (${what})`); } };
MTest_Init();
const wrank = MPI.COMM_WORLD.Get_rank();
const wsize = MPI.COMM_WORLD.Get_size();
const DEAD = 0xdeadbeef | 0; // C: int recvbuf[2] = {0xdeadbeef, 0xdeadbeef}
const cart = await MPI.COMM_WORLD.Create_cart([wsize], { periods: [false], reorder: false });
{
  const sendbuf = new Int32Array([wrank]);
  const recvbuf = new Int32Array([DEAD, DEAD]);
  // One send to each neighbour (rank-1 and rank+1), one receive from each.
  await cart.Neighbor_allgather([sendbuf, 1, MPI.INT], [recvbuf, 1, MPI.INT]);
  check(wrank == 0 ? recvbuf[0] == DEAD : recvbuf[0] == wrank - 1, 'allgather [0]');
  check(wrank == wsize - 1 ? recvbuf[1] == DEAD : recvbuf[1] == wrank + 1, 'allgather [1]');
}
{
  const sendbuf = new Int32Array([wrank]);
  const recvbuf = new Int32Array([DEAD, DEAD]);
  await cart.Neighbor_allgatherv([sendbuf, 1, MPI.INT], [recvbuf, [[1, 1], [1, 0]], MPI.INT]);
  check(wrank == 0 ? recvbuf[1] == DEAD : recvbuf[1] == wrank - 1, 'allgatherv [1]');
  check(wrank == wsize - 1 ? recvbuf[0] == DEAD : recvbuf[0] == wrank + 1, 'allgatherv [0]');
}
{
  const sendbuf = new Int32Array([-(wrank + 1), wrank + 1]);
  const recvbuf = new Int32Array([DEAD, DEAD]);
  await cart.Neighbor_alltoall([sendbuf, 1, MPI.INT], [recvbuf, 1, MPI.INT]);
  check(wrank == 0 ? recvbuf[0] == DEAD : recvbuf[0] == wrank, 'alltoall [0]');
  check(wrank == wsize - 1 ? recvbuf[1] == DEAD : recvbuf[1] == -(wrank + 2), 'alltoall [1]');
}
{
  const sendbuf = new Int32Array([-(wrank + 1), wrank + 1]);
  const recvbuf = new Int32Array([DEAD, DEAD]);
  await cart.Neighbor_alltoallv([sendbuf, [[1, 1], [0, 1]], MPI.INT], [recvbuf, [[1, 1], [1, 0]], MPI.INT]);
  check(wrank == 0 ? recvbuf[1] == DEAD : recvbuf[1] == wrank, 'alltoallv [1]');
  check(wrank == wsize - 1 ? recvbuf[0] == DEAD : recvbuf[0] == -(wrank + 2), 'alltoallv [0]');
}
{
  const sendbuf = new Int32Array([-(wrank + 1), wrank + 1]);
  const recvbuf = new Int32Array([DEAD, DEAD]);
  // Displacements in bytes (MPI_Aint): {0, sizeof(int)} and {sizeof(int), 0}.
  await cart.Neighbor_alltoallw([sendbuf, [[1, 1], [0, 4]], [MPI.INT, MPI.INT]], [recvbuf, [[1, 1], [4, 0]], [MPI.INT, MPI.INT]]);
  check(wrank == 0 ? recvbuf[1] == DEAD : recvbuf[1] == wrank, 'alltoallw [1]');
  check(wrank == wsize - 1 ? recvbuf[0] == DEAD : recvbuf[0] == -(wrank + 2), 'alltoallw [0]');
}
assert(cart);
cart.Free();
await MTest_Finalize(errs);
