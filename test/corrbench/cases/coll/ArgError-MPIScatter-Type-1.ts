// CorrBench coll/ArgError-MPIScatter-Type-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI type does not match host send buffer. (line 16)
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array(2); local_sum.set([1, 1]);
const global_sum = new Float64Array([0.0]);

let root = 0;

await MPI.COMM_WORLD.Scatter([local_sum, 1, MPI.DOUBLE], [global_sum, 1, MPI.DOUBLE], root);


