// CorrBench coll/ArgError-MPIGather-Type-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Wrong MPI_Type specified for send buffer. line 17.
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);

let root = 0;

await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.DOUBLE], [global_sum, 1, MPI.INT], root);


