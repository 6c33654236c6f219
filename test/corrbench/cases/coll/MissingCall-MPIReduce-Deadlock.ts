// CorrBench coll/MissingCall-MPIReduce-Deadlock.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if MPIReduce is not executed by all
 * processes(line 21)
 */
let myRank = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array([0]);

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank != 0) {
  await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], MPI.SUM, 0);
}


