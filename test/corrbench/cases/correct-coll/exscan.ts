// CorrBench correct/coll/exscan.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

let errs = 0;
const minsize = 2;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  for (let count = 1; count < 65000; count = count * 2) {
    const sendbuf = new Int32Array(count);
    const recvbuf = new Int32Array(count);
    for (let i = 0; i < count; i++) { sendbuf[i] = rank + i * size; recvbuf[i] = -1; }
    await comm.Exscan([sendbuf, count, MPI.INT], [recvbuf, count, MPI.INT], MPI.SUM);
    if (rank > 0) {
      for (let i = 0; i < count; i++) {
        const result = rank * i * size + (rank * (rank - 1)) / 2;
        if (recvbuf[i] != result) { errs++; if (errs < 10) console.error(`Error in recvbuf[${i}] = ${recvbuf[i]} on ${rank}, expected ${result}`); }
      }
    }
    for (let i = 0; i < count; i++) { sendbuf[i] = -1; recvbuf[i] = rank + i * size; }
    await comm.Exscan(MPI.IN_PLACE, [recvbuf, count, MPI.INT], MPI.SUM);
    for (let i = 0; i < count; i++) {
      const result = rank == 0 ? rank + i * size : rank * i * size + (rank * (rank - 1)) / 2;
      if (recvbuf[i] != result) { errs++; if (errs < 10) console.error(`Error in recvbuf[${i}] = ${recvbuf[i]} on ${rank}, expected ${result}`); }
    }
  }
}
await MTest_Finalize(errs);
