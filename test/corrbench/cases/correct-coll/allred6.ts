// CorrBench correct/coll/allred6.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

let errs = 0;
const minsize = 2;
MTest_Init();
// Allreduce with an apparently non-commutative operator (a sum declared non-commutative).
function mysum(cin: Int32Array, cout: Int32Array) {
  for (let i = 0; i < cin.length; i++) cout[i] += cin[i];
}
const op = MPI.Op.Create(mysum as any, false);
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  for (let count = 1; count < 65000; count = count * 2) {
    const buf = new Int32Array(count);
    for (let i = 0; i < count; i++) buf[i] = rank + i;
    await comm.Allreduce(MPI.IN_PLACE, [buf, count, MPI.INT], op);
    for (let i = 0; i < count; i++) {
      const result = i * size + (size * (size - 1)) / 2;
      if (buf[i] != result) {
        errs++;
        if (errs < 10) console.error(`buf[${i}] = ${buf[i]} expected ${result}`);
      }
    }
  }
}
op.Free();
await MTest_Finalize(errs);
