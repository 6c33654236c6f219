// CorrBench conflo/coll/ArgMismatch-MPIReduce-Count.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Too many elements in Reduce call. (line 20)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
let offset = 0xff;
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let num_elems = 1;
if (argc == 1) {
  num_elems = 2;
} else {
  num_elems = 1;
}

if (myRank == 0) {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);
} else {
  await MPI.COMM_WORLD.Reduce([local_sum, num_elems, MPI.INT], [global_sum, num_elems, MPI.INT], MPI.SUM, 0);
}

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


