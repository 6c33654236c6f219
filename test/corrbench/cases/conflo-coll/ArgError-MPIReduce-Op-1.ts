// CorrBench conflo/coll/ArgError-MPIReduce-Op-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI_Reduce has a null pointer argument, line 19
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let op = MPI.SUM;
if (argc == 1) {
  op = null;
} else {
  op = MPI.SUM;
}
await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], op, 0);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


