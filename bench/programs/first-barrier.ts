// Rank program: the wall-clock time (ms since the epoch) at which the first barrier completes.
import { MPI } from 'rankscope/mpi';

await MPI.COMM_WORLD.barrier();
if (MPI.COMM_WORLD.rank === 0) console.log(JSON.stringify({ barrierAt: performance.timeOrigin + performance.now() }));
