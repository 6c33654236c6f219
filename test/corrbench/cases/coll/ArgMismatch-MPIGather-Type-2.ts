// CorrBench coll/ArgMismatch-MPIGather-Type-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Host language recv buffer type and MPI type don't agree. line 17
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

let root = 0;

await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 4, MPI.CHAR], root);


