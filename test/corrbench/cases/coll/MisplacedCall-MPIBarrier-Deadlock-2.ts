// CorrBench coll/MisplacedCall-MPIBarrier-Deadlock-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const MSG_TAG_A = 123;
const MSG_TAG_B = 1234;
const N = 1000;

/*
 * may lead to deadlock and is therefore not conforming to the standard(19 and 24)
 */
const buffer = new Int32Array(N);
const buffer2 = new Int32Array(N);

let rank = 0;
rank = MPI.COMM_WORLD.Get_rank();

if (rank == 0) {
  await MPI.COMM_WORLD.Recv([buffer, N, MPI.INT], 1, MSG_TAG_A);
  await MPI.COMM_WORLD.Barrier();
  await MPI.COMM_WORLD.Recv([buffer2, N, MPI.INT], 1, MSG_TAG_B);
} else if (rank == 1) {
  await MPI.COMM_WORLD.Send([buffer, N, MPI.INT], 0, MSG_TAG_A);
  await MPI.COMM_WORLD.Send([buffer2, N, MPI.INT], 0, MSG_TAG_B);
  await MPI.COMM_WORLD.Barrier();
}


