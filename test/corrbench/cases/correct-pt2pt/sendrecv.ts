// CorrBench correct/pt2pt/sendrecv.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const LARGE_SIZE = 100 * 1024;
const RNDV_SIZE = 256 * 1024;
const enc = (s: string) => new TextEncoder().encode(s + '\0');
const buffer = new Uint8Array(100);
buffer.set(enc('garbage'));
const big_buffer = new Uint8Array(RNDV_SIZE);
big_buffer.set(enc('big garbage'));
const status = new MPI.Status();
const tag = 1;
const reps = 1;
console.log('Simple Send/Recv test.');
const size = MPI.COMM_WORLD.Get_size();
const rank = MPI.COMM_WORLD.Get_rank();
const comm = MPI.COMM_WORLD;
if (size < 2) {
  console.log('Two processes needed.');
} else if (rank == 0) {
  buffer.set(enc('Hello process one.'));
  for (let i = 0; i < reps; i++) {
    await comm.Send([buffer, 100, MPI.BYTE], 1, tag);
    await comm.Recv([buffer, 100, MPI.BYTE], 1, tag, status);
  }
  big_buffer.set(enc('Hello again process one.'));
  for (let i = 0; i < reps; i++) {
    await comm.Send([big_buffer, LARGE_SIZE, MPI.BYTE], 1, tag);
    await comm.Recv([big_buffer, LARGE_SIZE, MPI.BYTE], 1, tag, status);
  }
  big_buffer.set(enc('Hello yet again process one.'));
  for (let i = 0; i < reps; i++) {
    await comm.Send([big_buffer, RNDV_SIZE, MPI.BYTE], 1, tag);
    await comm.Recv([big_buffer, RNDV_SIZE, MPI.BYTE], 1, tag, status);
  }
} else if (rank == 1) {
  for (let i = 0; i < reps; i++) {
    await comm.Recv([buffer, 100, MPI.BYTE], 0, tag, status);
    await comm.Send([buffer, 100, MPI.BYTE], 0, tag);
  }
  for (let i = 0; i < reps; i++) {
    await comm.Recv([big_buffer, LARGE_SIZE, MPI.BYTE], 0, tag, status);
    await comm.Send([big_buffer, LARGE_SIZE, MPI.BYTE], 0, tag);
  }
  for (let i = 0; i < reps; i++) {
    await comm.Recv([big_buffer, RNDV_SIZE, MPI.BYTE], 0, tag, status);
    await comm.Send([big_buffer, RNDV_SIZE, MPI.BYTE], 0, tag);
  }
} else {
  console.log(`Rank ${rank}, I am not participating.`);
}
