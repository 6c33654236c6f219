// CorrBench correct/pt2pt/anyall.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// One implementation delivered incorrect data when an MPI receive uses both ANY_SOURCE and ANY_TAG.
const MAX_MSGS = 30;
let errs = 0;
const r: any[] = new Array(MAX_MSGS);
const buf = Array.from({ length: MAX_MSGS }, () => new Int32Array(MAX_MSGS));
const status = new MPI.Status();
MTest_Init();
const wrank = MPI.COMM_WORLD.Get_rank();
const comm = MPI.COMM_WORLD;
const master = 0;
const worker = 1;
if (wrank == master) {
  for (let i = 0; i < MAX_MSGS; i++) for (let j = 0; j < MAX_MSGS; j++) buf[i][j] = i * MAX_MSGS + j;
  await MPI.COMM_WORLD.Barrier();
  for (let i = 0; i < MAX_MSGS; i++) await comm.Send([buf[i], MAX_MSGS - i, MPI.INT], worker, 3);
} else if (wrank == worker) {
  for (let i = 0; i < MAX_MSGS; i++) buf[i].fill(-1);
  for (let i = 0; i < MAX_MSGS; i++) r[i] = comm.Irecv([buf[i], MAX_MSGS - i, MPI.INT], MPI.ANY_SOURCE, MPI.ANY_TAG);
  await MPI.COMM_WORLD.Barrier();
  for (let i = 0; i < MAX_MSGS; i++) {
    const idx = await MPI.Request.Waitany(r, status);
    const count = status.Get_count(MPI.INT);
    if (count != MAX_MSGS - idx) {
      errs++;
    } else {
      for (let j = 0; j < MAX_MSGS - idx; j++) {
        if (buf[idx][j] != idx * MAX_MSGS + j) {
          errs++;
          console.log(`Message ${idx} [${j}] is ${buf[idx][j]}, should be ${idx * MAX_MSGS + j}`);
        }
      }
    }
  }
} else {
  await MPI.COMM_WORLD.Barrier();
}
await MTest_Finalize(errs);
