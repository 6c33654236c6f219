/** Exit statuses of `rankscope run` besides the failing rank's own (documented in the README). */
export const EXIT = {
  OK: 0,
  /** Bad command line, program not found, or the program does not build. */
  USAGE: 2,
  /** A deadlock was detected and the run ended. */
  DEADLOCK: 86,
  /** MPI misuse: ranks called different collectives, or some never called one. */
  MISUSE: 87,
  /**
   * Ranks started by `mpiexec`/`srun`: a rank vanished without a word (killed, its host or the
   * network gone), or some never reached the coordinator.
   */
  LOST: 88,
  /** Interrupted by SIGINT / SIGTERM (128 + signal number, as shells report). */
  SIGINT: 130,
  SIGTERM: 143,
} as const;
