// CorrBench correct/pt2pt/rqstatus.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let errs = 0;
const buf = new Int32Array(2);
const status = new MPI.Status();
const status2 = new MPI.Status();
let req: any = MPI.REQUEST_NULL;
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const source = 0;
const dest = size - 1;
let flag = MPI.REQUEST_NULL.Get_status(status);
if (!flag) { errs++; console.error(`flag not true for MPI_REQUEST_NULL, flag=${flag}`); }
if (status.Get_source() != MPI.ANY_SOURCE || status.Get_tag() != MPI.ANY_TAG || status.Get_error() != MPI.SUCCESS) {
  errs++;
  console.error('non-empty MPI_Status returned for MPI_REQUEST_NULL');
}
flag = MPI.REQUEST_NULL.Get_status();
if (!flag) { errs++; console.error('flag not true for MPI_REQUEST_NULL with MPI_STATUS_IGNORE'); }
if (rank == source) {
  buf[0] = size;
  buf[1] = 3;
  await comm.Ssend([buf, 2, MPI.INT], dest, 10);
}
if (rank == dest) req = comm.Irecv([buf, 2, MPI.INT], source, 10);
await comm.Barrier();
// At this point the receive has at least started, because of the Ssend.
if (rank == dest) {
  status.Set_source(-1);
  status.Set_tag(-1);
  flag = req.Get_status(status);
  if (flag) {
    if (status.Get_tag() != 10) { errs++; console.error(`Tag value ${status.Get_tag()} should be 10`); }
    if (status.Get_source() != source) { errs++; console.error(`Source value ${status.Get_source()} should be ${source}`); }
    const count = status.Get_count(MPI.INT);
    if (count != 2) { errs++; console.error(`Count value ${count} should be 2`); }
  } else {
    errs++;
    console.error('Unexpected flag value from get_status');
  }
  await req.Wait(status2);
  if (status2.Get_tag() != 10) { errs++; console.error(`(wait)Tag value ${status2.Get_tag()} should be 10`); }
  if (status2.Get_source() != source) { errs++; console.error(`(wait)Source value ${status2.Get_source()} should be ${source}`); }
  const count = status2.Get_count(MPI.INT);
  if (count != 2) { errs++; console.error(`(wait)Count value ${count} should be 2`); }
}
await MTest_Finalize(errs);
