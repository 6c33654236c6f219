// CorrBench correct/coll/scattern.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let errs = 0;
MTest_Init();
const size = MPI.COMM_WORLD.Get_size();
const rank = MPI.COMM_WORLD.Get_rank();
const n = 12;
const stride = 10;
const vecin = new Float64Array(n * stride * size);
const vecout = new Float64Array(n);
const vec = MPI.DOUBLE.Create_vector(n, 1, stride).Commit();
for (let i = 0; i < n * stride * size; i++) vecin[i] = i;
for (let root = 0; root < size; root++) {
  for (let i = 0; i < n; i++) vecout[i] = -1.0;
  await MPI.COMM_WORLD.Scatter([vecin, 1, vec], [vecout, n, MPI.DOUBLE], root);
  let ivalue = rank * ((n - 1) * stride + 1);
  for (let i = 0; i < n; i++) {
    if (vecout[i] != ivalue) { console.log(`Expected ${ivalue} but found ${vecout[i]}`); errs++; }
    ivalue += stride;
  }
}
vec.Free();
await MTest_Finalize(errs);
