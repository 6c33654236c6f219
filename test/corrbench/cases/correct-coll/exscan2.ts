// CorrBench correct/coll/exscan2.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let errs = 0;
const sendbuf = new Int32Array(1);
const recvbuf = new Int32Array(1);
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
sendbuf[0] = rank;
recvbuf[0] = -2;
await comm.Exscan([sendbuf, 1, MPI.INT], [recvbuf, 1, MPI.INT], MPI.SUM);
// Rank 0 has no data: its receive buffer stays as it was.
if (rank > 0) {
  const result = (rank * (rank - 1)) / 2;
  if (recvbuf[0] != result) { errs++; console.error(`Error in recvbuf = ${recvbuf[0]} on ${rank}, expected ${result}`); }
} else if (recvbuf[0] != -2) {
  errs++;
  console.error(`Error in recvbuf on zero, is ${recvbuf[0]}`);
}
await MTest_Finalize(errs);
