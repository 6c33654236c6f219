// CorrBench pt2pt/ArgError-MPIIRecv-Request.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * null pointer for MPI_request in MPI_Irecv. line 23
 */

let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let null_req = MPI.REQUEST_NULL; // C: a NULL MPI_Request pointer; the request Irecv returns is dropped
  const stat = new MPI.Status();
  MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], 0, MSG_TAG_A); // C passed null_req as the request
  await null_req.Wait(stat);
}


