// CorrBench conflo/coll/ArgError-MPIGather-RecvBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Illegal receive buffer (null pointer). line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
let global_sum = null;

let root = 0;

if (argc == 1) {
  global_sum = null;
} else {
  global_sum = new Int32Array(2); // C: malloc(2 * sizeof(int))
}
await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);



