// CorrBench correct/pt2pt/many_isend.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const ITER = 5;
const BUF_COUNT = 16 * 1024;
const recvbuf = new Int8Array(BUF_COUNT);
const sendbuf = new Int8Array(BUF_COUNT);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const nprocs = MPI.COMM_WORLD.Get_size();
void rank;
const sendreqs: any[] = new Array(nprocs);
const sendstats = Array.from({ length: nprocs }, () => new MPI.Status());
for (let x = 0; x < ITER; x++) {
  await MPI.COMM_WORLD.Barrier();
  for (let i = 0; i < nprocs; i++) sendreqs[i] = MPI.COMM_WORLD.Isend([sendbuf, BUF_COUNT, MPI.CHAR], i, 0);
  for (let i = 0; i < nprocs; i++) await MPI.COMM_WORLD.Recv([recvbuf, BUF_COUNT, MPI.CHAR], MPI.ANY_SOURCE, MPI.ANY_TAG);
  await MPI.Request.Waitall(sendreqs, sendstats);
}
await MPI.COMM_WORLD.Barrier();
await MTest_Finalize(0);
