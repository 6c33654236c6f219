// CorrBench pt2pt/ArgError-MPIISend-Request-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * null pointer as mpi request in isend. (line 26)
 */

const MSG_TAG_A = 124523;
const N = 1000;

/*
invalid argument on line 46
*/
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

if (rank == 0) {
  let ptr = null;

  MPI.COMM_WORLD.Isend([buffer, N, MPI.INT], 1, MSG_TAG_A); // C passed ptr as the request
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


