// CorrBench coll/MisplacedCall-MPIBarrier-Deadlock-1.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if collective operations were ordered incorrectly(line 33 - 43)
 */
let myRank = 0;
let numProcs = 0;

const data = new Int32Array([0]);

let ROOT_PROCESS = 0;
const sub_adds = new Int32Array(2);

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

if (myRank == 0) {
  await MPI.COMM_WORLD.Barrier();
  console.log("Rank: %d, MPI Barrier executed \n", myRank);
}

await MPI.COMM_WORLD.Bcast([data, 1, MPI.INT], ROOT_PROCESS);
console.log("Rank: %d, MPI Bcast executed \n", myRank);

if (myRank == 1) {
  await MPI.COMM_WORLD.Barrier();
  console.log("Rank: %d, MPI Barrier executed \n", myRank);
}


