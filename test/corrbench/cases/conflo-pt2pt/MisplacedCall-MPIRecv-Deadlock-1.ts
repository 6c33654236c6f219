// CorrBench conflo/pt2pt/MisplacedCall-MPIRecv-Deadlock-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if two processes are waiting for each other(line 17 - 25)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let myRank = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  if (argc == 1) {
    await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 1, 0);
    await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 0);
  } else {
    await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 1, 0);
    await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 1, 0);
  }
  console.log("Operation Complete");
} else if (myRank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 4, MPI.INT], 0, 0);
  await MPI.COMM_WORLD.Send([buffer, 4, MPI.INT], 0, 0);
  console.log("Operation Complete");
}


