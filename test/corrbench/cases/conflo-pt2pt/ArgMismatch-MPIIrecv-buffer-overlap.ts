// CorrBench conflo/pt2pt/ArgMismatch-MPIIrecv-buffer-overlap.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * recv buffers are overlappng ==> but write acces to recv buffer is forbidden until irevćv is finished. (line 28)
 */

const MSG_TAG_A = 124523;
const N = 1000;

const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;
const buffer = new Int32Array(N);
const buffer2 = new Int32Array(N / 2);

rank = MPI.COMM_WORLD.Get_rank();

let mpi_request1 = MPI.REQUEST_NULL;
let mpi_request2 = MPI.REQUEST_NULL;

const mpi_status = new MPI.Status();

let tar_2 = buffer2;
if (argc == 1) {
  tar_2 = buffer.subarray(N / 2);
} else {
  tar_2 = buffer2;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 1, MSG_TAG_A);
  await MPI.COMM_WORLD.Send([buffer, N / 2, MPI.INT], 1, MSG_TAG_A);

} else if (rank == 1) {
  mpi_request1 = MPI.COMM_WORLD.Irecv([buffer, N, MPI.INT], 0, MSG_TAG_A);
  mpi_request2 = MPI.COMM_WORLD.Irecv([tar_2, N / 2, MPI.INT], 0, MSG_TAG_A);

  await mpi_request1.Wait();
  await mpi_request2.Wait();
}


