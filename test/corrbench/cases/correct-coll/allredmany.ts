// CorrBench correct/coll/allredmany.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const wscale = new Float64Array([10.0]);
const scale = new Float64Array(1);
MTest_Init();
for (let i = 0; i < 10000; i++) await MPI.COMM_WORLD.Allreduce([wscale, 1, MPI.DOUBLE], [scale, 1, MPI.DOUBLE], MPI.SUM);
await MTest_Finalize(0);
