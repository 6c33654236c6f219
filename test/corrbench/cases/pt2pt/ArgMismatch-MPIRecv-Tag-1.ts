// CorrBench pt2pt/ArgMismatch-MPIRecv-Tag-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * message tags don't agree. (line 16/19)
 */
let myRank = 0;
let numProcs = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 0);
  console.log("Operation Complete");
} else if (myRank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 0, 1);
  console.log("Operation Complete");
}


