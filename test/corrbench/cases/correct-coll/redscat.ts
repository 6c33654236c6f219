// CorrBench correct/coll/redscat.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let err = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const sendbuf = new Int32Array(size);
for (let i = 0; i < size; i++) sendbuf[i] = rank + i;
const recvcounts = new Array(size).fill(1);
const recvbuf = new Int32Array(1); // C: int recvbuf, passed as &recvbuf
await comm.Reduce_scatter([sendbuf, size, MPI.INT], [recvbuf, 1, MPI.INT], recvcounts, MPI.SUM); // MTest_Reduce_scatter
const sumval = size * rank + ((size - 1) * size) / 2;
if (recvbuf[0] != sumval) { err++; console.log(`[${rank}] Got ${recvbuf[0]} expected ${sumval}`); }
await MTest_Finalize(err);
