// CorrBench conflo/coll/ArgError-MPIScatter-Count-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * scatter has wrong number of elements for recv buffer. (line 16)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

let root = 0;

let num_elems = 1;
if (argc == 1) {
  num_elems = 3;
} else {
  num_elems = 1;
}

await MPI.COMM_WORLD.Scatter([local_sum, 1, MPI.INT], [global_sum, num_elems, MPI.INT], root);


