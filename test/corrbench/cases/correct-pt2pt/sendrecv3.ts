// CorrBench correct/pt2pt/sendrecv3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Head to head send-recv, to test backoff in the device when large messages are being transferred.
const MAX_NMSGS = 100;
let errs = 0;
const msgsizes = [100, 1000, 10000, 100000, -1];
const nmsgs = [100, 10, 10, 4];
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const source = 0;
const dest = 1;
if (size < 2) {
  console.log('This test requires at least 2 processes');
  MPI.COMM_WORLD.Abort(1);
}
for (let testnum = 0; msgsizes[testnum] > 0; testnum++) {
  if (rank == source || rank == dest) {
    const nmsg = nmsgs[testnum];
    const msgSize = msgsizes[testnum];
    const r: any[] = new Array(MAX_NMSGS);
    const buf: Int32Array[] = [];
    for (let i = 0; i < nmsg; i++) buf[i] = new Int32Array(msgSize);
    const partner = (rank + 1) % size;
    await comm.Sendrecv([null, 0, MPI.INT], partner, 10, [null, 0, MPI.INT], partner, 10); // C: MPI_BOTTOM, count 0
    for (let i = 0; i < nmsg; i++) r[i] = comm.Isend([buf[i], msgSize, MPI.INT], partner, testnum);
    for (let i = 0; i < nmsg; i++) await comm.Recv([buf[i], msgSize, MPI.INT], partner, testnum);
    await MPI.Request.Waitall(r.slice(0, nmsg));
    await comm.Sendrecv([null, 0, MPI.INT], partner, 10, [null, 0, MPI.INT], partner, 10);
    if (rank == dest) await new Promise((res) => setTimeout(res, 1000)); // MTestSleep(1)
    let tsend = MPI.Wtime();
    for (let i = 0; i < nmsg; i++) r[i] = comm.Isend([buf[i], msgSize, MPI.INT], partner, testnum);
    tsend = MPI.Wtime() - tsend;
    for (let i = 0; i < nmsg; i++) await comm.Recv([buf[i], msgSize, MPI.INT], partner, testnum);
    await MPI.Request.Waitall(r.slice(0, nmsg));
    if (tsend > 0.5) {
      console.log(`Isends for ${nmsg} messages of size ${msgSize} took too long (${tsend} seconds)`);
      errs++;
    }
  }
}
await MTest_Finalize(errs);
