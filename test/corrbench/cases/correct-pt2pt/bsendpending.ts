// CorrBench correct/pt2pt/bsendpending.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// BSend when a detach occurs before the bsend data has been sent.
let errs = 0;
const minsize = 2;
const status1 = new MPI.Status();
const status2 = new MPI.Status();
const status3 = new MPI.Status();
MTest_Init();
const msgsize = 128 * 1024;
const msg1all = new Uint8Array(3 * msgsize);
const msg1 = msg1all.subarray(0, msgsize);
const msg2 = msg1all.subarray(msgsize, 2 * msgsize);
const msg3 = msg1all.subarray(2 * msgsize);
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  const source = 0;
  const dest = size - 1;
  if (rank == source) {
    // A bsend buffer large enough that the Bsends cannot complete before the detach.
    const bufsize = 3 * (MPI.BSEND_OVERHEAD + msgsize);
    const buf = new Uint8Array(bufsize);
    MPI.Attach_buffer(buf);
    for (let i = 0; i < msgsize; i++) {
      msg1[i] = 0xff ^ (i & 0xff);
      msg2[i] = 0xff ^ ((3 * i) & 0xff);
      msg3[i] = 0xff ^ ((5 * i) & 0xff);
    }
    await comm.Bsend([msg1, msgsize, MPI.UNSIGNED_CHAR], dest, 0);
    await comm.Bsend([msg2, msgsize, MPI.UNSIGNED_CHAR], dest, 0);
    await comm.Bsend([msg3, msgsize, MPI.UNSIGNED_CHAR], dest, 0);
    await comm.Sendrecv([null, 0, MPI.UNSIGNED_CHAR], dest, 10, [null, 0, MPI.UNSIGNED_CHAR], dest, 10);
    const bufp: any = await MPI.Detach_buffer();
    if (bufp.buffer !== buf.buffer || bufp.byteOffset !== buf.byteOffset) { console.error('Wrong buffer returned'); errs++; }
    if (bufp.byteLength != bufsize) { console.error('Wrong buffer size returned'); errs++; }
  } else if (rank == dest) {
    msg1all.fill(0);
    await comm.Sendrecv([null, 0, MPI.UNSIGNED_CHAR], source, 10, [null, 0, MPI.UNSIGNED_CHAR], source, 10);
    const tstart = MPI.Wtime();
    while (MPI.Wtime() - tstart < 2.0);
    await comm.Recv([msg1, msgsize, MPI.UNSIGNED_CHAR], source, 0, status1);
    await comm.Recv([msg2, msgsize, MPI.UNSIGNED_CHAR], source, 0, status2);
    await comm.Recv([msg3, msgsize, MPI.UNSIGNED_CHAR], source, 0, status3);
    for (let i = 0; i < msgsize; i++) {
      if (msg1[i] != (0xff ^ (i & 0xff))) { if (errs < 10) console.error(`msg1[${i}] = ${msg1[i]}`); errs++; }
      if (msg2[i] != (0xff ^ ((3 * i) & 0xff))) { if (errs < 10) console.error(`msg2[${i}] = ${msg2[i]}`); errs++; }
      if (msg3[i] != (0xff ^ ((5 * i) & 0xff))) { if (errs < 10) console.error(`msg3[${i}] = ${msg3[i]}`); errs++; }
    }
  }
}
await MTest_Finalize(errs);
