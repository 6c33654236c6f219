// CorrBench correct/pt2pt/dtype_send.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const NUM_LOOPS = 128;
const snd_buf = new Int32Array(3);
const rcv_buf = new Int32Array(3);
const count = 2;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const other = rank ? 0 : 1; // C: !rank
if (size < 2) {
  console.error('Must run with at least 2 processes');
  MPI.COMM_WORLD.Abort(1);
}
const displs: number[] = [];
for (let i = 0; i < count; i++) displs[i] = i * 2;
let req: any[] = new Array(NUM_LOOPS);
await MPI.COMM_WORLD.Barrier();
let newtype = MPI.INT.Create_indexed_block(1, displs).Commit();
if (rank == 0) {
  for (let i = 0; i < NUM_LOOPS; i++) req[i] = MPI.COMM_WORLD.Isend([snd_buf, 1, newtype], other, 0);
} else {
  for (let i = 0; i < NUM_LOOPS; i++) await MPI.COMM_WORLD.Recv([rcv_buf, 1, newtype], other, 0);
}
newtype.Free();
if (rank == 0) await MPI.Request.Waitall(req);
await MPI.COMM_WORLD.Barrier();
newtype = MPI.INT.Create_indexed_block(1, displs).Commit();
if (rank == 0) {
  for (let i = 0; i < NUM_LOOPS; i++) req[i] = MPI.COMM_WORLD.Issend([snd_buf, 1, newtype], other, 0);
} else {
  for (let i = 0; i < NUM_LOOPS; i++) await MPI.COMM_WORLD.Recv([rcv_buf, 1, newtype], other, 0);
}
newtype.Free();
if (rank == 0) await MPI.Request.Waitall(req);
await MPI.COMM_WORLD.Barrier();
newtype = MPI.INT.Create_indexed_block(1, displs).Commit();
req = new Array(NUM_LOOPS);
if (rank == 0) {
  await MPI.COMM_WORLD.Barrier();
  for (let i = 0; i < NUM_LOOPS; i++) req[i] = MPI.COMM_WORLD.Irsend([snd_buf, 1, newtype], other, 0);
} else {
  for (let i = 0; i < NUM_LOOPS; i++) req[i] = MPI.COMM_WORLD.Irecv([rcv_buf, 1, newtype], other, 0);
  await MPI.COMM_WORLD.Barrier();
}
newtype.Free();
await MPI.Request.Waitall(req);
await MPI.COMM_WORLD.Barrier();
await MTest_Finalize(0);
