// deadLockProblems2.py: the fix by asymmetry — rank 5 sends first, then receives.
// Run: rankscope run -n 9 samples/mpi/deadlock-fixed-order.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
console.log('my rank is : ', rank);

if (rank === 1) {
  const dataSend = 'a';
  const destinationProcess = 5;
  const sourceProcess = 5;

  const dataReceived = await comm.recv({ source: sourceProcess });
  await comm.send(dataSend, { dest: destinationProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}

if (rank === 5) {
  const dataSend = 'b';
  const destinationProcess = 1;
  const sourceProcess = 1;

  await comm.send(dataSend, { dest: destinationProcess });
  const dataReceived = await comm.recv({ source: sourceProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}
