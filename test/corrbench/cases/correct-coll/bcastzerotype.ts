// CorrBench correct/coll/bcastzerotype.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

import assert from 'node:assert';
const NELEM = 10;
MTest_Init();
const wrank = MPI.COMM_WORLD.Get_rank();
const buf = new Int8Array(NELEM * 4); // C: char *buf = malloc(NELEM * sizeof(int))
for (let i = 0; i < NELEM; i++) buf[i] = wrank * NELEM + i;
const type = MPI.INT.Create_contiguous(0).Commit();
const type_size = type.Get_size();
assert(type_size == 0);
await MPI.COMM_WORLD.Bcast([buf, NELEM, type], 0);
for (let i = 0; i < NELEM; i++) assert(buf[i] == wrank * NELEM + i);
type.Free();
await MTest_Finalize(0);
