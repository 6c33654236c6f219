// CorrBench correct/pt2pt/huge_anysrc.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const N_TRY = 32;
const BLKSIZE = 10 * 1024 * 1024;
const reqs: any[] = new Array(N_TRY);
MTest_Init();
const buff = new Uint8Array(N_TRY * BLKSIZE).fill(0xff); // C: memset(buff, -1, …)
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const dest = size - 1;
if (rank == 0) {
  for (let i = 0; i < N_TRY; i++) reqs[i] = MPI.COMM_WORLD.Isend([buff.subarray(BLKSIZE * i), BLKSIZE, MPI.BYTE], dest, 0);
  await MPI.Request.Waitall(reqs);
} else if (rank == dest) {
  for (let i = 0; i < N_TRY; i++) reqs[i] = MPI.COMM_WORLD.Irecv([buff.subarray(BLKSIZE * i), BLKSIZE, MPI.BYTE], MPI.ANY_SOURCE, 0);
  await MPI.Request.Waitall(reqs);
}
await MTest_Finalize(0);
