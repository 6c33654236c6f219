// CorrBench correct/pt2pt/wtime.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const i = MPI.COMM_WORLD.Get_rank();
void i;
const dStart = MPI.Wtime();
await new Promise((res) => setTimeout(res, 1000)); // MTestSleep(1)
const dFinish = MPI.Wtime();
const dDuration = dFinish - dStart;
console.log(`start:${dStart}\nfinish:${dFinish}\nduration:${dDuration}`);
