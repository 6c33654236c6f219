// CorrBench coll/ArgError-MPIReduce-RecvBuffer.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * MPI_Reduce has a null pointer argument, line 18
 *
 */
let myRank = 0;
let numProcs = 0;

const local_sum = new Int32Array([4]);
let global_sum = 0;

numProcs = MPI.COMM_WORLD.Get_size();
myRank = MPI.COMM_WORLD.Get_rank();

let recv_buf = null;
await MPI.COMM_WORLD.Reduce([local_sum, 1, MPI.INT], [recv_buf, 1, MPI.INT], MPI.SUM, 0);


