// CorrBench coll/ArgError-MPIReduce-Type-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements to reduce. (line 16)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let null_type = MPI.DATATYPE_NULL; // C: a NULL MPI_Datatype (null here means "infer", as mpi4py's None)
await MPI.COMM_WORLD.Reduce([local_sum, 1, null_type], [global_sum, 1, null_type], MPI.SUM, 0);

if (myRank == 0) {
  console.log("Result: %d", global_sum[0]);
}


