// reduction.py: Reduce sums the i-th elements of every rank's array into rank 0's i-th element.
// Run: rankscope run -n 3 samples/mpi/reduction.ts
import { MPI } from 'rankscope/mpi';
import { npArray } from './numpy-format.js';

const comm = MPI.COMM_WORLD;
const size = comm.size;
const rank = comm.rank;
void size;

const arraySize = 3;
// The seed used dtype=np.int, which numpy has removed; Int32Array is a plain int array.
const recvdata = new Int32Array(arraySize);
const senddata = Int32Array.from({ length: arraySize }, (_, i) => (rank + 1) * i);

console.log(` process ${rank} sending ${npArray(senddata)} `);
await comm.Reduce(senddata, recvdata, { root: 0, op: MPI.SUM });
console.log(`on task ${rank} after Reduce: data = ${npArray(recvdata)}`);
