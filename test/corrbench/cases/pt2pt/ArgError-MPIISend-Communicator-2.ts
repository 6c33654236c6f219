// CorrBench pt2pt/ArgError-MPIISend-Communicator-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124;
const MSG_TAG_B = 1234;
const N = 1000;
const N2 = 1204;

/*
 * Invalid communicator in send. line 24
 */
const buffer = new Int32Array(N);

let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

let request = MPI.REQUEST_NULL;
const status = new MPI.Status();

if (rank == 0) {
  request = MPI.COMM_NULL.Isend([buffer, N, MPI.INT], 1, MSG_TAG_A);
  await request.Wait(status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


