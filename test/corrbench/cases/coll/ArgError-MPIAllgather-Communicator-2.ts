// CorrBench coll/ArgError-MPIAllgather-Communicator-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI communicator for Allgather is null. line 17
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(4);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let null_comm = null;
await null_comm.Allgather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT]);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


