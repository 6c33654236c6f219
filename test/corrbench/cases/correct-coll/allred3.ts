// CorrBench correct/coll/allred3.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

import assert from 'node:assert';
// Allreduce with a non-commutative user-defined operation: matrix multiply, c(i,j) is cin[j + i * matSize].
let errs = 0;
const MAXCOL = 256;
let matSize = 0; // must be < MAXCOL
let max_offset = 0;
const ints = (p: any) => new Int32Array(p.buffer, p.byteOffset, p.byteLength / 4); // C: (int *)ptr
function uop(cinPtr: any, coutPtr: any) {
  const cinAll = ints(cinPtr);
  const coutAll = ints(coutPtr);
  const matsize2 = matSize * matSize;
  const count = cinAll.length / matsize2;
  const tempcol = new Int32Array(MAXCOL);
  for (let nmat = 0; nmat < count; nmat++) {
    const cin = cinAll.subarray(nmat * matsize2);
    const cout = coutAll.subarray(nmat * matsize2);
    for (let j = 0; j < matSize; j++) {
      for (let i = 0; i < matSize; i++) {
        tempcol[i] = 0;
        for (let k = 0; k < matSize; k++) {
          const offset1 = k + i * matSize;
          const offset2 = j + k * matSize;
          assert(offset1 < max_offset);
          assert(offset2 < max_offset);
          tempcol[i] += cin[offset1] * cout[offset2];
        }
      }
      for (let i = 0; i < matSize; i++) {
        const offset1 = j + i * matSize;
        assert(offset1 < max_offset);
        cout[offset1] = tempcol[i];
      }
    }
  }
}
// P_0 … P_{size-2} shifts left by one; the last matrix (rank size-1) shifts right by one: the product is I.
function initMat(comm: any, mat: Int32Array) {
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  for (let i = 0; i < size * size; i++) { assert(i < max_offset); mat[i] = 0; }
  if (rank < size - 1) {
    for (let i = 0; i < size; i++) {
      let offset;
      if (i == rank) offset = ((i + 1) % size) + i * size;
      else if (i == (rank + 1) % size) offset = ((i + size - 1) % size) + i * size;
      else offset = i + i * size;
      assert(offset < max_offset);
      mat[offset] = 1;
    }
  } else {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const offset = j + i * size;
        mat[offset] = 0;
        if ((j - i + size) % size == 1) mat[offset] = 1;
      }
    }
  }
}
function isIdentity(comm: any, mat: Int32Array) {
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  let lerrs = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const offset = j + i * size;
      assert(offset < max_offset);
      if (mat[offset] != (i == j ? 1 : 0)) {
        lerrs++;
        if (errs + lerrs < 10) console.log(`[${rank}] mat[${i},${j}] = ${mat[offset]}, expected ${i == j ? 1 : 0}`);
      }
    }
  }
  return lerrs;
}
const minsize = 2;
MTest_Init();
const op = MPI.Op.Create(uop as any, false);
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const size = comm.Get_size();
  matSize = size;
  const count = 1;
  const mattype = MPI.INT.Create_contiguous(size * size).Commit();
  max_offset = count * size * size;
  const buf = new Int32Array(max_offset);
  const bufout = new Int32Array(max_offset);
  initMat(comm, buf);
  await comm.Allreduce([buf, count, mattype], [bufout, count, mattype], op);
  errs += isIdentity(comm, bufout);
  initMat(comm, bufout);
  await comm.Allreduce(MPI.IN_PLACE, [bufout, count, mattype], op);
  errs += isIdentity(comm, bufout);
  mattype.Free();
}
op.Free();
await MTest_Finalize(errs);
