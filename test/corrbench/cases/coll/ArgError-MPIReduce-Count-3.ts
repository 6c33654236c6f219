// CorrBench coll/ArgError-MPIReduce-Count-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Reduce call data types do not match. (line 20)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(5); local_sum.set([4, 4, 4, 4, 4]);
const global_sum = new Int32Array(5);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);
} else {
  await MPI.COMM_WORLD.Reduce([local_sum, 5, MPI.INT], [global_sum, 5, MPI.INT], MPI.SUM, 0);
}

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


