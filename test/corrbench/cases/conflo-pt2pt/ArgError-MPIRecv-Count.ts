// CorrBench conflo/pt2pt/ArgError-MPIRecv-Count.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * negative count in recv call. (line 21)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let invalid_count = N;
  if (argc == 1) {
    invalid_count = -1;
  } else {
    invalid_count = N;
  }
  await MPI.COMM_WORLD.Recv([buffer, invalid_count, MPI.INT], 0, MSG_TAG_A);
}


