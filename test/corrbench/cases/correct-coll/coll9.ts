// CorrBench correct/coll/coll9.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

function addem(invec: Int32Array, inoutvec: Int32Array) {
  for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
}
let errors = 0;
const data = new Int32Array(1);
const result = new Int32Array([-100]);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
data[0] = rank;
const op = MPI.Op.Create(addem as any, true);
await MPI.COMM_WORLD.Reduce([data, 1, MPI.INT], [result, 1, MPI.INT], op, 0);
await MPI.COMM_WORLD.Bcast([result, 1, MPI.INT], 0);
op.Free();
let correct_result = 0;
for (let i = 0; i < size; i++) correct_result += i;
if (result[0] != correct_result) errors++;
await MTest_Finalize(errors);
