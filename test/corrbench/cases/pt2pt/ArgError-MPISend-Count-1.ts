// CorrBench pt2pt/ArgError-MPISend-Count-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const N = 1000;

/*
 * Too many elements to send. (line 18)
 */
const buffer = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 5 * N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


