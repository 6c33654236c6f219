// CorrBench correct/pt2pt/cancelanysrc.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

import assert from 'node:assert';
const status = new MPI.Status();
MTest_Init();
const size = MPI.COMM_WORLD.Get_size();
const rank = MPI.COMM_WORLD.Get_rank();
if (size != 2) {
  console.error('ERROR: must be run with 2 processes');
  MPI.COMM_WORLD.Abort(1);
}
const msg = new Int32Array(1);
if (rank == 0) {
  msg[0] = -1;
  let request = MPI.COMM_WORLD.Irecv([msg, 1, MPI.INT], MPI.ANY_SOURCE, 0);
  request.Cancel();
  await request.Wait(status);
  assert(status.Is_cancelled());
  await MPI.COMM_WORLD.Barrier();
  request = MPI.COMM_WORLD.Irecv([msg, 1, MPI.INT], MPI.ANY_SOURCE, 0);
  await request.Wait(status);
  assert(msg[0] == 42);
} else {
  await MPI.COMM_WORLD.Barrier();
  msg[0] = 42;
  await MPI.COMM_WORLD.Send([msg, 1, MPI.INT], 0, 0);
}
await MTest_Finalize(0);
