// CorrBench correct/coll/nonblocking.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Every nonblocking collective once, and in place where MPI allows it.
const NUM_INTS = 2;
const errs = 0;
MTest_Init();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
// Room for every process to contribute NUM_INTS ints to any collective.
const sbuf = new Int32Array(NUM_INTS * size);
const rbuf = new Int32Array(NUM_INTS * size);
const scounts: number[] = [];
const rcounts: number[] = [];
const sdispls: number[] = [];
const rdispls: number[] = [];
const types: any[] = [];
for (let i = 0; i < size; ++i) {
  sbuf[2 * i] = i; sbuf[2 * i + 1] = i;
  rbuf[2 * i] = i; rbuf[2 * i + 1] = i;
  scounts[i] = NUM_INTS; rcounts[i] = NUM_INTS;
  sdispls[i] = i * NUM_INTS; rdispls[i] = i * NUM_INTS;
  types[i] = MPI.INT;
}
const S = [sbuf, NUM_INTS, MPI.INT] as any;
const R = [rbuf, NUM_INTS, MPI.INT] as any;
const Rv = [rbuf, [rcounts, rdispls], MPI.INT] as any;
const Sv = [sbuf, [scounts, sdispls], MPI.INT] as any;
const Rw = [rbuf, [rcounts, rdispls.map((d) => d * 4)], types] as any;
const Sw = [sbuf, [scounts, sdispls.map((d) => d * 4)], types] as any;
await comm.Ibarrier().Wait();
await comm.Ibcast(S, 0).Wait();
await comm.Igather(S, R, 0).Wait();
await (0 == rank ? comm.Igather(MPI.IN_PLACE, R, 0) : comm.Igather(S, R, 0)).Wait();
await comm.Igatherv(S, Rv, 0).Wait();
await (0 == rank ? comm.Igatherv(MPI.IN_PLACE, Rv, 0) : comm.Igatherv(S, Rv, 0)).Wait();
await comm.Iscatter(S, R, 0).Wait();
await (0 == rank ? comm.Iscatter(S, MPI.IN_PLACE, 0) : comm.Iscatter(S, R, 0)).Wait();
await comm.Iscatterv(Sv, R, 0).Wait();
await (0 == rank ? comm.Iscatterv(Sv, MPI.IN_PLACE, 0) : comm.Iscatterv(Sv, R, 0)).Wait();
await comm.Iallgather(S, R).Wait();
await comm.Iallgather(MPI.IN_PLACE, R).Wait();
await comm.Iallgatherv(S, Rv).Wait();
await comm.Iallgatherv(MPI.IN_PLACE, Rv).Wait();
await comm.Ialltoall(S, R).Wait();
await comm.Ialltoall(MPI.IN_PLACE, R).Wait();
await comm.Ialltoallv(Sv, Rv).Wait();
await comm.Ialltoallv(MPI.IN_PLACE, Rv).Wait();
await comm.Ialltoallw(Sw, Rw).Wait();
await comm.Ialltoallw(MPI.IN_PLACE, Rw).Wait();
await comm.Ireduce(S, R, MPI.SUM, 0).Wait();
await (0 == rank ? comm.Ireduce(MPI.IN_PLACE, R, MPI.SUM, 0) : comm.Ireduce(S, R, MPI.SUM, 0)).Wait();
await comm.Iallreduce(S, R, MPI.SUM).Wait();
await comm.Iallreduce(MPI.IN_PLACE, R, MPI.SUM).Wait();
// Reduce_scatter with counts of NUM_INTS per rank: the send buffer holds NUM_INTS * size ints.
await comm.Ireduce_scatter([sbuf, NUM_INTS * size, MPI.INT], R, rcounts, MPI.SUM).Wait();
await comm.Ireduce_scatter(MPI.IN_PLACE, [rbuf, NUM_INTS * size, MPI.INT], rcounts, MPI.SUM).Wait();
await comm.Ireduce_scatter_block([sbuf, NUM_INTS * size, MPI.INT], R, MPI.SUM).Wait();
await comm.Ireduce_scatter_block(MPI.IN_PLACE, [rbuf, NUM_INTS * size, MPI.INT], MPI.SUM).Wait();
await comm.Iscan(S, R, MPI.SUM).Wait();
await comm.Iscan(MPI.IN_PLACE, R, MPI.SUM).Wait();
await comm.Iexscan(S, R, MPI.SUM).Wait();
await comm.Iexscan(MPI.IN_PLACE, R, MPI.SUM).Wait();
await MTest_Finalize(errs);
