// CorrBench pt2pt/ArgError-MPIIRecv-Buffer-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Host buffer null pointer in MPI_Irecv. line 24
 */

let rank = 0;
let buffer = null;
const buffer2 = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer2, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let req = MPI.REQUEST_NULL;
  const stat = new MPI.Status();
  req = MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], 0, MSG_TAG_A);
  await req.Wait(stat);
}


