/**
 * The benchmark engine the CLI (`rankscope bench`) and the benchmark panel share. It runs real
 * Rankscope jobs: one `-n 1` job that interleaves the serial loop, Pool.map and Process-per-chunk,
 * and one `-n k` job per MPI worker count; a whole-program workload is timed run by run instead.
 * Progress and partial results are reported as they come; a cancel keeps what was measured.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launch, type RunEnd } from '../launcher/index.js';
import { analyze } from './analysis.js';
import { BenchCancelled, BenchError, BenchInputError, jobFailed } from './errors.js';
import { driverProgram } from './driver-program.js';
import { programWorkload, launchProgram } from './program-workload.js';
import { tracedWaits, type TracedJob } from './traced-waits.js';
import type { Run } from '../launcher/index.js';
import { BENCH_VERSION, MARKER, type BenchPlan, type BenchResult, type Budget, type Config, type DriverRecord, type Machine, type Mode, type Overhead, type Point, type WaitBreakdown, type WorkloadSpec } from './contract/protocol.js';
import { summarize } from './contract/stats.js';
import { BUILTIN_WORKLOADS } from './contract/workloads.js';

export { BenchCancelled, BenchError, BenchInputError };

export interface BenchOptions {
  workload: WorkloadSpec;
  sizes?: number[];
  workers?: number[];
  modes?: Mode[];
  budget?: Partial<Budget>;
  cwd?: string;
  /** The Node.js executable the jobs' processes run with. */
  node?: string;
  signal?: AbortSignal;
  /** Fraction done (0…1) and what is being measured. */
  onProgress?: (done: number, what: string) => void;
  /** Output of the benchmarked code that is not the driver's own records. */
  onOutput?: (text: string) => void;
  /** The result so far, after every finished point (for live charts). */
  onPartial?: (result: BenchResult) => void;
  /** Run each parallel configuration once more, traced, for its wait states (default true). */
  waits?: boolean;
}

export const DEFAULT_BUDGET: Budget = { warmups: 1, minReps: 3, maxReps: 30, targetCi: 0.05, pointSeconds: 2 };

