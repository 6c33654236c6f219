// CorrBench conflo/pt2pt/ArgError-MPIISend-Count-4.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const N = 1000;

function compute_buffer_index() { return N - (N + 1); }

/*
 * Negative number of elements specified in send. (line 22)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
const buffer = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

let buffer_size = N;

if (argc == 1) {
  buffer_size = N - (N + 1);
} else {
  buffer_size = N;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, buffer_size, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


