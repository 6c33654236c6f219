// CorrBench correct/coll/coll10.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A non-commutative op: inoutvec[i] = invec[i] op inoutvec[i] is applied in rank order, whatever the root.
const BAD_ANSWER = 100000;
function assoc(invec: Int32Array, inoutvec: Int32Array) {
  for (let i = 0; i < invec.length; i++) {
    if (inoutvec[i] <= invec[i]) {
      console.error(`[${MPI.COMM_WORLD.Get_rank()}] inout[0] = ${inoutvec[0]}, in[0] = ${invec[0]}`);
      inoutvec[i] = BAD_ANSWER;
    } else inoutvec[i] = invec[i];
  }
  return 1;
}
let errors = 0;
const data = new Int32Array(1);
const result = new Int32Array([-100]);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
data[0] = rank;
const op = MPI.Op.Create(assoc as any, false);
await MPI.COMM_WORLD.Reduce([data, 1, MPI.INT], [result, 1, MPI.INT], op, size - 1);
await MPI.COMM_WORLD.Bcast([result, 1, MPI.INT], size - 1);
op.Free();
if (result[0] == BAD_ANSWER) errors++;
await MTest_Finalize(errors);
