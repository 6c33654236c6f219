// CorrBench correct/pt2pt/sendall.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const MAXPES = 32;
const MYBUFSIZE = 16 * 1024;
const buffer = Array.from({ length: MAXPES }, () => new Int32Array(MYBUFSIZE));
const NUM_RUNS = 10;
const request: any[] = new Array(MAXPES);
const status = new MPI.Status();
MTest_Init();
const self = MPI.COMM_WORLD.Get_rank();
const npes = MPI.COMM_WORLD.Get_size();
if (npes > MAXPES) {
  console.error(`This program requires a comm_world no larger than ${MAXPES}`);
  MPI.COMM_WORLD.Abort(1);
}
for (let size = 1; size <= MYBUFSIZE; size += size) {
  let secs = -MPI.Wtime();
  for (let count = 0; count < NUM_RUNS; count++) {
    await MPI.COMM_WORLD.Barrier();
    for (let i = 0; i < npes; i++) if (i != self) request[i] = MPI.COMM_WORLD.Irecv([buffer[i], size, MPI.INT], i, MPI.ANY_TAG);
    for (let i = 0; i < npes; i++) if (i != self) await MPI.COMM_WORLD.Send([buffer[self], size, MPI.INT], i, 0);
    for (let i = 0; i < npes; i++) if (i != self) await request[i].Wait(status);
  }
  await MPI.COMM_WORLD.Barrier();
  secs += MPI.Wtime();
  if (self == 0) secs = secs / NUM_RUNS;
}
await MTest_Finalize(0);
