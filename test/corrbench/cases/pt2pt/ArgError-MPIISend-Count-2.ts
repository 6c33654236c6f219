// CorrBench pt2pt/ArgError-MPIISend-Count-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const N = 1000;

/*
 * Too many elements specified in send. (line 20)
 */
const buffer = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  let req = MPI.REQUEST_NULL;
  const stat = new MPI.Status();
  req = MPI.COMM_WORLD.Isend([buffer, N + 1, MPI.INT], 1, MSG_TAG_A);
  await req.Wait(stat);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


