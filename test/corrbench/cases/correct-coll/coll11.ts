// CorrBench correct/coll/coll11.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

function addem(invec: Int32Array, inoutvec: Int32Array) {
  for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
}
const BAD_ANSWER = 100000;
// inoutvec[i] = invec[i] op inoutvec[i], applied in rank order (MPI 4.9.4): the order matters.
function assoc(invec: Int32Array, inoutvec: Int32Array) {
  for (let i = 0; i < invec.length; i++) {
    if (inoutvec[i] <= invec[i]) {
      console.error(`[${MPI.COMM_WORLD.Get_rank()}] inout[0] = ${inoutvec[0]}, in[0] = ${invec[0]}`);
      inoutvec[i] = BAD_ANSWER;
    } else inoutvec[i] = invec[i];
  }
}
let errors = 0;
const data = new Int32Array(1);
const result = new Int32Array([-100]);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
data[0] = rank;
let correct_result = 0;
for (let i = 0; i <= rank; i++) correct_result += i;
const scan = (op: any) => MPI.COMM_WORLD.Scan([data, 1, MPI.INT], [result, 1, MPI.INT], op);
await scan(MPI.SUM);
if (result[0] != correct_result) { console.error(`[${rank}] Error suming ints with scan`); errors++; }
await scan(MPI.SUM);
if (result[0] != correct_result) { console.error(`[${rank}] Error summing ints with scan (2)`); errors++; }
data[0] = rank;
result[0] = -100;
const op_assoc = MPI.Op.Create(assoc as any, false);
const op_addem = MPI.Op.Create(addem as any, true);
await scan(op_addem);
if (result[0] != correct_result) { console.error(`[${rank}] Error summing ints with scan (userop)`); errors++; }
await scan(op_addem);
if (result[0] != correct_result) { console.error(`[${rank}] Error summing ints with scan (userop2)`); errors++; }
result[0] = -100;
data[0] = rank;
await scan(op_assoc);
if (result[0] == BAD_ANSWER) { console.error(`[${rank}] Error scanning with non-commutative op`); errors++; }
op_assoc.Free();
op_addem.Free();
await MTest_Finalize(errors);
