// CorrBench conflo/coll/ArgError-MPIReduce-RecvBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
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

let output = global_sum;
if (argc == 1) {
  output = null;
} else {
  output = global_sum;
}

await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [output, 1, MPI.INT], MPI.SUM, 0);


