// CorrBench conflo/pt2pt/ArgError-MPIISend-Type.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * null pointer as MPI data type in send. (line 24)
 */

const MSG_TAG_A = 124523;
const N = 1000;

const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

if (rank == 0) {
  let null_type = MPI.INT;

  if (argc == 1) {
    null_type = MPI.DATATYPE_NULL; // C: a NULL MPI_Datatype (null here means "infer", as mpi4py's None)
  } else {
    null_type = MPI.INT;
  }

  mpi_request = MPI.COMM_WORLD.Isend([buffer, N, null_type], 1, MSG_TAG_A);
  await mpi_request.Wait(mpi_status);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 0, MSG_TAG_A);
}


