// CorrBench correct/coll/reduce_local.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A simple test of Reduce_local.
const MAX_BUF_ELEMENTS = 65000;
let uop_errs = 0;
function user_op(invec: Int32Array, inoutvec: Int32Array, datatype: unknown) {
  if (datatype !== MPI.INT) { ++uop_errs; console.log('invalid datatype passed to user_op'); return; }
  for (let i = 0; i < invec.length; ++i) inoutvec[i] = invec[i] * 2 + inoutvec[i];
}
let errs = 0;
MTest_Init();
const inbuf = new Int32Array(MAX_BUF_ELEMENTS);
const inoutbuf = new Int32Array(MAX_BUF_ELEMENTS);
for (let count = 0; count < MAX_BUF_ELEMENTS; count > 0 ? (count *= 2) : count++) {
  for (let i = 0; i < count; ++i) { inbuf[i] = i; inoutbuf[i] = i; }
  MPI.SUM.Reduce_local([inbuf, count, MPI.INT], [inoutbuf, count, MPI.INT]);
  for (let i = 0; i < count; ++i) if (inbuf[i] != i) { ++errs; if (inoutbuf[i] != 2 * i) ++errs; }
}
const uop = MPI.Op.Create(user_op as any, false);
for (let count = 0; count < MAX_BUF_ELEMENTS; count > 0 ? (count *= 2) : count++) {
  for (let i = 0; i < count; ++i) { inbuf[i] = i; inoutbuf[i] = i; }
  uop.Reduce_local([inbuf, count, MPI.INT], [inoutbuf, count, MPI.INT]);
  errs += uop_errs;
  for (let i = 0; i < count; ++i) if (inbuf[i] != i) { ++errs; if (inoutbuf[i] != 3 * i) ++errs; }
}
uop.Free();
await MTest_Finalize(errs);
