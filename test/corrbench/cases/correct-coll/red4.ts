// CorrBench correct/coll/red4.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Reduce with a non-commutative user-defined operation and every root: matrix multiply, c(i,j) is cin[j + i * matSize].
const MAXCOL = 256;
let matSize = 0; // must be < MAXCOL
const ints = (p: any) => new Int32Array(p.buffer, p.byteOffset, p.byteLength / 4); // C: (int *)ptr
function uop(cinPtr: any, coutPtr: any) {
  const cin = ints(cinPtr);
  const cout = ints(coutPtr);
  const count = cin.length / (matSize * matSize);
  if (count != 1) console.log('Panic!');
  const tempCol = new Int32Array(MAXCOL);
  for (let nmat = 0; nmat < count; nmat++) {
    for (let j = 0; j < matSize; j++) {
      for (let i = 0; i < matSize; i++) {
        tempCol[i] = 0;
        for (let k = 0; k < matSize; k++) tempCol[i] += cin[k + i * matSize] * cout[j + k * matSize];
      }
      for (let i = 0; i < matSize; i++) cout[j + i * matSize] = tempCol[i];
    }
  }
}
// P_r swaps rows r and r+1 (mod size); P_0 … P_{size-1} orders the rows 1, size, 2, 3, …, size-1.
function initMat(comm: any, mat: Int32Array) {
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  matSize = size;
  for (let i = 0; i < matSize * matSize; i++) mat[i] = 0;
  for (let i = 0; i < matSize; i++) {
    if (i == rank) mat[((i + 1) % matSize) + i * matSize] = 1;
    else if (i == (rank + 1) % matSize) mat[((i + matSize - 1) % matSize) + i * matSize] = 1;
    else mat[i + i * matSize] = 1;
  }
}
function isPermutedIdentity(comm: any, mat: Int32Array) {
  const size = comm.Get_size();
  let errs = 0;
  const want = (i: number, j: number, one: boolean) => {
    if (mat[j + i * size] != (one ? 1 : 0)) { console.log(`mat(${i},${j}) = ${mat[j + i * size]}, should = ${one ? 1 : 0}`); errs++; }
  };
  for (let j = 0; j < size; j++) want(0, j, j == 0);
  for (let j = 0; j < size; j++) want(1, j, j == size - 1);
  for (let i = 2; i < size; i++) for (let j = 0; j < size; j++) want(i, j, j == i - 1);
  return errs;
}
let errs = 0;
const minsize = 2;
MTest_Init();
const op = MPI.Op.Create(uop as any, false);
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  matSize = size; // used by the user-defined operation
  const count = 1;
  const mattype = MPI.INT.Create_contiguous(size * size).Commit();
  const buf = new Int32Array(count * size * size);
  const bufout = new Int32Array(count * size * size);
  for (let root = 0; root < size; root++) {
    initMat(comm, buf);
    await comm.Reduce([buf, count, mattype], [bufout, count, mattype], op, root);
    if (rank == root) errs += isPermutedIdentity(comm, bufout);
    initMat(comm, bufout);
    if (rank == root) await comm.Reduce(MPI.IN_PLACE, [bufout, count, mattype], op, root);
    else await comm.Reduce([bufout, count, mattype], null, op, root);
    if (rank == root) errs += isPermutedIdentity(comm, bufout);
  }
  mattype.Free();
}
op.Free();
await MTest_Finalize(errs);
