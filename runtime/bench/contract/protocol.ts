/**
 * The data of a benchmark: what the engine asks of a driver job (BenchPlan, in a file), what the
 * driver reports back (DriverRecord, one JSON line each on its stdout) and what is saved and shown
 * (BenchResult). Every shape crosses a process boundary, so each carries a version.
 */
import type { WaitPattern } from '../../contract/wait-states.js';

export const BENCH_VERSION = 1;

/** How the work of one measurement is run. */
export type Mode = 'serial' | 'pool' | 'process' | 'mpi';
export const MODES: readonly Mode[] = ['serial', 'pool', 'process', 'mpi'];

/** A built-in workload from the course chapter, or the user's own. */
export type WorkloadSpec =
  | { kind: 'builtin'; name: BuiltinName }
  /** `fn(item)` of a workspace module over the items `inputs(size)` of the same module returns. */
  | { kind: 'function'; module: string; fn: string; inputs: string }
  /** A whole program, run as `rankscope run -n 1` (serial) against `-n k` (mpi). */
  | { kind: 'program'; program: string; args: string[] };

export type BuiltinName = 'pi' | 'montecarlo' | 'primes';
export const BUILTINS: readonly BuiltinName[] = ['pi', 'montecarlo', 'primes'];

export interface Budget {
  /** Unmeasured runs of each configuration before its samples count. */
  warmups: number;
  minReps: number;
  maxReps: number;
  /** Stop repeating once the 95% confidence interval of the mean is within ± this fraction of it. */
  targetCi: number;
  /** Seconds one (size, configuration) point may take before it stops with what it has. */
  pointSeconds: number;
}

/** One configuration measured at every size: a mode with a number of workers (1 for serial). */
export interface Config {
  mode: Mode;
  workers: number;
}

/** What a driver job measures: the engine writes it to a file and passes its path as argv[0]. */
export interface BenchPlan {
  v: typeof BENCH_VERSION;
  workload: Exclude<WorkloadSpec, { kind: 'program' }>;
  sizes: number[];
  configs: Config[];
  budget: Budget;
  /** Measure where the time goes at the smallest size (pool start, transfer, compute). */
  overhead?: { workers: number };
}

/** A driver's report: one JSON line on stdout after MARKER. */
export type DriverRecord =
  | { t: 'sample'; v: typeof BENCH_VERSION; config: Config; size: number; seconds: number; check: number }
  | { t: 'point'; v: typeof BENCH_VERSION; config: Config; size: number }
  | { t: 'overhead'; v: typeof BENCH_VERSION; workers: number; size: number; startSeconds: number; transferSeconds: number };

export const MARKER = '@@rankscope-bench ';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryGiB: number;
  /** 1-minute load average at the start and the end of the run. */
  loadStart: number;
  loadEnd: number;
}

export interface Summary {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  stddev: number;
  /** 95% confidence interval of the mean (Student's t). */
  ciLow: number;
  ciHigh: number;
  /** Indices into `samples` of outliers (modified z-score above 3.5). */
  outliers: number[];
}

export interface Point {
  config: Config;
  size: number;
  samples: number[];
  summary: Summary;
  /** The workload's result for the last sample: the same in every mode, or something is wrong. */
  check: number;
}

export interface Overhead {
  mode: 'pool';
  workers: number;
  size: number;
  totalSeconds: number;
  startSeconds: number;
  transferSeconds: number;
  computeSeconds: number;
}

export interface Scaling {
  config: Config;
  size: number;
  speedup: number;
  efficiency: number;
}

export interface Crossover {
  mode: Mode;
  workers: number;
  /** The size where parallel starts to win (interpolated on log scales), if it does in the sweep. */
  size?: number;
  /** Why there is none: always losing, always winning. */
  note?: string;
}

export interface AmdahlFit {
  mode: Mode;
  size: number;
  /** Serial fraction f in speedup = 1 / (f + (1 - f) / p), fitted to workers ≤ cores. */
  serialFraction: number;
  /** Largest speed-up the fit allows with endless workers: 1 / f. */
  maxSpeedup: number;
}

export interface Analysis {
  scaling: Scaling[];
  crossovers: Crossover[];
  amdahl: AmdahlFit[];
  /** One sentence a person can read: where parallel starts to pay, and the serial fraction. */
  headline: string;
}

/**
 * Time lost waiting in one parallel configuration, from one extra run *with* tracing (labelled
 * traced, never a sample: tracing would distort the timings) and its wait-state analysis.
 */
export interface WaitBreakdown {
  config: Config;
  size: number;
  traced: true;
  /** Launch to exit of the traced run. */
  wallSeconds: number;
  /** Processes of the traced run (ranks, or the pool's parent and workers). */
  processes: number;
  /** Largest loss first; `share` is of processes × wall time. Empty: nobody waited. */
  patterns: { pattern: WaitPattern; name: string; lostSeconds: number; share: number }[];
}

export interface BenchResult {
  version: typeof BENCH_VERSION;
  id: string;
  title: string;
  startedAt: string;
  seconds: number;
  workload: WorkloadSpec;
  sizes: number[];
  workers: number[];
  modes: Mode[];
  budget: Budget;
  machine: Machine;
  points: Point[];
  overhead?: Overhead;
  analysis: Analysis;
  /** Wait states of the parallel configurations at the largest size (absent in older results). */
  waits?: WaitBreakdown[];
  /** Set when the run was cancelled or a job failed: the points measured so far are kept. */
  incomplete?: string;
}

/** A saved run as the panel lists it. */
export interface SavedRun {
  file: string;
  id: string;
  title: string;
  startedAt: string;
}
