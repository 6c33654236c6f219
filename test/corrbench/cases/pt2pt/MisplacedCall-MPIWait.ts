// CorrBench pt2pt/MisplacedCall-MPIWait.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Error occurs if the buffer[0] is invalid unexpectedly, line 35
 */
let myRank = 0;
let numProcs = 0;
let left = 0;
let right = 0;
const buffer = new Int32Array(100000);
const buffer2 = new Int32Array(100000);

let request = MPI.REQUEST_NULL;
const status = new MPI.Status();

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

right = (myRank + 1) % numProcs;
left = myRank - 1;

if (left < 0) {
  left = numProcs - 1;
}

if (myRank == 0) {
  let i = 0;
  for (i = 0; i < 100000; i++) {
    buffer[i] = i + 1;
    buffer2[i] = (i + 1) * 2;
  }

  request = MPI.COMM_WORLD.Isend([buffer, 100000, MPI.INT], 1, 0);
  buffer[0] = 10;
  await request.Wait(status);
} else if (myRank == 1) {
  request = MPI.COMM_WORLD.Irecv([buffer, 100000, MPI.INT], 0, 0);
  await request.Wait(status);
  console.log("%d", buffer[0]);
}


