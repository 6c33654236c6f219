// CorrBench conflo/pt2pt/MissingCall-MPIWait.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Error occurs if the wait call is missing for both processes,
 * line 28 and 32
 */
let myRank = 0;
const buffer = new Int32Array(10);
const buffer2 = new Int32Array(10);
let left = 0;
let right = 0;

let request = MPI.REQUEST_NULL;

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  request = MPI.COMM_WORLD.Isend([buffer2, 10, MPI.INT], 1, 123);
  // Missing Wait Call
} else if (myRank == 1) {
  request = MPI.COMM_WORLD.Irecv([buffer, 10, MPI.INT], 0, 123);
  // Missing Wait Call
}

request.Free();


