// CorrBench correct/pt2pt/bsend3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const BUFSIZE = 2000;
const status = new MPI.Status();
const a = new Int32Array(10);
const b = new Int32Array(10);
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
MPI.Attach_buffer(new Uint8Array(BUFSIZE)); // C: int buf[BUFSIZE], attached with size BUFSIZE (bytes)
for (let j = 0; j < 10; j++) {
  const request = MPI.COMM_WORLD.Bsend_init([a, 10, MPI.INT], 0, 27 + j);
  for (let i = 0; i < 10; i++) a[i] = (rank + 10 * j) * size + i;
  request.Start();
  await request.Wait(status);
  request.Free();
}
if (rank == 0) {
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < 10; j++) {
      status.Set_tag(-10);
      status.Set_source(-20);
      await MPI.COMM_WORLD.Recv([b, 10, MPI.INT], i, 27 + j, status);
      if (status.Get_tag() != 27 + j) { errs++; console.log(`Wrong tag = ${status.Get_tag()}`); }
      if (status.Get_source() != i) { errs++; console.log(`Wrong source = ${status.Get_source()}`); }
      for (let k = 0; k < 10; k++) {
        if (b[k] != (i + 10 * j) * size + k) { errs++; console.log(`received b[${k}] = ${b[k]} from ${i} tag ${27 + j}`); }
      }
    }
  }
}
await MPI.Detach_buffer();
await MTest_Finalize(errs);
