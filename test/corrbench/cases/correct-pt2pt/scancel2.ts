// CorrBench correct/pt2pt/scancel2.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Send cancel (failure) calls: cancelling a matched Isend must fail.
let errs = 0;
const status = new MPI.Status();
const bufsizes = [1, 100, 10000, 1000000];
MTest_Init();
const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const source = 0;
const dest = size - 1;
const nbuf = new Int32Array(1);
for (let cs = 0; cs < 4; cs++) {
  nbuf[0] = bufsizes[cs];
  const buf = new Int8Array(nbuf[0]);
  if (rank == source) {
    const req = comm.Isend([buf, nbuf[0], MPI.CHAR], dest, cs + nbuf[0] + 1);
    await comm.Barrier();
    req.Cancel();
    await req.Wait(status);
    if (status.Is_cancelled()) {
      errs++;
      console.log(`Cancelled a matched Isend request (msg size = ${nbuf[0]})!`);
    } else {
      nbuf[0] = 0;
    }
    await comm.Send([nbuf, 1, MPI.INT], dest, 123);
  } else if (rank == dest) {
    await comm.Recv([buf, nbuf[0], MPI.CHAR], source, cs + nbuf[0] + 1, status);
    await comm.Barrier();
    await comm.Recv([nbuf, 1, MPI.INT], source, 123, status);
  } else {
    await comm.Barrier();
  }
  await comm.Barrier();
}
await MTest_Finalize(errs);
