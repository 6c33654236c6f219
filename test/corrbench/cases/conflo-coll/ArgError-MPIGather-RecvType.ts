// CorrBench conflo/coll/ArgError-MPIGather-RecvType.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Host language recv buffer type and MPI type don't agree. line 17
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

await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 1, recv_t], root);


