// CorrBench coll/ArgMismatch-MPIReduce-Op.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Operations of Reduce Calls do not match. (line 19/21)
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);
} else {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.MAX, 0);
}

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


