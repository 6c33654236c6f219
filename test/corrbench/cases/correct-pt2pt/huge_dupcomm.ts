// CorrBench correct/pt2pt/huge_dupcomm.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const COUNT = 4 * 1024 * 1024;
const NCOMMS = 4;
const comms: any[] = new Array(NCOMMS);
const reqs: any[] = new Array(NCOMMS);
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
if (size != 2) {
  console.error('Launch with two processes');
  MPI.COMM_WORLD.Abort(1);
}
const buff = new Int32Array(COUNT * NCOMMS);
for (let i = 0; i < NCOMMS; i++) comms[i] = await MPI.COMM_WORLD.Dup();
for (let i = 0; i < NCOMMS; i++) {
  if (rank == 0) reqs[i] = comms[i].Isend([buff.subarray(COUNT * i), COUNT, MPI.INT], 1, 0);
  else reqs[i] = comms[i].Irecv([buff.subarray(COUNT * i), COUNT, MPI.INT], 0, 0);
}
await MPI.Request.Waitall(reqs);
for (let i = 0; i < NCOMMS; i++) comms[i].Free();
await MTest_Finalize(0);
