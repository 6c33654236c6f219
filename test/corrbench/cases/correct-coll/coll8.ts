// CorrBench correct/coll/coll8.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let errors = 0;
const data = new Int32Array(1);
const result = new Int32Array([-100]);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
data[0] = rank;
await MPI.COMM_WORLD.Reduce([data, 1, MPI.INT], [result, 1, MPI.INT], MPI.SUM, 0);
await MPI.COMM_WORLD.Bcast([result, 1, MPI.INT], 0);
let correct_result = 0;
for (let i = 0; i < size; i++) correct_result += i;
if (result[0] != correct_result) errors++;
await MPI.COMM_WORLD.Reduce([data, 1, MPI.INT], [result, 1, MPI.INT], MPI.MIN, 0);
await MPI.COMM_WORLD.Bcast([result, 1, MPI.INT], 0);
if (result[0] != 0) errors++;
await MPI.COMM_WORLD.Reduce([data, 1, MPI.INT], [result, 1, MPI.INT], MPI.MAX, 0);
await MPI.COMM_WORLD.Bcast([result, 1, MPI.INT], 0);
if (result[0] != size - 1) errors++;
await MTest_Finalize(errors);
