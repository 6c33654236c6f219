// CorrBench correct/coll/alltoallw_zeros.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Alltoallw and Alltoallv where every count, or every type's size, is zero.
MTest_Init();
const size = MPI.COMM_WORLD.Get_size();
const rank = MPI.COMM_WORLD.Get_rank();
const sendbuf = new Int32Array(1); // C: int sendbuf, recvbuf; passed by address
const recvbuf = new Int32Array(1);
const sendtype = MPI.INT.Create_contiguous(0).Commit();
const sendtypes: any[] = [];
const recvtypes: any[] = [];
const sendcounts: number[] = [];
const recvcounts: number[] = [];
const sdispls: number[] = [];
const rdispls: number[] = [];
for (let i = 0; i < size; ++i) {
  sendtypes[i] = sendtype; sendcounts[i] = 1; sdispls[i] = 0;
  recvtypes[i] = MPI.INT; recvcounts[i] = 0; rdispls[i] = 0;
}
const W = MPI.COMM_WORLD;
await W.Alltoallw([sendbuf, [sendcounts, sdispls], sendtypes], [recvbuf, [recvcounts, rdispls], recvtypes]);
await W.Alltoallw([sendbuf, [recvcounts, rdispls], recvtypes], [recvbuf, [sendcounts, sdispls], sendtypes]);
if (rank % 2) await W.Alltoallw(MPI.IN_PLACE, [recvbuf, [recvcounts, rdispls], recvtypes]);
else await W.Alltoallw(MPI.IN_PLACE, [recvbuf, [sendcounts, sdispls], sendtypes]);
await W.Alltoallv([sendbuf, [sendcounts, sdispls], sendtypes[0]], [recvbuf, [recvcounts, rdispls], recvtypes[0]]);
await W.Alltoallv([sendbuf, [recvcounts, rdispls], recvtypes[0]], [recvbuf, [sendcounts, sdispls], sendtypes[0]]);
if (rank % 2) await W.Alltoallv(MPI.IN_PLACE, [recvbuf, [recvcounts, rdispls], recvtypes[0]]);
else await W.Alltoallv(MPI.IN_PLACE, [recvbuf, [sendcounts, sdispls], sendtypes[0]]);
sendtype.Free();
await MTest_Finalize(0);
