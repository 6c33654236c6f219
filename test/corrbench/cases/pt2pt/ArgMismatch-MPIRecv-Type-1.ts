// CorrBench pt2pt/ArgMismatch-MPIRecv-Type-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Type mismatch in Recv for buffer and MPI data type.
 * line 23
 */
let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

const recvbuffer = new Int8Array(1);

if (rank == 0) {
  const test = new Float64Array([42.0]);
  await MPI.COMM_WORLD.Send([test, 1, MPI.DOUBLE], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([recvbuffer, 1, MPI.DOUBLE], 0, MSG_TAG_A);
  console.log("%d", recvbuffer[0]);
}


