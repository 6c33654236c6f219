// CorrBench correct/coll/reduce.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Reduce with every choice of root.
let errs = 0;
const minsize = 2;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  for (let count = 1; count < 130000; count = count * 2) {
    const sendbuf = new Int32Array(count);
    const recvbuf = new Int32Array(count);
    for (let root = 0; root < size; root++) {
      for (let i = 0; i < count; i++) sendbuf[i] = i;
      for (let i = 0; i < count; i++) recvbuf[i] = -1;
      await comm.Reduce([sendbuf, count, MPI.INT], [recvbuf, count, MPI.INT], MPI.SUM, root);
      if (rank == root) for (let i = 0; i < count; i++) if (recvbuf[i] != i * size) errs++;
    }
  }
}
await MTest_Finalize(errs);
