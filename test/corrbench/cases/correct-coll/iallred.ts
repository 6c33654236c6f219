// CorrBench correct/coll/iallred.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

import assert from 'node:assert';
const one = new Int32Array([1]);
const two = new Int32Array([2]);
const isum = new Int32Array(1);
const sum = new Int32Array(1);
MTest_Init();
const size = MPI.COMM_WORLD.Get_size();
assert(size == 2);
const request = MPI.COMM_WORLD.Iallreduce([one, 1, MPI.INT], [isum, 1, MPI.INT], MPI.SUM);
await MPI.COMM_WORLD.Allreduce([two, 1, MPI.INT], [sum, 1, MPI.INT], MPI.SUM);
await request.Wait();
assert(isum[0] == 2);
assert(sum[0] == 4);
await MTest_Finalize(0);
