// CorrBench correct/coll/allred4.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// Allreduce with a non-commutative user op on 3x3 integer matrices (rotations): for any k, p, j the
// product I^k A I^(p-2-k-j) B I^j is (0 1 0; 0 0 1; 1 0 0). c(i,j) is cin[j + i * 3].
const ints = (p: any) => new Int32Array(p.buffer, p.byteOffset, p.byteLength / 4); // C: (int *)ptr
function matmult(cinPtr: any, coutPtr: any) {
  const cinAll = ints(cinPtr);
  const coutAll = ints(coutPtr);
  const tempcol = new Int32Array(3);
  for (let nmat = 0; nmat < cinAll.length / 9; nmat++) {
    const cin = cinAll.subarray(nmat * 9);
    const cout = coutAll.subarray(nmat * 9);
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 3; i++) {
        tempcol[i] = 0;
        for (let k = 0; k < 3; k++) tempcol[i] += cin[k + i * 3] * cout[j + k * 3];
      }
      for (let i = 0; i < 3; i++) cout[j + i * 3] = tempcol[i];
    }
  }
}
// Exactly one rank gets A and one gets B; the others the identity.
function initMat(rank: number, size: number, _nmat: number, mat: Int32Array) {
  for (let i = 0; i < 9; i++) mat[i] = 0;
  let kind = 0;
  if (size == 2) kind = 1 + rank;
  else {
    if (rank == Math.trunc(size / 4)) kind = 1;
    if (rank == Math.trunc((3 * size) / 4)) kind = 2;
  }
  if (kind == 0) { mat[0] = 1; mat[4] = 1; mat[8] = 1; }
  if (kind == 1) { mat[0] = 1; mat[5] = 1; mat[7] = 1; }
  if (kind == 2) { mat[1] = 1; mat[3] = 1; mat[8] = 1; }
}
function checkResult(nmat: number, mat: Int32Array, msg: string) {
  const solution = [0, 1, 0, 0, 0, 1, 1, 0, 0];
  let errs = 0;
  for (let n = 0; n < nmat; n++) {
    for (let k = 0; k < 9; k++) {
      if (mat[n * 9 + k] != solution[k]) {
        errs++;
        if (errs < 10) console.log(`[${MPI.COMM_WORLD.Get_rank()}]matrix #${n}(${msg}): Expected mat[${Math.trunc(k / 3)},${k % 3}] = ${solution[k]}, got ${mat[n * 9 + k]}`);
      }
    }
  }
  return errs;
}
let errs = 0;
const minsize = 2;
MTest_Init();
const op = MPI.Op.Create(matmult as any, false);
const mattype = MPI.INT.Create_contiguous(9).Commit();
{
  const buf = new Int32Array(4 * 9);
  for (let r = 0; r < 4; r++) initMat(r, 4, 0, buf.subarray(r * 9));
  matmult(buf.subarray(0, 9), buf.subarray(9, 18));
  matmult(buf.subarray(9, 18), buf.subarray(18, 27));
  matmult(buf.subarray(18, 27), buf.subarray(27, 36));
  checkResult(1, buf.subarray(27), 'Sanity Check');
}
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  for (let count = 1; count < size; count++) {
    const buf = new Int32Array(count * 9);
    const bufout = new Int32Array(count * 9);
    for (let i = 0; i < count; i++) initMat(rank, size, i, buf.subarray(i * 9));
    await comm.Allreduce([buf, count, mattype], [bufout, count, mattype], op);
    errs += checkResult(count, bufout, '');
    // The same, in place.
    for (let i = 0; i < count; i++) initMat(rank, size, i, bufout.subarray(i * 9));
    await comm.Allreduce(MPI.IN_PLACE, [bufout, count, mattype], op);
    errs += checkResult(count, bufout, 'IN_PLACE');
  }
}
op.Free();
mattype.Free();
await MTest_Finalize(errs);
