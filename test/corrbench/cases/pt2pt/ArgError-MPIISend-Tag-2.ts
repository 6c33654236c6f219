// CorrBench pt2pt/ArgError-MPIISend-Tag-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

// C's MPI_TAG_UB names the attribute; its value is at most 2^31 - 1 (tags are C ints), so this is past any bound.
const MPI_TAG_UB = 2 ** 31 - 1;

/*
 * Tag value above MPI_TAG_UB. (line 23)
 */

const MSG_TAG_A = 124523;
const N = 1000;

let rank = 0;
const buffer = new Int32Array(N);
let too_large_tag = MPI_TAG_UB;
too_large_tag += 1;

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

if (rank == 0) {
  mpi_request = MPI.COMM_WORLD.Isend([buffer, N, MPI.INT], 1, too_large_tag);
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


