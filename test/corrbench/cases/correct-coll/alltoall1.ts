// CorrBench correct/coll/alltoall1.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
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
    const sendcount = count;
    const recvcount = count;
    const sendbuf = new Int32Array(count * size);
    const recvbuf = new Int32Array(count * size);
    const sendtype = MPI.INT;
    const recvtype = MPI.INT;
    recvbuf.fill(-1);
    let p = 0;
    for (let j = 0; j < size; j++) for (let i = 0; i < count; i++) sendbuf[p++] = j * size + rank + i;
    await comm.Alltoall([sendbuf, sendcount, sendtype], [recvbuf, recvcount, recvtype]); // MTest_Alltoall
    p = 0;
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < count; i++) {
        if (recvbuf[p] != rank * size + j + i) { errs++; if (errs < 10) console.error(`recvbuf[${j},${i}] = ${recvbuf[p]}, should be ${rank * size + j + i}`); }
        p++;
      }
    }
    p = 0;
    for (let j = 0; j < size; j++) for (let i = 0; i < count; i++) recvbuf[p++] = j * size + rank + i;
    await comm.Alltoall(MPI.IN_PLACE, [recvbuf, recvcount, recvtype]);
    p = 0;
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < count; i++) {
        if (recvbuf[p] != rank * size + j + i) { errs++; if (errs < 10) console.error(`(MPI_IN_PLACE) recvbuf[${j},${i}] = ${recvbuf[p]}`); }
        p++;
      }
    }
  }
}
await MTest_Finalize(errs);
