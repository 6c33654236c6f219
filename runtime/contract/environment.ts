/**
 * What a rank learns from its launcher through the environment. A program started without a
 * launcher (plain `node bundle.mjs`) runs as a singleton: rank 0 of 1, as MPI's singleton init does.
 */

export interface RankEnvironment {
  rank: number;
  size: number;
  /** Directory holding every rank's Unix socket for this job. */
  jobDir: string | undefined;
  /** The launcher's control socket; absent for a singleton. */
  launcherSocket: string | undefined;
  /** Absolute path of the runtime sources, to tell user frames from ours in call sites. */
  runtimeDir: string | undefined;
  /** The user's program as given on the command line (what `process.argv[1]` shows). */
  program: string | undefined;
  /** Messages above this many payload bytes wait for their receive (rendezvous). */
  eagerLimit: number;
  /** A warm spare: it waits for the launcher to say which multiprocessing child it becomes. */
  spare: boolean;
}

/** Set by the bundler (see launcher/bundle.ts); absent when the runtime runs unbundled. */
declare const __RANKSCOPE_RUNTIME_DIR__: string | undefined;
declare const __RANKSCOPE_PROGRAM__: string | undefined;
const BUNDLED_RUNTIME_DIR = typeof __RANKSCOPE_RUNTIME_DIR__ === 'string' ? __RANKSCOPE_RUNTIME_DIR__ : undefined;
const BUNDLED_PROGRAM = typeof __RANKSCOPE_PROGRAM__ === 'string' ? __RANKSCOPE_PROGRAM__ : undefined;

export const DEFAULT_EAGER_LIMIT = 64 * 1024;

export const ENV = {
  rank: 'RANKSCOPE_RANK',
  size: 'RANKSCOPE_SIZE',
  jobDir: 'RANKSCOPE_JOB_DIR',
  launcher: 'RANKSCOPE_LAUNCHER',
  runtimeDir: 'RANKSCOPE_RUNTIME_DIR',
  program: 'RANKSCOPE_PROGRAM',
  eagerLimit: 'RANKSCOPE_EAGER_LIMIT',
  spare: 'RANKSCOPE_SPARE',
  /** Display name of rank 0 when it is a multiprocessing main process. */
  name: 'RANKSCOPE_NAME',
  /** `--explore`'s forced match: `<rank>:<n>:<world rank>` (runtime/rank/mpi/explore.ts). */
  explore: 'RANKSCOPE_EXPLORE',
} as const;

/** A non-negative integer variable of `env`, or undefined when unset or empty. */
export function envInt(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`rankscope: ${name}=${raw} is not a non-negative integer`);
  return n;
}

function intFrom(name: string, fallback: number): number {
  return envInt(process.env, name) ?? fallback;
}

export function readRankEnvironment(): RankEnvironment {
  const size = intFrom(ENV.size, 1);
  const rank = intFrom(ENV.rank, 0);
  if (size < 1 || rank >= size) throw new Error(`rankscope: rank ${rank} out of range for size ${size}`);
  return {
    rank,
    size,
    jobDir: process.env[ENV.jobDir],
    launcherSocket: process.env[ENV.launcher],
    runtimeDir: process.env[ENV.runtimeDir] ?? BUNDLED_RUNTIME_DIR,
    program: process.env[ENV.program] ?? BUNDLED_PROGRAM,
    eagerLimit: intFrom(ENV.eagerLimit, DEFAULT_EAGER_LIMIT),
    spare: process.env[ENV.spare] === '1',
  };
}
