// CorrBench correct/coll/alltoallw1.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A distributed matrix transpose with Alltoallw and derived types (MPI: The Complete Reference).
const MAX_ERRORS = 10;
// The submatrix (m rows, n columns) of a matrix with M rows stored by columns, in its destination.
function submatrix_type(M: number, m: number, n: number, type: any) {
  const submatrix = type.Create_vector(n, m, M).Commit();
  const tsize = type.Get_size();
  const [, textent] = submatrix.Get_extent();
  if (textent != tsize * (M * (n - 1) + m)) console.error(`Submatrix extent is ${textent}, expected ${tsize * (M * (n - 1) + m)} (${M},${n},${m})`);
  return submatrix;
}
// The submatrix (m rows, n columns) of a matrix with N columns stored by rows, read by columns.
function transpose_type(N: number, m: number, n: number, type: any) {
  const subrow = type.Create_vector(m, 1, N);
  const [, extent] = type.Get_extent();
  const subrow1 = subrow.Create_resized(0, extent);
  const submatrix = subrow1.Create_contiguous(n).Commit();
  subrow.Free();
  subrow1.Free();
  const tsize = type.Get_size();
  const [, textent] = submatrix.Get_true_extent();
  if (textent != tsize * (N * (m - 1) + n)) console.error(`Transpose Submatrix extent is ${textent}, expected ${tsize * (N * (m - 1) + n)} (${N},${n},${m})`);
  return submatrix;
}
// Transpose the block-distributed M x N matrix A of comm's processes onto the block-distributed B.
async function Transpose(localA: Float32Array, localB: Float32Array, M: number, N: number, comm: any) {
  const p = comm.Get_size();
  const myrank = comm.Get_rank();
  const extent = 4; // sizeof(float)
  const m = [Math.trunc(M / p), M - (p - 1) * Math.trunc(M / p)];
  const n = [Math.trunc(N / p), N - (p - 1) * Math.trunc(N / p)];
  const xtype = [0, 1].map((i) => [0, 1].map((j) => transpose_type(N, m[i], n[j], MPI.FLOAT)));
  const stype = [0, 1].map((i) => [0, 1].map((j) => submatrix_type(M, m[i], n[j], MPI.FLOAT)));
  const lasti = myrank == p - 1 ? 1 : 0;
  const sendcounts: number[] = [], recvcounts: number[] = [], sdispls: number[] = [], rdispls: number[] = [];
  const sendtypes: any[] = [], recvtypes: any[] = [];
  for (let j = 0; j < p; j++) {
    const lastj = j == p - 1 ? 1 : 0;
    sendcounts[j] = 1;
    sdispls[j] = j * n[0] * extent;
    sendtypes[j] = xtype[lasti][lastj];
    recvcounts[j] = 1;
    rdispls[j] = j * m[0] * extent;
    recvtypes[j] = stype[lastj][lasti];
  }
  await comm.Alltoallw([localA, [sendcounts, sdispls], sendtypes], [localB, [recvcounts, rdispls], recvtypes]);
  for (const row of [...xtype, ...stype]) for (const t of row) t.Free();
}
let errs = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
const gM = 20;
const gN = 30;
// Each block is lm x ln, except on the last process, which takes the rest.
const lm = Math.trunc(gM / size);
const lmlast = gM - (size - 1) * lm;
const ln = Math.trunc(gN / size);
const lnlast = gN - (size - 1) * ln;
const last = rank == size - 1;
const localA = new Float32Array(gN * (last ? lmlast : lm));
const localB = new Float32Array(gM * (last ? lnlast : ln));
for (let i = 0; i < (last ? lmlast : lm); i++) for (let j = 0; j < gN; j++) localA[i * gN + j] = i * gN + j + rank * gN * lm;
await Transpose(localA, localB, gM, gN, comm);
for (let i = 0; i < (last ? lnlast : ln); i++) {
  for (let j = 0; j < gM; j++) {
    const expected = i + gN * j + rank * ln;
    if (Math.trunc(localB[i * gM + j]) != expected) {
      if (errs < MAX_ERRORS) console.log(`Found ${Math.trunc(localB[i * gM + j])} but expected ${expected}`);
      errs++;
    }
  }
}
await MTest_Finalize(errs);
