// CorrBench correct/coll/uoplong.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A user op on a contiguous type of 3 doubles, over long messages.
const MAX_ERRS = 10;
const MAX_COUNT = 1200000;
function myop(cinPtr: any, coutPtr: any) {
  // C casts void * to double *: views of the same bytes.
  const cin = new Float64Array(cinPtr.buffer, cinPtr.byteOffset, cinPtr.byteLength / 8);
  const cout = new Float64Array(coutPtr.buffer, coutPtr.byteOffset, coutPtr.byteLength / 8);
  for (let k = 0; k + 2 < cin.length; k += 3) {
    cout[k] += cin[k];
    cout[k + 1] = cout[k + 1] > cin[k + 1] ? cout[k + 1] : cin[k + 1];
    cout[k + 2] = cout[k + 2] < cin[k + 2] ? cout[k + 2] : cin[k + 2];
  }
}
let errs = 0;
MTest_Init();
const op = MPI.Op.Create(myop as any, false);
const tripleType = MPI.DOUBLE.Create_contiguous(3).Commit();
const wsize = MPI.COMM_WORLD.Get_size();
const wrank = MPI.COMM_WORLD.Get_rank();
for (let count = 1; count < MAX_COUNT; count += count) {
  const inVal = new Float64Array(3 * count);
  const outVal = new Float64Array(3 * count);
  for (let i = 0; i < count * 3; i++) { outVal[i] = -1; inVal[i] = 1 + (i & 0x3); }
  await MPI.COMM_WORLD.Reduce([inVal, count, tripleType], [outVal, count, tripleType], op, 0);
  if (wrank == 0) {
    for (let i = 0; i < 3 * count; i += 3) {
      const sumval = wsize * (1 + (i & 0x3));
      const maxval = 1 + ((i + 1) & 0x3);
      const minval = 1 + ((i + 2) & 0x3);
      if (outVal[i] != sumval) { if (errs < MAX_ERRS) console.error(`${count}: outval[${i}] = ${outVal[i]}, expected ${sumval} (sum)`); errs++; }
      if (outVal[i + 1] != maxval) { if (errs < MAX_ERRS) console.error(`${count}: outval[${i + 1}] = ${outVal[i + 1]}, expected ${maxval} (max)`); errs++; }
      if (outVal[i + 2] != minval) { if (errs < MAX_ERRS) console.error(`${count}: outval[${i + 2}] = ${outVal[i + 2]}, expected ${minval} (min)`); errs++; }
    }
  }
}
op.Free();
tripleType.Free();
await MTest_Finalize(errs);
