// CorrBench correct/pt2pt/simple.c (tudasc/MPI-Corrbench, BSD-3-Clause; from MPICH's test suite), ported to rankscope/mpi.
import { MPI } from 'rankscope/mpi';

// MPI_Init then MPI_Finalize: nothing else.
