// CorrBench conflo/coll/ArgError-MPIAllgather-SendCount.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Wrong number of elements to send in MPI_Allgather. line 17
 *
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);
let num_elements = 1;

if (argc != 1) {  // always provoke the error
  num_elements = 1;
} else {
  num_elements = 2;
}
await MPI.COMM_WORLD.Allgather([local_sum, num_elements, MPI.INT], [global_sum, 1, MPI.INT]);

if (myRank == 0) {
  console.log("Result: %d %d\n", global_sum[0], global_sum[1]);
}


