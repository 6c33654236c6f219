// CorrBench conflo/pt2pt/ArgError-MPIRecv-Type-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * illegal type to recv. (line 21)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
} else if (rank == 1) {
  let null_type = MPI.DATATYPE_NULL; // C: a NULL MPI_Datatype (null here means "infer", as mpi4py's None)
  if (argc == 1) {
    null_type = MPI.DATATYPE_NULL; // C: a NULL MPI_Datatype (null here means "infer", as mpi4py's None)
  } else {
    null_type = MPI.INT;
  }
  await MPI.COMM_WORLD.Recv([buffer, N, null_type], 0, MSG_TAG_A);
}


