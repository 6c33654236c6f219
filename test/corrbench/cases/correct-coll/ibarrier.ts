// CorrBench correct/coll/ibarrier.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

MTest_Init();
const barrier = MPI.COMM_WORLD.Ibarrier();
for (let i = 0, done = false; !done; i++) {
  await new Promise((res) => setTimeout(res, 1)); // usleep(1000)
  done = barrier.Test();
}
await MTest_Finalize(0);
