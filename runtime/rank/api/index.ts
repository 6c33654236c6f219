/** `rankscope`: the MPI and multiprocessing APIs from one import. */
export { MPI } from './mpi.js';
export * as mp from './multiprocessing.js';
