// CorrBench correct/coll/allgather_struct.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init, MTestGetIntracommGeneral } from '../mtest.js';

// typedef struct { int first; long second; } int_long_t: a struct type with padding (misaligned types).
let errs = 0;
const minsize = 2;
MTest_Init();
for await (const comm of MTestGetIntracommGeneral(minsize)) {
  if (comm == MPI.COMM_NULL) continue;
  const rank = comm.Get_rank();
  const size = comm.Get_size();
  const STRUCT = 16; // sizeof(int_long_t) on LP64
  const gathered = new ArrayBuffer(size * STRUCT);
  const object = new ArrayBuffer(STRUCT);
  new Int32Array(object)[0] = rank;
  new BigInt64Array(object)[1] = BigInt(rank * 10);
  // C takes the displacements from MPI_Get_address of the members: 0 and 8 in this layout.
  const displacements = [0, 8];
  const type = MPI.Datatype.Create_struct([1, 1], displacements, [MPI.INT, MPI.LONG]).Commit();
  await comm.Allgather([new Uint8Array(object), 1, type], [new Uint8Array(gathered), 1, type]);
  const first = new Int32Array(gathered);
  const second = new BigInt64Array(gathered);
  for (let i = 0; i < size; i++) if (first[4 * i] != i || second[2 * i + 1] != BigInt(i * 10)) errs++;
  type.Free();
}
await MTest_Finalize(errs);
