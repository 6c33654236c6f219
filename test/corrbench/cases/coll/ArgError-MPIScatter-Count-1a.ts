// CorrBench coll/ArgError-MPIScatter-Count-1a.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Scatter receive and send type signatures do not match. (line 17)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(4); local_sum.set([1, 1, 1, 1]);
const global_sum = new Int32Array([0]);

let root = 0;

await MPI.COMM_WORLD.Scatter([local_sum, 2, MPI.INT], [global_sum, 1, MPI.INT], root);


