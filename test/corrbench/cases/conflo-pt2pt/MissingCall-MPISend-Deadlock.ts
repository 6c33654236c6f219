// CorrBench conflo/pt2pt/MissingCall-MPISend-Deadlock.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if there is no corresponding send call for
 * the receive routine(line 17)
 */
let myRank = 0;
const buffer = new Int32Array(4); buffer.set([0, 2, 3, 4]);

myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 3, MPI.INT], 0, 0);
}


