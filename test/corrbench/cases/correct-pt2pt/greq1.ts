// CorrBench correct/pt2pt/greq1.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// A simple test of generalized requests.
function query_fn(status: any) {
  status.Set_source(MPI.UNDEFINED);
  status.Set_tag(MPI.UNDEFINED);
  status.Set_cancelled(false);
  status.Set_elements(MPI.BYTE, 0);
  return 0;
}
function free_fn(b: any) {
  if (b) b[0]--;
  return 0;
}
function cancel_fn() { return 0; }
let errs = 0;
const status = new MPI.Status();
MTest_Init();
let request = MPI.Grequest.Start(query_fn, free_fn, cancel_fn);
const flag = request.Test(status);
if (flag) { errs++; console.error('Generalized request marked as complete'); }
request.Complete();
await request.Wait(status);
const counter = [1];
request = MPI.Grequest.Start(query_fn, free_fn, cancel_fn, [counter]);
request.Complete();
await request.Wait();
if (counter[0]) { errs++; console.error('Free routine not called, or not called with extra_data'); }
await MTest_Finalize(errs);
