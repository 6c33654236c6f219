// CorrBench pt2pt/ArgError-MPIIRecv-Tag.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Negative tag in receive. line 23
 */

let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let req = MPI.REQUEST_NULL;
  const stat = new MPI.Status();
  req = MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], 0, -1);
  await req.Wait(stat);
}


