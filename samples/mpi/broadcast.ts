// broadcast.py: rank 0 shares one value with every rank (a binomial tree, not a loop over ranks).
// Run: rankscope run -n 9 samples/mpi/broadcast.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();

let variableToShare: number | null;
if (rank === 0) variableToShare = 100;
else variableToShare = null;

variableToShare = await comm.bcast(variableToShare, { root: 0 });
console.log(`process = ${rank} variable shared = ${variableToShare}`);
