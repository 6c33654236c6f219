// CorrBench coll/ArgError-MPIGather-Communicator-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI.COMM_NULL used in communication. line 17.
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);

let root = 0;

await MPI.COMM_NULL.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


