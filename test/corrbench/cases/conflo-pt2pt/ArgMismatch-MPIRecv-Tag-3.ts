// CorrBench conflo/pt2pt/ArgMismatch-MPIRecv-Tag-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * tags do not agree. (line 19/23)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
let numProcs = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

let recv_tag = 0;
if (argc == 1) {
  recv_tag = 1;
} else {
  recv_tag = 0;
}

if (myRank == 0) {
  mpi_request = MPI.COMM_WORLD.Isend([buffer, 4, MPI.INT], 1, 0);
  await mpi_request.Wait(mpi_status);
  console.log("Operation Complete");
} else if (myRank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 0, recv_tag);
  console.log("Operation Complete");
}


