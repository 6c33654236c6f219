// deadLockProblems.py: ranks 1 and 5 each wait to receive from the other before sending.
// Nobody sends, so both wait forever: Rankscope detects it, names both calls and lines, and ends
// the run with status 86 (mpiexec would hang until Ctrl-C).
// Run: rankscope run -n 9 samples/mpi/deadlock.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
console.log('my rank is : ', rank);

if (rank === 1) {
  const dataSend = 'a';
  const destinationProcess = 5;
  const sourceProcess = 5;

  const dataReceived = await comm.
  recv({ source: sourceProcess });
  await comm.send(dataSend, { dest: destinationProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}

if (rank === 5) {
  const dataSend = 'b';
  const destinationProcess = 1;
  const sourceProcess = 1;

  const dataReceived = await comm.recv({ source: sourceProcess });
  await comm.send(dataSend, { dest: destinationProcess });

  console.log(`sending data ${dataSend} to process ${destinationProcess}`);
  console.log(`data received is = ${dataReceived}`);
}
