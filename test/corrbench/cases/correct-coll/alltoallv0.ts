// CorrBench correct/coll/alltoallv0.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Alltoallv with data to the two neighbours only (counts of 0 elsewhere): a halo exchange idiom.
let errs = 0;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(2)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  if (size < 3) continue;
  const sendcounts = new Array(size).fill(0);
  const recvcounts = new Array(size).fill(0);
  const rdispls = new Array(size).fill(0);
  const sdispls = new Array(size).fill(0);
  const left = (rank - 1 + size) % size;
  const right = (rank + 1) % size;
  for (let length = 1; length < 66000; length = length * 2 + 1) {
    const sbuf = new Int32Array(2 * length);
    const rbuf = new Int32Array(2 * length);
    for (let i = 0; i < length; i++) {
      sbuf[i] = i + 100000 * rank; sbuf[i + length] = i + 100000 * rank;
      rbuf[i] = -i; rbuf[i + length] = -i - length;
    }
    sendcounts[left] = length; sendcounts[right] = length;
    recvcounts[left] = length; recvcounts[right] = length;
    rdispls[left] = 0; rdispls[right] = length;
    sdispls[left] = 0; sdispls[right] = length;
    await comm.Alltoallv([sbuf, [sendcounts, sdispls], MPI.INT], [rbuf, [recvcounts, rdispls], MPI.INT]);
    for (let i = 0; i < length; i++) if (rbuf[i] != i + 100000 * left) { if (errs < 10) console.error(`[${rank} from ${left}] got ${rbuf[i]}`); errs++; }
    for (let i = 0; i < length; i++) if (rbuf[length + i] != i + 100000 * right) { if (errs < 10) console.error(`[${rank} from ${right}] got ${rbuf[length + i]}`); errs++; }
  }
}
await MTest_Finalize(errs);
