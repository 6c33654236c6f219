// CorrBench coll/ArgError-MPIGather-SendBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Illegal send buffer (null pointer). line 17
 *
 */
let myRank = 0;
let numProcs = 0;

let local_sum = null;
const global_sum = new Int32Array(2);

let root = 0;

await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


