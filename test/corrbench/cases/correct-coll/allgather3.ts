// CorrBench correct/coll/allgather3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

const minsize = 2;
let errs = 0;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  const displs = new Array(size);
  const recvcounts = new Array(size);
  for (let count = 1; count < 9000; count = count * 2) {
    const vecout = new Float64Array(size * count);
    const invec = new Float64Array(count);
    for (let i = 0; i < count; i++) { vecout[rank * count + i] = rank * count + i; invec[i] = rank * count + i; }
    for (let i = 0; i < size; i++) { recvcounts[i] = count; displs[i] = i * count; }
    vecout.fill(0);
    await comm.Allgather([invec, count, MPI.DOUBLE], [vecout, count, MPI.DOUBLE]);
    for (let i = 0; i < count * size; i++) {
      if (vecout[i] != i) {
        errs++;
        if (errs < 10) console.error(`vecout[${i}]=${vecout[i]}`);
      }
    }
  }
}
await MPI.COMM_WORLD.Allgather(MPI.IN_PLACE, [null, 0, MPI.BYTE]);
await MTest_Finalize(errs);
