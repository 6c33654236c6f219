// CorrBench correct/coll/coll4.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
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
let comm: any = MPI.COMM_WORLD;
if (size > MAX_PROCESSES) comm = await MPI.COMM_WORLD.Split(rank < MAX_PROCESSES ? 1 : 0, rank);
else comm = await MPI.COMM_WORLD.Dup();
if (rank < participants) {
  const send_count = MAX_PROCESSES;
  const recv_count = MAX_PROCESSES;
  if (rank == 0) for (let i = 0; i < participants; i++) for (let j = 0; j < MAX_PROCESSES; j++) table[i * MAX_PROCESSES + j] = i + j;
  await comm.Scatter([table, send_count, MPI.INT], [rowbuf, recv_count, MPI.INT], 0);
  for (let i = 0; i < MAX_PROCESSES; i++) if (rowbuf[i] != i + rank) errors++;
}
comm.Free();
await MTest_Finalize(errors);
