// CorrBench correct/coll/red_scat_block2.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let err = 0;
function left(a: Int32Array, b: Int32Array) {
  for (let i = 0; i < a.length; ++i) { if (a[i] > b[i]) ++err; b[i] = a[i]; }
}
function right(a: Int32Array, b: Int32Array) {
  for (let i = 0; i < a.length; ++i) { if (a[i] > b[i]) ++err; b[i] = b[i]; }
}
// A sum declared non-commutative, which may take different paths in the implementation.
function nc_sum(a: Int32Array, b: Int32Array) {
  for (let i = 0; i < a.length; ++i) b[i] = a[i] + b[i];
}
const MAX_BLOCK_SIZE = 256;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const left_op = MPI.Op.Create(left as any, false);
const right_op = MPI.Op.Create(right as any, false);
const nc_sum_op = MPI.Op.Create(nc_sum as any, false);
for (let block_size = 1; block_size < MAX_BLOCK_SIZE; block_size *= 2) {
  const sendbuf = new Int32Array(block_size * size);
  const recvbuf = new Int32Array(block_size);
  for (let i = 0; i < size * block_size; i++) sendbuf[i] = rank + i;
  for (let i = 0; i < block_size; i++) recvbuf[i] = 0xdeadbeef;
  const rs = (op: any) => comm.Reduce_scatter_block([sendbuf, block_size * size, MPI.INT], [recvbuf, block_size, MPI.INT], op);
  await rs(left_op);
  for (let i = 0; i < block_size; ++i) if (recvbuf[i] != rank * block_size + i) ++err;
  await rs(right_op);
  for (let i = 0; i < block_size; ++i) if (recvbuf[i] != size - 1 + rank * block_size + i) ++err;
  await rs(nc_sum_op);
  for (let i = 0; i < block_size; ++i) {
    const x = rank * block_size + i;
    if (recvbuf[i] != size * x + ((size - 1) * size) / 2) ++err;
  }
}
left_op.Free();
right_op.Free();
nc_sum_op.Free();
await MTest_Finalize(err);