/** 1 … cores, then twice the cores to show what oversubscription does. */
export function defaultWorkers(cores = os.availableParallelism()): number[] {
  return [...Array.from({ length: cores }, (_, i) => i + 1), 2 * cores];
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(), cpuModel: cpus[0]?.model.trim() ?? 'unknown', node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`, totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadStart: os.loadavg()[0], loadEnd: NaN,
  };
}

export function workloadTitle(w: WorkloadSpec): string {
  if (w.kind === 'builtin') return `${w.name} (${BUILTIN_WORKLOADS[w.name].unit})`;
  if (w.kind === 'function') return `${w.fn} over ${w.inputs}(size) from ${path.basename(w.module)}`;
  return `${path.basename(w.program)} -n 1 vs -n k`;
}

/** Collects samples into points, and turns them into the result at any moment. */
class Collector {
  private readonly samples = new Map<string, { config: Config; size: number; xs: number[]; check: number }>();
  overhead: Overhead | undefined;
  waits: WaitBreakdown[] | undefined;
  readonly started = Date.now();

  constructor(private readonly base: Omit<BenchResult, 'points' | 'analysis' | 'seconds' | 'overhead'>) {}

  add(r: DriverRecord): void {
    if (r.t === 'sample') {
      const k = `${r.config.mode}×${r.config.workers}@${r.size}`;
      const p = this.samples.get(k) ?? this.samples.set(k, { config: r.config, size: r.size, xs: [], check: r.check }).get(k)!;
      p.xs.push(r.seconds);
      p.check = r.check;
    } else if (r.t === 'overhead') {
      const total = this.points().find((p) => p.config.mode === 'pool' && p.config.workers === r.workers && p.size === r.size)?.summary.median ?? NaN;
      const serial = this.points().find((p) => p.config.mode === 'serial' && p.size === r.size)?.summary.median ?? NaN;
      this.overhead = { mode: 'pool', workers: r.workers, size: r.size, totalSeconds: total, startSeconds: r.startSeconds, transferSeconds: r.transferSeconds, computeSeconds: serial / Math.min(r.workers, this.base.machine.cores) };
    }
  }

  points(): Point[] {
    return [...this.samples.values()].map((p) => ({ config: p.config, size: p.size, samples: p.xs, summary: summarize(p.xs), check: p.check }));
  }

  result(incomplete?: string): BenchResult {
    const points = this.points();
    const machine = { ...this.base.machine, loadEnd: os.loadavg()[0] };
    return { ...this.base, machine, seconds: (Date.now() - this.started) / 1000, points, overhead: this.overhead, ...(this.waits ? { waits: this.waits } : {}), analysis: analyze(points, machine.cores), ...(incomplete ? { incomplete } : {}) };
  }
}

function check(o: BenchOptions, sizes: number[], workers: number[], modes: Mode[]): void {
  if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new BenchInputError(`rankscope bench: sizes must be whole numbers >= 1, got ${sizes.join(',') || 'none'}`);
  if (workers.length === 0 || workers.some((w) => !Number.isInteger(w) || w < 1)) throw new BenchInputError(`rankscope bench: worker counts must be whole numbers >= 1, got ${workers.join(',') || 'none'}`);
  if (!modes.includes('serial')) throw new BenchInputError("rankscope bench: the modes must include 'serial': speed-up is measured against it");
  if (o.workload.kind === 'program' && modes.some((m) => m !== 'serial' && m !== 'mpi')) throw new BenchInputError('rankscope bench: a whole program runs in the serial (-n 1) and mpi (-n k) modes only; use --modes serial,mpi');
}

export async function runBenchmark(o: BenchOptions): Promise<BenchResult> {
  const w = o.workload;
  const sizes = o.sizes ?? (w.kind === 'builtin' ? BUILTIN_WORKLOADS[w.name].defaultSizes : w.kind === 'program' ? [1] : [1e2, 1e3, 1e4]);
  const workers = o.workers ?? defaultWorkers();
  const modes = o.modes ?? (w.kind === 'program' ? ['serial', 'mpi'] : ['serial', 'pool', 'process', 'mpi']);
  check(o, sizes, workers, modes);
  const budget = { ...DEFAULT_BUDGET, ...o.budget };
  const startedAt = new Date();
  const id = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${w.kind === 'builtin' ? w.name : w.kind === 'function' ? w.fn : path.basename(w.program, path.extname(w.program))}`;
  const collector = new Collector({ version: BENCH_VERSION, id, title: workloadTitle(w), startedAt: startedAt.toISOString(), workload: w, sizes, workers, modes, budget, machine: machine() });
  const parallel = modes.filter((m) => m !== 'serial');
  const configs: Config[] = [{ mode: 'serial', workers: 1 }, ...parallel.filter((m) => m !== 'mpi').flatMap((mode) => workers.map((n) => ({ mode, workers: n })))];
  const mpiCounts = parallel.includes('mpi') ? workers : [];
  const total = sizes.length * (configs.length + mpiCounts.length);
  let finished = 0;
  const onRecord = (r: DriverRecord): void => {
    collector.add(r);
    if (r.t !== 'point') return;
    finished++;
    o.onProgress?.(finished / total, `${r.config.mode}${r.config.mode === 'serial' ? '' : ` × ${r.config.workers}`} at size ${r.size}`);
    o.onPartial?.(collector.result('running'));
  };
  const traced = async (job: TracedJob, all: Config[], poolWorkers?: number): Promise<void> => {
    if (o.waits === false) return;
    o.onProgress?.(1, 'traced run for the wait states (not timed)');
    collector.waits = await tracedWaits(job, all, sizes, poolWorkers);
  };
  try {
    if (w.kind === 'program') {
      const all = [configs[0], ...mpiCounts.map((n) => ({ mode: 'mpi' as const, workers: n }))];
      await programWorkload(w, { configs: all, sizes, budget }, o, onRecord);
      await traced(async (config, size, watch) => void (await launchProgram(w, config, size, o, watch)), all);
    } else {
      const overhead = parallel.includes('pool') ? { workers: Math.max(...workers.filter((n) => n <= os.availableParallelism()), 1) } : undefined;
      await driverJob(o, { v: BENCH_VERSION, workload: w, sizes, configs, budget, overhead }, 'mp', 1, onRecord);
      for (const n of mpiCounts) await driverJob(o, { v: BENCH_VERSION, workload: w, sizes, configs: [{ mode: 'mpi', workers: n }], budget }, 'mpi', n, onRecord);
      const once = { ...budget, warmups: 0, minReps: 1, maxReps: 1 };
      await traced((config, size, watch) => driverJob(o, { v: BENCH_VERSION, workload: w, sizes: [size], configs: [config], budget: once }, config.mode === 'mpi' ? 'mpi' : 'mp', config.mode === 'mpi' ? config.workers : 1, () => {}, watch),
        [...configs, ...mpiCounts.map((n) => ({ mode: 'mpi' as const, workers: n }))], overhead?.workers);
    }
  } catch (e) {
    if (e instanceof BenchCancelled) return collector.result('cancelled');
    throw e;
  }
  return collector.result();
}

/** Runs one driver job and feeds its records to `onRecord`; throws with the job's report if it fails. */
async function driverJob(o: BenchOptions, plan: BenchPlan, driver: 'mp' | 'mpi', np: number, onRecord: (r: DriverRecord) => void, watch?: (run: Run) => void): Promise<void> {
  if (o.signal?.aborted) throw new BenchCancelled();
  const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-bench-plan-')), 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  let pending = '';
  const stdout = (text: string): void => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith(MARKER)) onRecord(JSON.parse(line.slice(MARKER.length)) as DriverRecord);
      else o.onOutput?.(`${line}\n`);
    }
  };
  const stderr = (text: string): void => o.onOutput?.(text);
  const run = launch({ program: driverProgram(plan.workload, driver), args: [planFile], np, cwd: o.cwd, node: o.node, keepTrace: false });
  run.subscribe((e) => e.type === 'output' && (e.stream === 'stdout' ? stdout : stderr)(e.text), { trace: false });
  watch?.(run);
  const abort = (): void => void run.stop();
  o.signal?.addEventListener('abort', abort);
  let result: RunEnd;
  try {
    result = await run.ended;
  } finally {
    o.signal?.removeEventListener('abort', abort);
    fs.rmSync(path.dirname(planFile), { recursive: true, force: true });
  }
  if (o.signal?.aborted) throw new BenchCancelled();
  if (result.exitCode !== 0) throw jobFailed(`the ${driver === 'mp' ? 'serial/pool/process' : `mpi -n ${np}`} job`, result);
}
