// CorrBench pt2pt/MisplacedCall-MPIRecv-Deadlock-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if the message can not be bufferde (line 17 - 25 see the msg tags)
 */
let myRank = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 0);
  await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 1);
  console.log("Operation Complete");
} else if (myRank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 0, 1);
  await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 0, 0);
  console.log("Operation Complete");
}


