// CorrBench coll/ArgError-MPIScatter-Count-4.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements specified to receive. (line 16)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(2); local_sum.set([1, 1]);
const global_sum = new Int32Array([0]);

let root = 0;

await MPI.COMM_WORLD.Scatter([local_sum, 1, MPI.INT], [global_sum, -1, MPI.INT], root);


