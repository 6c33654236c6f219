// CorrBench conflo/pt2pt/ArgError-MPIRecv-Type-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 1000;

/*
 * Type mismatch in Recv for buffer and MPI data type.
 * line 23
 */
const argc = process.argv.length - 1; // C argc: 1 when the program has no arguments
let rank = 0;

rank = MPI.COMM_WORLD.Get_rank();

let target_buf = null;
const c_recvbuffer = new Int8Array(1);
const d_recvbuffer = new Float64Array(1);
if (argc == 1) {
  target_buf = c_recvbuffer;
} else {
  target_buf = d_recvbuffer;
}

if (rank == 0) {
  const test = new Float64Array([42.0]);
  await MPI.COMM_WORLD.Send([test, 1, MPI.DOUBLE], 1, MSG_TAG_A);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([target_buf, 1, MPI.DOUBLE], 0, MSG_TAG_A);
}


