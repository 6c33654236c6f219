// CorrBench conflo/pt2pt/ArgError-MPIRecv-Communicator.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * null pointer as mpi reuqest in recv. (line 23)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let ptr = null;

  if (argc == 1) {
    ptr = null;
  } else {
    ptr = MPI.COMM_WORLD;
  }
  await ptr.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


