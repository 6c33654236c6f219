// CorrBench correct/coll/alltoallv.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Process i sends i items to every process; then the same in place.
let errs = 0;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(2)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  const sbuf = new Int32Array(size * size);
  let rbuf = new Int32Array(size * size);
  for (let i = 0; i < size * size; i++) { sbuf[i] = i + 100 * rank; rbuf[i] = -i; }
  const sendcounts: number[] = [];
  const recvcounts: number[] = [];
  const rdispls: number[] = [];
  const sdispls: number[] = [];
  for (let i = 0; i < size; i++) { sendcounts[i] = i; recvcounts[i] = rank; rdispls[i] = i * rank; sdispls[i] = (i * (i + 1)) / 2; }
  await comm.Alltoallv([sbuf, [sendcounts, sdispls], MPI.INT], [rbuf, [recvcounts, rdispls], MPI.INT]);
  const at = (i: number) => rdispls[i];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < rank; j++) {
      const got = rbuf[at(i) + j];
      if (got != i * 100 + (rank * (rank + 1)) / 2 + j) { console.error(`[${rank}] got ${got} expected ${(i * (i + 1)) / 2 + j} for ${j}th`); errs++; }
    }
  }
  rbuf = new Int32Array(size * (2 * size));
  for (let i = 0; i < size; i++) { recvcounts[i] = i + rank; rdispls[i] = i * (2 * size); }
  rbuf.fill(-1);
  for (let i = 0; i < size; i++) for (let j = 0; j < recvcounts[i]; ++j) rbuf[at(i) + j] = 100 * rank + 10 * i + j;
  await comm.Alltoallv(MPI.IN_PLACE, [rbuf, [recvcounts, rdispls], MPI.INT]);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < recvcounts[i]; j++) {
      const expected = 100 * i + 10 * rank + j;
      if (rbuf[at(i) + j] != expected) { console.error(`[${rank}] got ${rbuf[at(i) + j]} expected ${expected} for block=${i}, element=${j}th`); ++errs; }
    }
  }
}
await MTest_Finalize(errs);
