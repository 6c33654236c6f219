// CorrBench correct/pt2pt/probenull.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';
import { MTest_Finalize, MTest_Init } from '../mtest.js';

let errs = 0;
const status = new MPI.Status();
MTest_Init();
const flag = MPI.COMM_WORLD.Iprobe(MPI.PROC_NULL, 10, status);
if (!flag) {
  errs++;
  console.log('Iprobe of source=MPI_PROC_NULL returned flag=false');
} else {
  if (status.Get_source() != MPI.PROC_NULL) { console.log(`Status.MPI_SOURCE was ${status.Get_source()}, should be MPI_PROC_NULL`); errs++; }
  if (status.Get_tag() != MPI.ANY_TAG) { console.log(`Status.MPI_TAG was ${status.Get_tag()}, should be MPI_ANY_TAG`); errs++; }
}
// If Iprobe failed, Probe is likely to as well: avoid a possible hang.
if (errs == 0) {
  await MPI.COMM_WORLD.Probe(MPI.PROC_NULL, 10, status);
  if (status.Get_source() != MPI.PROC_NULL) { console.log(`Status.MPI_SOURCE was ${status.Get_source()}, should be MPI_PROC_NULL`); errs++; }
  if (status.Get_tag() != MPI.ANY_TAG) { console.log(`Status.MPI_TAG was ${status.Get_tag()}, should be MPI_ANY_TAG`); errs++; }
}
await MTest_Finalize(errs);
