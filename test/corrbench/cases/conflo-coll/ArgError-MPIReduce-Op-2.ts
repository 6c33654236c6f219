// CorrBench conflo/coll/ArgError-MPIReduce-Op-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI_Reduce has an invalid operation. (line 23)
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_f = new Float32Array([3.41]);
const global_sum = new Float32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let op = MPI.SUM;
if (argc == 1) {
  op = MPI.LXOR;
} else {
  op = MPI.SUM;
}
await MPI.COMM_WORLD.Reduce([local_f, 1, MPI.FLOAT], [global_sum, 1, MPI.FLOAT], op, 0);

if (myRank == 0) {
  console.log("Result: %f", global_sum[0]);
}


