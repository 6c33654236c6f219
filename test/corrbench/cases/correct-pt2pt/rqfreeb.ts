// CorrBench correct/pt2pt/rqfreeb.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Request_free on pending nonblocking sends of every mode, and on a receive.
const comm = MPI.COMM_WORLD;
const dest = 1;
const src = 0;
const tag = 1;
const smsg = new Int32Array(5);
const rmsg = new Int32Array(5);
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
if (src >= size || dest >= size) {
  console.error(`This program requires ${Math.max(src, dest) - 1} processes`);
  MPI.COMM_WORLD.Abort(1);
}
if (rank == src) {
  await MPI.COMM_WORLD.Barrier();
  // MPI_Pack_size(5, MPI_INT) is 5 × 4 bytes for a contiguous basic type.
  const s1 = 5 * MPI.INT.Get_size();
  const bufsize = MPI.BSEND_OVERHEAD + s1 + 2000;
  MPI.Attach_buffer(new Uint8Array(bufsize));
  const sends: [string, number][] = [['Isend', 10], ['Ibsend', 11], ['Issend', 12], ['Irsend', 13]];
  for (let k = 0; k < 4; k++) {
    smsg[k] = sends[k][1];
    const r = (comm as any)[sends[k][0]]([smsg.subarray(k), 1, MPI.INT], dest, tag + k);
    r.Free();
    // C checks that Request_free set the handle to MPI_REQUEST_NULL; a JS variable cannot be reset by a call.
  }
  smsg[4] = 14;
  await comm.Isend([smsg.subarray(4), 1, MPI.INT], dest, tag + 4).Wait();
  await MPI.Detach_buffer();
}
if (rank == dest) {
  const r: any[] = [];
  for (let i = 0; i < 5; i++) r[i] = comm.Irecv([rmsg.subarray(i), 1, MPI.INT], src, tag + i);
  if (rank != src) await MPI.COMM_WORLD.Barrier();
  for (let i = 0; i < 4; i++) {
    await r[i].Wait();
    if (rmsg[i] != 10 + i) { errs++; console.error(`message ${i} (${rmsg[i]}) should be ${10 + i}`); }
  }
  // Not USE_STRICT_MPI: free the last receive instead of waiting for it.
  r[4].Free();
}
if (rank != dest && rank != src) await MPI.COMM_WORLD.Barrier();
await MTest_Finalize(errs);
