// CorrBench correct/coll/allred5.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Allreduce with count greater than the number of processes.
let errs = 0;
const minsize = 1;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const count = size * 2;
  const bufin = new Int32Array(count);
  const bufout = new Int32Array(count);
  for (let i = 0; i < count; i++) { bufin[i] = i; bufout[i] = -1; }
  const dtype = MPI.INT;
  await comm.Allreduce([bufin, count, dtype], [bufout, count, dtype], MPI.SUM);
  for (let i = 0; i < count; i++) {
    if (bufout[i] != i * size) {
      console.error(`Expected bufout[${i}] = ${i * size} but found ${bufout[i]}`);
      errs++;
    }
  }
}
await MTest_Finalize(errs);
