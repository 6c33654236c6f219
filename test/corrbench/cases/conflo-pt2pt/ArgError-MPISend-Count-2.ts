// CorrBench conflo/pt2pt/ArgError-MPISend-Count-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * negative cound in send operation. (line 18)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let num_elems = N;
if (argc == 1) {
  num_elems = -1;
} else {
  num_elems = N;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, num_elems, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


