// CorrBench conflo/coll/ArgError-MPIGather-SendType.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Host language buffer types and MPI types don't agree. line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);

let root = 0;
let recv_t = MPI.INT;
if (argc == 1) {
  recv_t = MPI.CHAR;
} else {
  recv_t = MPI.INT;
}

await MPI.COMM_WORLD.Gather([local_sum, 1, recv_t], [global_sum, 1, MPI.INT], root);


