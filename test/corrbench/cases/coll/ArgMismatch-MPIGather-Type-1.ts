// CorrBench coll/ArgMismatch-MPIGather-Type-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Host language buffer types and MPI types don't agree. line 17
 *
 */
let rank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
const global_sum = new Int32Array(2);

rank = MPI.COMM_WORLD.Get_rank();

let root = 0;

if (rank % 2 == 0) {
  await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.INT], [global_sum, 1, MPI.INT], root);
} else {
  await MPI.COMM_WORLD.Gather([local_sum, 1, MPI.CHAR], [global_sum, 1, MPI.CHAR], root);
}


