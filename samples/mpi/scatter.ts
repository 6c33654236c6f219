// scatter.py: rank 0 hands the i-th item of its array to rank i. Needs exactly one item per rank:
// with 10 items run it with -n 10; with -n 5 it stops with `scatter: expected 5 items (one per
// rank), got 10`, as mpi4py does.
// Run: rankscope run -n 10 samples/mpi/scatter.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();

let arrayToShare: number[] | null;
if (rank === 0) arrayToShare = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
else arrayToShare = null;

const recvbuf = await comm.scatter(arrayToShare, { root: 0 });
// The seed printed array_to_share here (a TypeError in Python); the received item is recvbuf.
console.log(`process = ${rank} recvbuf = ${recvbuf} `);
