// CorrBench correct/coll/red3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Reduce with a non-commutative user-defined operation: matrix multiply, c(i,j) is cin[j + i * matSize].
const MAXCOL = 256;
let matSize = 0; // must be < MAXCOL
const ints = (p: any) => new Int32Array(p.buffer, p.byteOffset, p.byteLength / 4); // C: (int *)ptr
function uop(cinPtr: any, coutPtr: any) {
  const cin = ints(cinPtr);
  const cout = ints(coutPtr);
  const count = cin.length / (matSize * matSize);
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
// P_r: the identity with rows r and r+1 swapped (the last rank: the identity); P_0 … P_{size-2} is a left shift by 1.
function initMat(comm: any, mat: Int32Array) {
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  for (let i = 0; i < size * size; i++) mat[i] = 0;
  for (let i = 0; i < size; i++) {
    if (rank != size - 1) {
      if (i == rank) mat[((i + 1) % size) + i * size] = 1;
      else if (i == (rank + 1) % size) mat[((i + size - 1) % size) + i * size] = 1;
      else mat[i + i * size] = 1;
    } else mat[i + i * size] = 1;
  }
}
function isShiftLeft(comm: any, mat: Int32Array) {
  const size = comm.Get_size();
  let errs = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i == (j + 1) % size) { if (mat[j + i * size] != 1) errs++; } else if (mat[j + i * size] != 0) errs++;
    }
  }
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
    if (rank == root) errs += isShiftLeft(comm, bufout);
    initMat(comm, bufout);
    if (rank == root) await comm.Reduce(MPI.IN_PLACE, [bufout, count, mattype], op, root);
    else await comm.Reduce([bufout, count, mattype], null, op, root);
    if (rank == root) errs += isShiftLeft(comm, bufout);
  }
  mattype.Free();
}
op.Free();
await MTest_Finalize(errs);
