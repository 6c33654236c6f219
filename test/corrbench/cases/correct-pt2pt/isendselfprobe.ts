// CorrBench correct/pt2pt/isendselfprobe.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const sendMsg = new Int32Array([123]);
const recvMsg = new Int32Array([0]);
let flag = false;
const status = new MPI.Status();
let errs = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
if (rank == 0) {
  const request = MPI.COMM_WORLD.Isend([sendMsg, 1, MPI.INT], 0, 0);
  while (!flag) flag = MPI.COMM_WORLD.Iprobe(0, 0, status);
  const count = status.Get_count(MPI.INT);
  if (count != 1) errs++;
  await MPI.COMM_WORLD.Recv([recvMsg, 1, MPI.INT], 0, 0, status);
  if (recvMsg[0] != 123) errs++;
  await request.Wait(status);
}
await MTest_Finalize(errs);
