// CorrBench correct/pt2pt/rcancel.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Receive cancels, several requests to cancel.
let errs = 0;
const status = new MPI.Status();
const req: any[] = new Array(4);
const bufsizes = [1, 100, 10000, 1000000];
const bufs: Int8Array[] = new Array(4);
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const source = 0;
const dest = size - 1;
if (rank == source) {
  await comm.Send([null, 0, MPI.CHAR], dest, 1); // C: MPI_BOTTOM with count 0
} else if (rank == dest) {
  // Three requests to cancel, plus one to use.
  for (let i = 0; i < 4; i++) {
    bufs[i] = new Int8Array(bufsizes[i]);
    req[i] = comm.Irecv([bufs[i], bufsizes[i], MPI.CHAR], source, i);
  }
  for (const k of [2, 3, 0]) {
    req[k].Cancel();
    await req[k].Wait(status);
    if (!status.Is_cancelled()) { errs++; console.log(`Failed to cancel a Irecv[${k}] request`); }
  }
  await req[1].Wait(status);
  if (status.Is_cancelled()) { errs++; console.log('Incorrectly cancelled Irecv[1]'); }
}
await MTest_Finalize(errs);
