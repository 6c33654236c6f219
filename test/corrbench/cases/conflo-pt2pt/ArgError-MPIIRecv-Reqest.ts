// CorrBench conflo/pt2pt/ArgError-MPIIRecv-Reqest.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * null Pointer in MPI_Recv, line 22
 */

const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  // C passes a NULL request pointer when argc == 1; here the returned request is dropped then.
  let real_req = MPI.REQUEST_NULL;
  const req = MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], 0, MSG_TAG_A);
  if (argc != 1) {
    real_req = req;
  }
}


