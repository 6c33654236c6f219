// CorrBench correct/pt2pt/bottom.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

// Use of MPI_BOTTOM in communication: a struct type whose displacement is the address of ii.
let errs = 0;
const status = new MPI.Status();
MTest_Init();
const ii = new Int32Array(1); // C: int ii, addressed with MPI_Get_address
const disp = MPI.Get_address(ii);
const len = 1;
const oldtype = MPI.INT;
const newtype = MPI.Datatype.Create_struct([len], [disp], [oldtype]).Commit();
const comm = MPI.COMM_WORLD;
const size = comm.Get_size();
const rank = comm.Get_rank();
if (size < 2) {
  errs++;
  console.error('This test requires at least two processes');
  MPI.COMM_WORLD.Abort(1);
}
const source = 0;
const dest = 1;
// C sets MPI_ERRORS_RETURN and checks the return codes; here an error is an exception.
if (rank == source) {
  ii[0] = 2;
  await comm.Send([MPI.BOTTOM, 1, newtype], dest, 0);
} else if (rank == dest) {
  ii[0] = -1;
  await comm.Recv([MPI.BOTTOM, 1, newtype], source, 0, status);
  if (ii[0] != 2) { errs++; console.log(`Received ${ii[0]} but expected 2`); }
}
newtype.Free();
await MTest_Finalize(errs);
