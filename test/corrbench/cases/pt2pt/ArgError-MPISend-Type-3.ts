// CorrBench pt2pt/ArgError-MPISend-Type-3.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * wrong data type to send. (line 21)
 */
let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

const recvbuffer = new Int8Array(1); // C: malloc(1 * sizeof(char))

if (rank == 0) {
  const test = new Int8Array(['a'.charCodeAt(0)]);
  await MPI.COMM_WORLD.Send([test, 1, MPI.DOUBLE], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([recvbuffer, 1, MPI.DOUBLE], 0, MSG_TAG_A);
  console.log("%d", recvbuffer[0]);
}


