// CorrBench coll/ArgError-MPIReduce-Type-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements to reduce. (line 16)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.UNSIGNED], [global_sum, 1, MPI.UNSIGNED], MPI.SUM, 0);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


