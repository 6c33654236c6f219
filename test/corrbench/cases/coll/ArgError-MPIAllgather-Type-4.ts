// CorrBench coll/ArgError-MPIAllgather-Type-4.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Wrong type specified for send buffer in MPI_Allgather. line 17
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(4);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

await MPI.COMM_WORLD.Allgather([local_sum, 1, MPI.UNSIGNED], [global_sum, 1, MPI.UNSIGNED]);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


