// deadLockProblems3.py: the fix with sendrecv — one call that sends and receives, leaving the
// ordering to the library.
// Run: rankscope run -n 9 samples/mpi/deadlock-sendrecv.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
console.log('my rank is : ', rank);

if (rank === 1) {
  const dataSend = 'a';
  const destinationProcess = 5;
  const sourceProcess = 5;

  const dataReceived = await comm.sendrecv(dataSend, { dest: destinationProcess, source: sourceProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}

if (rank === 5) {
  const dataSend = 'b';
  const destinationProcess = 1;
  const sourceProcess = 1;

  const dataReceived = await comm.sendrecv(dataSend, { dest: destinationProcess, source: sourceProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}
