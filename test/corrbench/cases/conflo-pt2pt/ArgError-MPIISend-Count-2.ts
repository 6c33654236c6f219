// CorrBench conflo/pt2pt/ArgError-MPIISend-Count-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const N = 1000;

/*
 * Too many elements specified in send. (line 20)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
const buffer = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

let buffer_index = N;

if (argc == 1) {
  buffer_index = N + 1;
} else {
  buffer_index = N;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, buffer_index, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


