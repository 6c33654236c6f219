// CorrBench pt2pt/ArgError-MPIIRecv-Rank-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Invalid rank (size of communicator) in MPI_Irecv . line 24
 */

let rank = 0;
let comm_size = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();
comm_size = MPI.COMM_WORLD.Get_size();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let req = MPI.REQUEST_NULL;
  const stat = new MPI.Status();
  req = MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], comm_size, MSG_TAG_A);
  await req.Wait(stat);
}


