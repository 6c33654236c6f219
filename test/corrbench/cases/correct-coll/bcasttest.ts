// CorrBench correct/coll/bcasttest.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const ROOT = 0;
const NUM_REPS = 5;
const NUM_SIZES = 4;
const sizes = [100, 64 * 1024, 128 * 1024, 1024 * 1024];
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const bVerify = 1;
const buf = new Int32Array(sizes[NUM_SIZES - 1]);
for (let n = 0; n < NUM_SIZES; n++) {
  for (let reps = 0; reps < NUM_REPS; reps++) {
    if (bVerify) {
      if (rank == ROOT) for (let i = 0; i < sizes[n]; i++) buf[i] = 1000000 * (n * NUM_REPS + reps) + i;
      else for (let i = 0; i < sizes[n]; i++) buf[i] = -1 - (n * NUM_REPS + reps);
    }
    await MPI.COMM_WORLD.Bcast([buf, sizes[n], MPI.INT], ROOT);
    if (bVerify) {
      errs = 0;
      for (let i = 0; i < sizes[n]; i++) {
        if (buf[i] != 1000000 * (n * NUM_REPS + reps) + i) {
          errs++;
          if (errs < 10) console.log(`Error: Rank=${rank}, n=${n}, reps=${reps}, i=${i}, buf[i]=${buf[i]}`);
        }
      }
      if (errs >= 10) console.log(`Error: Rank=${rank}, errs = ${errs}`);
    }
  }
}
await MTest_Finalize(errs);
