// CorrBench correct/coll/coll5.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const MAX_PROCESSES = 10;
const table = new Int32Array(MAX_PROCESSES * MAX_PROCESSES); // C: int table[MAX_PROCESSES][MAX_PROCESSES]
const row = (i: number) => table.subarray(i * MAX_PROCESSES);
let errors = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
const participants = size > MAX_PROCESSES ? MAX_PROCESSES : size;
const rowbuf = new Int32Array(MAX_PROCESSES);
const displs: number[] = new Array(MAX_PROCESSES).fill(0);
const send_counts: number[] = new Array(MAX_PROCESSES).fill(0);
if (rank < participants) {
  const recv_count = MAX_PROCESSES;
  if (rank == 0) {
    for (let i = 0; i < participants; i++) {
      send_counts[i] = recv_count;
      displs[i] = i * MAX_PROCESSES;
      for (let j = 0; j < MAX_PROCESSES; j++) table[i * MAX_PROCESSES + j] = i + j;
    }
  }
  // C passes the whole arrays (MAX_PROCESSES entries); only the first `size` are read.
  await MPI.COMM_WORLD.Scatterv([table, [send_counts.slice(0, size), displs.slice(0, size)], MPI.INT], [rowbuf, recv_count, MPI.INT], 0);
  for (let i = 0; i < MAX_PROCESSES; i++) if (rowbuf[i] != i + rank) errors++;
}
await MTest_Finalize(errors);
