// CorrBench correct/pt2pt/isendirecv.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

const errs = 0;
const elems = 20;
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const nproc = comm.Get_size();
void rank;
const reqs: any[] = new Array(2 * nproc);
const in_buf = new Float32Array(elems * nproc);
const out_buf = new Float32Array(elems * nproc);
for (let i = 0; i < nproc; i++) reqs[i] = comm.Irecv([in_buf.subarray(elems * i), elems, MPI.FLOAT], i, 0);
for (let i = 0; i < nproc; i++) reqs[i + nproc] = comm.Isend([out_buf.subarray(elems * i), elems, MPI.FLOAT], i, 0);
await MPI.Request.Waitall(reqs);
await MTest_Finalize(errs);
