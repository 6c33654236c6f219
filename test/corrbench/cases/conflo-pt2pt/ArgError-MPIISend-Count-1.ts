// CorrBench conflo/pt2pt/ArgError-MPIISend-Count-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Negative number of elements specified in send. (line 22)
 *
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
  let buffer_size = N;
  if (argc == 1) {
    buffer_size = -1;
  } else {
    buffer_size = N;
  }
  mpi_request = MPI.COMM_WORLD.Isend([buffer, buffer_size, MPI.INT], 1, MSG_TAG_A);
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


