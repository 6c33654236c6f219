// pointToPointCommunication.py: rank 0 sends a number to rank 4, rank 1 a string to rank 8.
// Run: rankscope run -n 9 samples/mpi/point-to-point.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
console.log('my rank is : ', rank);

if (rank === 0) {
  const data = 10000000;
  const destinationProcess = 4;
  await comm.send(data, { dest: destinationProcess });
  console.log(`sending data ${data} to process ${destinationProcess}`);
}

if (rank === 1) {
  const destinationProcess = 8;
  const data = 'hello';
  await comm.send(data, { dest: destinationProcess });
  console.log(`sending data ${data} to process ${destinationProcess}`);
}

if (rank === 4) {
  const data = await comm.recv({ source: 0 });
  console.log(`data received is = ${data}`);
}

if (rank === 8) {
  const data1 = await comm.recv({ source: 1 });
  console.log(`data1 received is = ${data1}`);
}
