// CorrBench correct/coll/red_scat_block.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let err = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const sendbuf = new Int32Array(size);
const recvbuf = new Int32Array(size);
for (let i = 0; i < size; i++) sendbuf[i] = rank + i;
await comm.Reduce_scatter_block([sendbuf, size, MPI.INT], [recvbuf, 1, MPI.INT], MPI.SUM);
let sumval = size * rank + ((size - 1) * size) / 2;
if (recvbuf[0] != sumval) { err++; console.log(`[${rank}] Got ${recvbuf[0]} expected ${sumval}`); }
for (let i = 0; i < size; i++) recvbuf[i] = rank + i;
// In place: the receive buffer holds every block on entry (size × 1 ints here).
await comm.Reduce_scatter_block(MPI.IN_PLACE, [recvbuf, MPI.INT], MPI.SUM);
sumval = size * rank + ((size - 1) * size) / 2;
if (recvbuf[0] != sumval) { err++; console.log(`[${rank}] Got ${recvbuf[0]} expected ${sumval}`); }
await MTest_Finalize(err);
