// CorrBench conflo/pt2pt/ArgError-MPISend-Rank.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * invalid count value in MPI_Send, line 38
 */

const MSG_TAG_A = 124523;
const N = 1000;

/*
invalid argument on line 40
*/
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let target_rank = 1;
if (argc == 1) {
  target_rank = 10;
} else {
  target_rank = 1;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], target_rank, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


