// CorrBench pt2pt/MissingCall-MPIRecv.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if P0 sends a message and there is no
 * corresponding receive from P1(line 18)
 */
let myRank = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 3, MPI.INT], 1, 123);
}


