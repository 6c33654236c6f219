// CorrBench coll/MissingCall-MPIIBcast.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * A missed MPI_Wait between lines 13 and 14: loss of request information in
 * MPI communication.
 */
let myRank = 0;

const data = new Int32Array([4]);

myRank = MPI.COMM_WORLD.Get_rank();

let req = MPI.REQUEST_NULL;
const stat = new MPI.Status();

req = MPI.COMM_WORLD.Ibcast([data, 1, MPI.INT], 0);
req = MPI.COMM_WORLD.Ibcast([data, 1, MPI.INT], 0);
await req.Wait(stat);


