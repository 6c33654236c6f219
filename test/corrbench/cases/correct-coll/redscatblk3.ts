// CorrBench correct/coll/redscatblk3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const MAX_ERRORS = 10;
let errs = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const mycount = Math.trunc((1024 * 1024) / size);
const recvcounts = new Array(size).fill(mycount);
const sendbuf = new Int32Array(mycount * size);
let idx = 0;
for (let i = 0; i < size; i++) for (let j = 0; j < mycount; j++) sendbuf[idx++] = rank + i;
const recvbuf = new Int32Array(mycount).fill(-1);
void recvcounts;
await comm.Reduce_scatter_block([sendbuf, mycount * size, MPI.INT], [recvbuf, mycount, MPI.INT], MPI.SUM);
let sumval = size * rank + ((size - 1) * size) / 2;
for (let i = 0; i < mycount; i++) {
  if (recvbuf[i] != sumval) { errs++; if (errs < MAX_ERRORS) console.log(`[${rank}] Got recvbuf[${i}] = ${recvbuf[i]} expected ${sumval}`); }
}
await comm.Reduce_scatter_block(MPI.IN_PLACE, [sendbuf, MPI.INT], MPI.SUM);
sumval = size * rank + ((size - 1) * size) / 2;
for (let i = 0; i < mycount; i++) {
  if (sendbuf[i] != sumval) { errs++; if (errs < MAX_ERRORS) console.log(`[${rank}] Got buf[${i}] = ${sendbuf[i]} expected ${sumval} (in place)`); }
}
await MTest_Finalize(errs);
