// CorrBench correct/coll/coll3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
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
if (MAX_PROCESSES % participants) {
  console.error(`Number of processors must divide ${MAX_PROCESSES}`);
  MPI.COMM_WORLD.Abort(1);
}
if (rank < participants) {
  const block_size = MAX_PROCESSES / participants;
  const begin_row = rank * block_size;
  const end_row = (rank + 1) * block_size;
  const send_count = block_size * MAX_PROCESSES;
  const recv_count = send_count;
  const displs: number[] = [];
  const recv_counts: number[] = [];
  for (let i = 0; i < participants; i++) { displs[i] = i * block_size * MAX_PROCESSES; recv_counts[i] = send_count; }
  void recv_count;
  for (let i = begin_row; i < end_row; i++) for (let j = 0; j < MAX_PROCESSES; j++) table[i * MAX_PROCESSES + j] = rank + 10;
  for (let i = 0; i < participants; i++) {
    const sendbuf = i == rank ? MPI.IN_PLACE : [row(begin_row), send_count, MPI.INT];
    await MPI.COMM_WORLD.Gatherv(sendbuf as any, [table, [recv_counts, displs], MPI.INT], i);
  }
  // Everybody should have the same table now.
  for (let i = 0; i < MAX_PROCESSES; i++) if (table[i * MAX_PROCESSES] - table[i * MAX_PROCESSES + MAX_PROCESSES - 1] != 0) errors++;
  for (let i = 0; i < MAX_PROCESSES; i++) for (let j = 0; j < MAX_PROCESSES; j++) if (table[i * MAX_PROCESSES + j] != Math.trunc(i / block_size) + 10) errors++;
}
await MTest_Finalize(errors);
