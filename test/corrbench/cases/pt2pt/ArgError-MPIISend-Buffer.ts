// CorrBench pt2pt/ArgError-MPIISend-Buffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * null pointer in isend (N>0). line 24
 *
 */

const MSG_TAG_A = 124523;
const N = 1000;

let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

let ptr = null;

if (rank == 0) {
  mpi_request = MPI.COMM_WORLD.Isend([ptr, N, MPI.INT], 1, MSG_TAG_A);
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


