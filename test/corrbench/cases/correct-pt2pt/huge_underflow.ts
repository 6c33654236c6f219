// CorrBench correct/pt2pt/huge_underflow.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const HUGE_SIZE = 10 * 1024 * 1024;
MTest_Init();
const buff = new Int8Array(HUGE_SIZE);
buff[0] = 0;
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const dest = size - 1;
// Underflow: send 1 byte into a receive of HUGE_SIZE.
if (rank == 0) {
  await MPI.COMM_WORLD.Send([buff, 1, MPI.BYTE], dest, 0);
} else if (rank == dest) {
  await MPI.COMM_WORLD.Recv([buff, HUGE_SIZE, MPI.BYTE], 0, 0);
}
await MPI.COMM_WORLD.Barrier();
await MTest_Finalize(0);
