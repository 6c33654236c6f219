// CorrBench correct/pt2pt/bsend1.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const comm = MPI.COMM_WORLD;
const dest = 0;
const src = 0;
const tag = 1;
const cstr = (s: string, n: number) => { const a = new Int8Array(n); a.set(Array.from(s, (c) => c.charCodeAt(0))); return a; };
const str = (a: Int8Array) => String.fromCharCode(...a.subarray(0, a.indexOf(0) < 0 ? a.length : a.indexOf(0)));
const rmsg1 = new Int8Array(64);
const rmsg3 = new Int8Array(64);
const rmsg2 = new Float64Array(64);
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
// C sizes the buffer with MPI_Pack_size, which is count × size for these contiguous basic types.
const s1 = 7 * MPI.CHAR.Get_size();
const s2 = 2 * MPI.DOUBLE.Get_size();
const s3 = 17 * MPI.CHAR.Get_size();
const bufsize = 3 * MPI.BSEND_OVERHEAD + s1 + s2 + s3;
MPI.Attach_buffer(new Uint8Array(bufsize));
const msg1 = cstr('012345', 7);
const msg3 = cstr('0123401234012341', 17);
const msg2 = new Float64Array([1.23, 3.21]);
if (rank == src) {
  await comm.Bsend([msg1, 7, MPI.CHAR], dest, tag);
  await comm.Bsend([msg2, 2, MPI.DOUBLE], dest, tag);
  await comm.Bsend([msg3, 17, MPI.CHAR], dest, tag);
}
if (rank == dest) {
  await comm.Recv([rmsg1, 7, MPI.CHAR], src, tag);
  await comm.Recv([rmsg2, 10, MPI.DOUBLE], src, tag);
  await comm.Recv([rmsg3, 17, MPI.CHAR], src, tag);
  if (str(rmsg1) != str(msg1)) { errs++; console.error(`message 1 (${str(rmsg1)}) should be ${str(msg1)}`); }
  if (rmsg2[0] != msg2[0] || rmsg2[1] != msg2[1]) { errs++; console.error('message 2 incorrect'); }
  if (str(rmsg3) != str(msg3)) { errs++; console.error(`message 3 (${str(rmsg3)}) should be ${str(msg3)}`); }
}
await MPI.Detach_buffer();
await MTest_Finalize(errs);
