// helloWorld_MPI.py: every rank runs the same program and prints its rank.
// Run: rankscope run -n 5 samples/mpi/hello-world.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
console.log('hello world from process ', rank);
