// CorrBench correct/pt2pt/waittestnull.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Test/Wait -all, -any, -some on zero requests. C sets MPI_ERRORS_RETURN; an error here is an exception.
let errs = 0;
const status = new MPI.Status();
const reqs: any[] = [];
MTest_Init();
let flag: any = MPI.Request.Testall(reqs);
if (!flag) { console.log('MPI_Testall(0, ...) did not return a true flag'); errs++; }
await MPI.Request.Waitall(reqs);
const [, anyflag] = MPI.Request.Testany(reqs, status);
if (!anyflag) { console.log('MPI_Testany(0, ...) did not return a true flag'); errs++; }
await MPI.Request.Waitany(reqs, status);
flag = MPI.Request.Testsome(reqs);
await MPI.Request.Waitsome(reqs);
await MTest_Finalize(errs);
