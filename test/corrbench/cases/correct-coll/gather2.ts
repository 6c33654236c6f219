// CorrBench correct/coll/gather2.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

let errs = 0;
const minsize = 2;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  for (let root = 0; root < size; root++) {
    for (let count = 1; count < 65000; count = count * 2) {
      const n = 12;
      const stride = 10;
      const vecin = new Float64Array(n * stride * size);
      const vecout = new Float64Array(size * n);
      const vec = MPI.DOUBLE.Create_vector(n, 1, stride).Commit();
      for (let i = 0; i < n * stride; i++) vecin[i] = -2;
      for (let i = 0; i < n; i++) vecin[i * stride] = rank * n + i;
      if (rank == root) {
        for (let i = 0; i < n; i++) vecout[rank * n + i] = rank * n + i;
        await comm.Gather(MPI.IN_PLACE, [vecout, n, MPI.DOUBLE], root);
      } else {
        await comm.Gather([vecin, 1, vec], null, root);
      }
      if (rank == root) {
        for (let i = 0; i < n * size; i++) if (vecout[i] != i) { errs++; if (errs < 10) console.error(`vecout[${i}]=${vecout[i]}`); }
      }
      vec.Free();
    }
  }
}
const rank = MPI.COMM_WORLD.Get_rank();
if (rank == 0) await MPI.COMM_WORLD.Gather(MPI.IN_PLACE, [null, 0, MPI.BYTE], 0);
else await MPI.COMM_WORLD.Gather([null, 0, MPI.BYTE], [null, 0, MPI.BYTE], 0);
await MTest_Finalize(errs);
