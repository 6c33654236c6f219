// CorrBench conflo/pt2pt/ArgError-MPIISend-Tag.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative tag value. (line 23)
 */

const MSG_TAG_A = 124523;
const N = 1000;

const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

if (rank == 0) {
  let neg_tag = MSG_TAG_A;
  if (argc == 1) {
    neg_tag = -1;
  } else {
    neg_tag = MSG_TAG_A;
  }

  mpi_request = MPI.COMM_WORLD.Isend([buffer, N, MPI.INT], 1, neg_tag);
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


