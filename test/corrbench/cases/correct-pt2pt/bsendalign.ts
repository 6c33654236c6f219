// CorrBench correct/pt2pt/bsendalign.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const BUFSIZE = 2000 * 4;
const status = new MPI.Status();
const a = new Int32Array(10);
const b = new Int32Array(10);
const buf = new Uint8Array(BUFSIZE + 8);
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
for (let align = 0; align < 7; align++) {
  MPI.Attach_buffer(buf.subarray(align, align + BUFSIZE));
  for (let j = 0; j < 10; j++) {
    for (let i = 0; i < 10; i++) a[i] = (rank + 10 * j) * size + i;
    await MPI.COMM_WORLD.Bsend([a, 10, MPI.INT], 0, 27 + j);
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
          if (b[k] != (i + 10 * j) * size + k) { errs++; console.log(`(Align=${align}) received b[${k}] = ${b[k]}`); }
        }
      }
    }
  }
  const bptr: any = await MPI.Detach_buffer();
  if (bptr.byteOffset != buf.byteOffset + align) {
    errs++;
    console.log('Did not receive the same buffer on detach that was provided on init');
  }
}
await MTest_Finalize(errs);
