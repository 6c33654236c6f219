// CorrBench conflo/pt2pt/ArgError-MPISend-Tag-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

// C's MPI_TAG_UB names the attribute; its value is at most 2^31 - 1 (tags are C ints), so this is past any bound.
const MPI_TAG_UB = 2 ** 31 - 1;

const N = 1000;

/*
 * The used MPI Tag in MPI_Send/MPI_Recv overflows the MPI_TAG_UB. (line 19/21)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);
let too_large_tag = MPI_TAG_UB;

rank = MPI.COMM_WORLD.Get_rank();

if (argc == 1) {
  too_large_tag += 1;
} else {
  too_large_tag = MPI_TAG_UB;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, too_large_tag);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, too_large_tag);
}


