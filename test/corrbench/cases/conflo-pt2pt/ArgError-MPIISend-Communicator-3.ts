// CorrBench conflo/pt2pt/ArgError-MPIISend-Communicator-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124;
const MSG_TAG_B = 1234;
const N = 1000;
const N2 = 1204;

/*
 * Illegal rank. Processes are in different communicators. line 29/32
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
const buffer = new Int32Array(N);
const buffer2 = new Int32Array(N2);

let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

let color = 1;
if (argc == 1) {
  color = rank / 1;
} else {
  color = 1;
}

let row_comm = MPI.COMM_NULL;
row_comm = await MPI.COMM_WORLD.Split(color, rank);
let request = MPI.REQUEST_NULL;
const status = new MPI.Status();

if (rank == 0) {
  request = row_comm.Isend([buffer, 1, MPI.INT], 1, MSG_TAG_A);
  await request.Wait(status);
} else if (rank == 1) {
  request = row_comm.Irecv([buffer2, N2, MPI.INT], 0, MSG_TAG_A);
  await request.Wait(status);
}


