// CorrBench correct/coll/op_commutative.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A simple test of Op.Create / Is_commutative / Free.
let errs = 0;
function user_op(invec: Int32Array, inoutvec: Int32Array, datatype: unknown) {
  if (datatype !== MPI.INT) { ++errs; console.log('invalid datatype passed to user_op'); return; }
  for (let i = 0; i < invec.length; ++i) inoutvec[i] = invec[i] * 2 + inoutvec[i];
}
MTest_Init();
const c_uop = MPI.Op.Create(user_op as any, true);
const nc_uop = MPI.Op.Create(user_op as any, false);
// Every predefined reduction operation is commutative.
for (const op of [MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD, MPI.LAND, MPI.BAND, MPI.LOR, MPI.BOR, MPI.LXOR, MPI.BXOR, MPI.MAXLOC, MPI.MINLOC]) {
  if (!op.Is_commutative()) ++errs;
}
if (!c_uop.Is_commutative()) ++errs;
if (nc_uop.Is_commutative()) ++errs;
nc_uop.Free();
c_uop.Free();
await MTest_Finalize(errs);
