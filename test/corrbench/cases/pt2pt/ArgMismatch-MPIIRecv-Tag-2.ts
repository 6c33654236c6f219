// CorrBench pt2pt/ArgMismatch-MPIIRecv-Tag-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * disagreeing tags. (line 19/22)
 */
let myRank = 0;
let numProcs = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let mpi_request = MPI.REQUEST_NULL;
const mpi_status = new MPI.Status();

if (myRank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 0);
  console.log("Operation Complete");
} else if (myRank == 1) {
  mpi_request = MPI.COMM_WORLD.Irecv([buffer, 4, MPI.INT], 0, 1);
  await mpi_request.Wait(mpi_status);
  console.log("Operation Complete");
}


