// CorrBench correct/coll/coll12.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const TABLE_SIZE = 2;
const a = new Float64Array(TABLE_SIZE);
// C: struct { double a; int b; } in[TABLE_SIZE], out[TABLE_SIZE]: MPI_DOUBLE_INT pairs, 16 bytes each.
const pairs = () => { const ab = new ArrayBuffer(TABLE_SIZE * 16); return { v: new Float64Array(ab), i: new Int32Array(ab) }; };
const inp = pairs();
const out = pairs();
let errors = 0;
MTest_Init();
const rank = MPI.COMM_WORLD.Get_rank();
const size = MPI.COMM_WORLD.Get_size();
for (let i = 0; i < TABLE_SIZE; i++) a[i] = 0;
for (let i = rank; i < TABLE_SIZE; i++) a[i] = rank + 1.0;
for (let i = 0; i < TABLE_SIZE; i++) { inp.v[2 * i] = a[i]; inp.i[4 * i + 2] = rank; }
await MPI.COMM_WORLD.Reduce([inp.v, TABLE_SIZE, MPI.DOUBLE_INT], [out.v, TABLE_SIZE, MPI.DOUBLE_INT], MPI.MAXLOC, 0);
await MPI.COMM_WORLD.Bcast([out.v, TABLE_SIZE, MPI.DOUBLE_INT], 0);
for (let i = 0; i < TABLE_SIZE; i++) {
  if (i % size == rank && out.i[4 * i + 2] != rank) { console.log(`MAX (ranks[${i}] = ${out.i[4 * i + 2]} != ${rank}`); errors++; }
}
for (let i = 0; i < TABLE_SIZE; i++) a[i] = 0;
for (let i = rank; i < TABLE_SIZE; i++) a[i] = -rank - 1.0;
for (let i = 0; i < TABLE_SIZE; i++) { inp.v[2 * i] = a[i]; inp.i[4 * i + 2] = rank; }
await MPI.COMM_WORLD.Allreduce([inp.v, TABLE_SIZE, MPI.DOUBLE_INT], [out.v, TABLE_SIZE, MPI.DOUBLE_INT], MPI.MINLOC);
for (let i = 0; i < TABLE_SIZE; i++) {
  if (i % size == rank && out.i[4 * i + 2] != rank) { console.log(`MIN (ranks[${i}] = ${out.i[4 * i + 2]} != ${rank}`); errors++; }
}
await MTest_Finalize(errors);
