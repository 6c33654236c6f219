// CorrBench coll/ArgError-MPIScatter-SendBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * send buffer is null pointer on host. (line 16)
 */
let myRank = 0;
let numProcs = 0;

let local_sum = null;
const global_sum = new Int32Array([0]);

let root = 0;

await MPI.COMM_WORLD.Scatter([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


