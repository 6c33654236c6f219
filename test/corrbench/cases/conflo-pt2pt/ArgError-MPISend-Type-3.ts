// CorrBench conflo/pt2pt/ArgError-MPISend-Type-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * wrong data type to send. (line 21)
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

const recvbuffer = new Int8Array(1); // C: malloc(sizeof(char))
const test = new Int8Array(['a'.charCodeAt(0)]);
let ty = MPI.CHAR;
if (argc == 1) {
  ty = MPI.DOUBLE;
} else {
  ty = MPI.CHAR;
}

if (rank == 0) {
  await MPI.COMM_WORLD.Send([test, 1, ty], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([recvbuffer, 1, ty], 0, MSG_TAG_A);
  console.log("%d", recvbuffer[0]);
}


