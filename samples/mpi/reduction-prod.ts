// The chapter's question: "What will be the output if we apply MPI.PROD?" — run it and see.
// Element i is the product over ranks r of (r+1)·i: 0 for i = 0, and (size!)·i^size otherwise,
// so with 3 ranks rank 0 gets [ 0  6 48].
// Run: rankscope run -n 3 samples/mpi/reduction-prod.ts
import { MPI } from 'rankscope/mpi';
import { npArray } from './numpy-format.js';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;

const arraySize = 3;
const recvdata = new Int32Array(arraySize);
const senddata = Int32Array.from({ length: arraySize }, (_, i) => (rank + 1) * i);

console.log(` process ${rank} sending ${npArray(senddata)} `);
await comm.Reduce(senddata, recvdata, { root: 0, op: MPI.PROD });
console.log(`on task ${rank} after Reduce: data = ${npArray(recvdata)}`);
