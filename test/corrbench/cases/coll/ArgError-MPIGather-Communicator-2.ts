// CorrBench coll/ArgError-MPIGather-Communicator-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Communicator is null pointer. line 18
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);

let root = 0;

let null_comm = null;
await null_comm.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);


