// CorrBench conflo/coll/ArgError-MPIGather-SendCount-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements to send. line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);
let num_elemns = 1;

let root = 0;

if (argc == 1) {
  num_elemns = -1;
} else {
  num_elemns = 1;
}
await MPI.COMM_WORLD.Gather([local_sum, num_elemns, MPI.INT], [global_sum, 1, MPI.INT], root);


