// CorrBench pt2pt/ArgError-MPIIRecv-Type-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Too few elements are specified in receive. line 23
 */

let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let req = MPI.REQUEST_NULL;
  const stat = new MPI.Status();
  let null_type = MPI.DATATYPE_NULL; // C: a NULL MPI_Datatype (null here means "infer", as mpi4py's None)
  req = MPI.COMM_WORLD.Irecv([buffer, N, null_type], 0, MSG_TAG_A);
  await req.Wait(stat);
}


