// CorrBench conflo/coll/MissingCall-MPIGather-Deadlock.c (tudasc/MPI-Corrbench, BSD-3-Clause), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

/*
 * Deadlock occurs if MPI_GATHER is not executed by all
 * Processes(line 40)
 */
let myRank = 0;

const rand_nums = new Int32Array(4);
let num_elements_per_proc = 4;

let ROOT_PROCESS = 0;
const sub_adds = new Int32Array(2);

myRank = MPI.COMM_WORLD.Get_rank();

// Scatter the random numbers from the root process to all processes in
// the MPI world

if (myRank == 0) {
  rand_nums[0] = 1;
  rand_nums[1] = 2;
  rand_nums[2] = 3;
  rand_nums[3] = 4;
}

await MPI.COMM_WORLD.Bcast([rand_nums, num_elements_per_proc, MPI.INT], ROOT_PROCESS);

const sub_add = new Int32Array([rand_nums[0] + rand_nums[1] + rand_nums[2] + rand_nums[3]]);

if (myRank == 0) {
  console.log("Root Process");
  await MPI.COMM_WORLD.Gather([sub_add, 1, MPI.FLOAT], [sub_adds, 1, MPI.FLOAT], 0);

  let sub_adds_int = sub_adds[0] + sub_adds[1];

  console.log("%d", sub_adds_int);
}


