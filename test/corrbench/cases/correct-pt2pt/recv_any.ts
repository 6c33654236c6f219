// CorrBench correct/pt2pt/recv_any.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const BUFSIZE = 4;
const ITER = 10;
const stat = new MPI.Status();
const sbuf = new Int32Array(BUFSIZE);
const rbuf = new Int32Array(BUFSIZE);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
for (let i = 0; i < BUFSIZE; i++) { sbuf[i] = i + 1; rbuf[i] = 0; }
const dst = 0;
const src = 1;
for (let x = 0; x < ITER; x++) {
  const tag = x;
  if (rank == dst) {
    await MPI.COMM_WORLD.Recv([rbuf, 4 * BUFSIZE, MPI.CHAR], MPI.ANY_SOURCE, tag, stat); // C: sizeof(int) * BUFSIZE chars
    if (stat.Get_source() != src) {
      console.error(`[${rank}] Error: iter ${x}, stat.MPI_SOURCE=${stat.Get_source()}, expected ${src}`);
      MPI.COMM_WORLD.Abort(1);
    }
    for (let i = 0; i < BUFSIZE; i++) {
      if (rbuf[i] != i + 1) {
        console.error(`[${rank}] Error: iter ${x}, got rbuf[${i}]=${rbuf[i]}, expected ${i + 1}`);
        MPI.COMM_WORLD.Abort(1);
      }
    }
  } else if (rank == src) {
    await MPI.COMM_WORLD.Send([sbuf, 4 * BUFSIZE, MPI.CHAR], dst, tag);
  }
}
await MTest_Finalize(0);
