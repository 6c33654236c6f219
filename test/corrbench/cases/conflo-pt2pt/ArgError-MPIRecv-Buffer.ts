// CorrBench conflo/pt2pt/ArgError-MPIRecv-Buffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * null pointer as recv buffer. (line 25)
 */

const MSG_TAG_A = 124523;
const N = 1000;

/*
invalid buffer on line 45
*/
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let ptr = buffer.subarray(0);
  if (argc == 1) {
    ptr = null;
  } else {
    ptr = buffer.subarray(0);
  }

  await MPI.COMM_WORLD.Recv([ptr, N, MPI.INT], 0, MSG_TAG_A);
}


