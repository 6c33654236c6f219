// "In the buffered mode, the flow control returns to the program as soon as the data to be sent
// has been copied to a buffer": two ranks that both send first, then receive. It works, because
// these messages are small and MPI buffers them; with large messages (or an MPI that buffers
// nothing) each send waits for a receive that never comes. Rankscope warns of it after the run,
// naming both sends; `--strict-buffering` shows the deadlock it hides.
// Run: rankscope run -n 2 samples/mpi/buffered-exchange.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const other = 1 - rank;

const mine = new Float64Array(4).fill(rank);
const theirs = new Float64Array(4);

await comm.Send(mine, other, 0); // both ranks send first…
await comm.Recv(theirs, other, 0); // …and only then receive
console.log(`rank ${rank} received ${theirs[0]} from rank ${other}`);
