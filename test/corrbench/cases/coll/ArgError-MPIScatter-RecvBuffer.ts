// CorrBench coll/ArgError-MPIScatter-RecvBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * receive buffer is null on host. (line 16)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(2); local_sum.set([1, 1]);
let global_sum = null;

let root = 0;

await MPI.COMM_WORLD.Scatter([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


