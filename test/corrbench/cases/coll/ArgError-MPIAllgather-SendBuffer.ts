// CorrBench coll/ArgError-MPIAllgather-SendBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Null pointer as send buffer in MPI_Allgather. line 18
 *
 */
let myRank = 0;
let numProcs = 0;

let local_sum = null;
const global_sum = new Int32Array(2);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

await MPI.COMM_WORLD.Allgather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT]);

if (myRank == 0) {
  console.log("Result: %d", global_sum);
}


