// CorrBench conflo/coll/ArgError-MPIGather-SendCount-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Wrong number of elements to send. line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);
let num_elems = 1;

let root = 0;

if (argc == 1) {
  num_elems = 2;
} else {
  num_elems = 1;
}

await MPI.COMM_WORLD.Gather([local_sum, num_elems, MPI.INT], [global_sum, 1, MPI.INT], root);


