// CorrBench pt2pt/ArgMismatch-MPIRecv-Tag-2.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * disagreeing tags. (line 37/43)
 */

const MSG_TAG_A = 124523;
const N = 10;
const EVEN = 0;

// C passes countEvenNumbers by pointer; a one-element holder here.
function determineReceiverTag(index, tag, countEvenNumbers) {
  if (index % 2 == EVEN) {
    countEvenNumbers[0]++;
  }

  if (countEvenNumbers[0] == (N / 2)) {
    return tag + 1;
  }

  return tag;
}

let rank = 0;
let numProcs = 0;
const buffer = new Int32Array(N);
let i = 0;

numProcs = MPI.COMM_WORLD.Get_size();
rank = MPI.COMM_WORLD.Get_rank();

const countEvenNumbers = [0];

for (i = 0; i < 10; i++) {
  if (rank == 0) {
    let tag_sender = i * N;
    await MPI.COMM_WORLD.Send([buffer, 1, MPI.INT], 1, tag_sender);
  }

  else if (rank == 1) {
    let tag_receiver = determineReceiverTag(i, i * N, countEvenNumbers);
    console.log("Count Even Numbers: %d \n", countEvenNumbers[0]);
    await MPI.COMM_WORLD.Recv([buffer, 1, MPI.INT], 0, tag_receiver);
  }
}


