// CorrBench correct/pt2pt/inactivereq.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// MPI_Test and MPI_Wait on an inactive persistent request return at once with an empty status (MPI-1, 3.7.3).
function StatusEmpty(s: any): number {
  let errs = 0;
  if (s.Get_tag() != MPI.ANY_TAG) { errs++; console.log('MPI_TAG not MPI_ANY_TAG in status'); }
  if (s.Get_source() != MPI.ANY_SOURCE) { errs++; console.log('MPI_SOURCE not MPI_ANY_SOURCE in status'); }
  const count = s.Get_count(MPI.INT);
  if (count != 0) { errs++; console.log('count in status is not 0'); }
  return errs ? 0 : 1;
}
const s = new MPI.Status();
let errs = 0;
const buf = new Int32Array(10);
const rbuf = new Int32Array(10);
const tag = 27;
const dest = 0;
MTest_Init();
const size = MPI.COMM_WORLD.Get_size();
const rank = MPI.COMM_WORLD.Get_rank();
async function check(kind: string, r: any): Promise<boolean> {
  s.Set_tag(10);
  s.Set_source(10);
  const flag = r.Test(s);
  if (!flag) {
    errs++;
    console.log(`Flag not true after MPI_Test (${kind})`);
    await MTest_Finalize(errs);
    return false;
  }
  if (!StatusEmpty(s)) { errs++; console.log(`Status not empty after MPI_Test (${kind})`); }
  s.Set_tag(10);
  s.Set_source(10);
  await r.Wait(s);
  if (!StatusEmpty(s)) { errs++; console.log(`Status not empty after MPI_Wait (${kind})`); }
  return true;
}
let r = MPI.COMM_WORLD.Send_init([buf, 10, MPI.INT], dest, tag);
if (await check('send', r)) {
  if (rank == 0) {
    const rr: any[] = [];
    for (let i = 0; i < size; i++) rr[i] = MPI.COMM_WORLD.Irecv([rbuf, 10, MPI.INT], i, tag);
    r.Start();
    await r.Wait(s);
    await MPI.Request.Waitall(rr);
  } else {
    r.Start();
    await r.Wait(s);
  }
  if (await check('send', r)) {
    r.Free();
    r = MPI.COMM_WORLD.Recv_init([buf, 10, MPI.INT], dest, tag);
    if (await check('recv', r)) {
      r.Free();
      await MTest_Finalize(errs);
    }
  }
}
