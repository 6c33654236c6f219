/**
 * Who this process is within the job: its index (MPI rank, or the launcher-assigned number of a
 * multiprocessing process) and its display name. Set once by the runtime at start-up; a process
 * started as a warm spare learns its identity only when the launcher assigns it.
 */
export interface ProcessIdentity {
  /** Index among all processes of the job: 0…N-1 are MPI ranks, later ones multiprocessing children. */
  index: number;
  /** `rank 3`, `MainProcess`, `Process-2`, or a name the user chose. */
  name: string;
  /** Index of the parent process, for multiprocessing children. */
  parent: number | undefined;
  /** Directory for this job's sockets. */
  jobDir: string | undefined;
}

let identity: ProcessIdentity = { index: 0, name: 'MainProcess', parent: undefined, jobDir: undefined };

export function currentIdentity(): ProcessIdentity {
  return identity;
}

export function setIdentity(id: ProcessIdentity): void {
  identity = id;
}
