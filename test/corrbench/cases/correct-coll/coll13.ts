// CorrBench correct/coll/coll13.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const chunk = 128;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const sb = new Int32Array(size * chunk);
const rb = new Int32Array(size * chunk);
for (let i = 0; i < size * chunk; ++i) { sb[i] = rank + 1; rb[i] = 0; }
// C: status = MPI_Alltoall(...); MTest_Finalize(status). An error here would be thrown instead.
await MPI.COMM_WORLD.Alltoall([sb, chunk, MPI.INT], [rb, chunk, MPI.INT]);
await MTest_Finalize(0);
