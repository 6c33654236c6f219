// CorrBench pt2pt/ArgError-MPISend-Count-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Too many elements to send. (line 20)
 */
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let wrong_count = N + 3;

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, wrong_count, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


