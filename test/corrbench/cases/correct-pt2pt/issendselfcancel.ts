// CorrBench correct/pt2pt/issendselfcancel.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

import assert from 'node:assert';
const status = new MPI.Status();
MTest_Init();
let req = MPI.COMM_SELF.Issend([null, 0, MPI.BYTE], 0, 123);
await MPI.COMM_SELF.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG, status);
assert(status.Get_source() == 0);
assert(status.Get_tag() == 123);
req.Cancel();
assert(req != MPI.REQUEST_NULL);
req.Free();
req = MPI.COMM_SELF.Irecv([null, 0, MPI.BYTE], 0, 123);
req.Cancel();
await req.Wait(status);
await MTest_Finalize(0);
