// CorrBench coll/ArgMismatch-MPIReduce-Count.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * number elements in Reduce call does not match. (line 18/20)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(2); local_sum.set([4, 2]);
const global_sum = new Int32Array(2);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);
} else {
  await MPI.COMM_WORLD.Reduce([local_sum, 2, MPI.INT], [global_sum, 2, MPI.INT], MPI.SUM, 0);
}

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


