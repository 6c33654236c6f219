// CorrBench conflo/coll/ArgError-MPIReduce-Count.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements to reduce. (line 16)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let buff_size = 1;
if (argc == 1) {
  buff_size = -1;
} else {
  buff_size = 1;
}

await MPI.COMM_WORLD.Reduce([local_sum, buff_size, MPI.INT], [global_sum, buff_size, MPI.INT], MPI.SUM, 0);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


