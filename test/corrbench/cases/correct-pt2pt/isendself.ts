// CorrBench correct/pt2pt/isendself.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const a = new Int32Array(10);
const b = new Int32Array(10);
const status = new MPI.Status();
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
for (let i = 0; i < 10; i++) a[i] = i + 1;
status.Set_error(0);
let request = MPI.COMM_WORLD.Isend([a, 0, MPI.INT], rank, 0);
await MPI.COMM_WORLD.Recv([b, 1, MPI.INT], MPI.ANY_SOURCE, MPI.ANY_TAG, status);
let count = status.Get_count(MPI.INT);
if (status.Get_source() != rank || status.Get_tag() != 0 || status.Get_error() != 0 || count != 0) {
  errs++;
  console.log(`1 status = ${status.Get_source()} ${status.Get_tag()} ${status.Get_error()} ${count}`);
}
await request.Wait(status);
// C passes NULL with count 0: no buffer at all.
request = MPI.COMM_WORLD.Isend([null, 0, MPI.INT], rank, 0);
await MPI.COMM_WORLD.Recv([null, 0, MPI.INT], MPI.ANY_SOURCE, MPI.ANY_TAG, status);
count = status.Get_count(MPI.INT);
if (status.Get_source() != rank || status.Get_tag() != 0 || status.Get_error() != 0 || count != 0) {
  errs++;
  console.log(`2 status = ${status.Get_source()} ${status.Get_tag()} ${status.Get_error()} ${count}`);
}
await request.Wait(status);
await MTest_Finalize(errs);
