// CorrBench conflo/pt2pt/ArgError-MPISend-Count-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const N = 1000;

/*
 * Too many elements to send. (line 18)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
const buffer = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

let wrong_count = N;
if (argc == 1) {
  wrong_count = 5 * N;
} else {
  wrong_count = N;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, wrong_count, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


