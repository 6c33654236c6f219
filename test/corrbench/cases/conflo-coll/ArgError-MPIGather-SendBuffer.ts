// CorrBench conflo/coll/ArgError-MPIGather-SendBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Illegal send buffer (null pointer). line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

let local_sum = null;
const global_sum = new Int32Array(2);

let root = 0;

if (argc == 1) {
  local_sum = null;
} else {
  local_sum = new Int32Array(1); // C: malloc(sizeof(int))
}
await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


