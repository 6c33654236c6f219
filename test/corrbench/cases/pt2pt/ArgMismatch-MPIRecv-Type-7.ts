// CorrBench pt2pt/ArgMismatch-MPIRecv-Type-7.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 124523;
const N = 10;
const EVEN = 0;

/*
 * Data type mismatch in MPI_Recv between buffer, expected type and sent type.
 * line 24
 */

let rank = 0;
let numProcs = 0;
const buffer = new Int32Array(N); buffer.set([1]);

numProcs = MPI.COMM_WORLD.Get_size();
rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Send([buffer, 1, MPI.INT], 1, 0);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Recv([buffer, 1, MPI.CHAR], 0, 0);
}


