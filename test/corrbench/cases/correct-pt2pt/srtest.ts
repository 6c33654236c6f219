// CorrBench correct/pt2pt/srtest.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

const BUFLEN = 512;
const buffer = new Int8Array(BUFLEN);
const status = new MPI.Status();
const numprocs = MPI.COMM_WORLD.Get_size();
const myid = MPI.COMM_WORLD.Get_rank();
const processor_name = MPI.Get_processor_name();
console.error(`Process ${myid} of ${numprocs} is alive on ${processor_name}`);
const text = 'hello there';
buffer.set(Array.from(text, (ch) => ch.charCodeAt(0)));
buffer[text.length] = 0;
const strlen = () => buffer.indexOf(0);
const next = myid == numprocs - 1 ? 0 : myid + 1;
if (myid == 0) {
  await MPI.COMM_WORLD.Send([buffer, strlen() + 1, MPI.CHAR], next, 99);
  await MPI.COMM_WORLD.Recv([buffer, BUFLEN, MPI.CHAR], MPI.ANY_SOURCE, 99, status);
} else {
  await MPI.COMM_WORLD.Recv([buffer, BUFLEN, MPI.CHAR], MPI.ANY_SOURCE, 99, status);
  await MPI.COMM_WORLD.Send([buffer, strlen() + 1, MPI.CHAR], next, 99);
}
await MPI.COMM_WORLD.Barrier();
