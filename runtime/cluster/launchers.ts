/**
 * Which existing launcher started this process, read from the environment it sets: Open MPI's
 * `mpiexec`, MPICH's Hydra, any PMIx launcher, or Slurm's `srun`. Rankscope runs under them
 * unchanged: each rank takes its rank and size from here, as an MPI library would.
 */
import { envInt } from '../contract/environment.js';

export interface ExternalLaunch {
  /** Who started us, for messages: `Open MPI mpiexec`, `Slurm srun`, … */
  launcher: string;
  rank: number;
  size: number;
  /**
   * Names this job on this host, when the launcher says: it keys the default rendezvous
   * directory, so two jobs on one machine never meet.
   */
  jobId: string | undefined;
}

type Env = Record<string, string | undefined>;

interface Scheme {
  launcher: string;
  rank: string;
  size: string[];
  jobId: (env: Env) => string | undefined;
}

/** In order of preference: the most specific variables first (Open MPI also sets PMIX_RANK). */
const SCHEMES: Scheme[] = [
  { launcher: 'Open MPI mpiexec', rank: 'OMPI_COMM_WORLD_RANK', size: ['OMPI_COMM_WORLD_SIZE'], jobId: (e) => e.OMPI_MCA_ess_base_jobid ?? e.PMIX_NAMESPACE },
  { launcher: 'Slurm srun', rank: 'SLURM_PROCID', size: ['SLURM_NTASKS', 'SLURM_NPROCS'], jobId: (e) => e.SLURM_JOB_ID && `${e.SLURM_JOB_ID}.${e.SLURM_STEP_ID ?? '0'}` },
  { launcher: 'MPICH Hydra mpiexec', rank: 'PMI_RANK', size: ['PMI_SIZE'], jobId: (e) => e.PMI_KVSNAME ?? e.PMI_JOBID },
  { launcher: 'a PMIx launcher', rank: 'PMIX_RANK', size: ['PMIX_SIZE', 'PMIX_UNIV_SIZE'], jobId: (e) => e.PMIX_NAMESPACE },
];

export class LaunchEnvError extends Error {}

/** The launcher this process runs under, or undefined when none set its variables. */
export function detectLauncher(env: Env = process.env): ExternalLaunch | undefined {
  for (const s of SCHEMES) {
    const rank = envInt(env, s.rank);
    if (rank === undefined) continue;
    const sizeVar = s.size.find((v) => envInt(env, v) !== undefined);
    if (!sizeVar) {
      throw new LaunchEnvError(`rankscope: ${s.launcher} set ${s.rank}=${rank} but none of ${s.size.join(', ')}: cannot tell how many ranks the job has`);
    }
    const size = envInt(env, sizeVar)!;
    if (rank >= size) throw new LaunchEnvError(`rankscope: ${s.rank}=${rank} is out of range for ${sizeVar}=${size}`);
    return { launcher: s.launcher, rank, size, jobId: s.jobId(env) };
  }
  return undefined;
}
