// CorrBench coll/ArgError-MPIReduce-SendBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI_Reduce has a null pointer argument, line 18
 */

let myRank = 0;
let numProcs = 0;

let local_sum = 4;
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let send_buf = null;
await MPI.COMM_WORLD.Reduce([send_buf, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


