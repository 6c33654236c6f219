/**
 * Where parallel time goes waiting: after the timed repetitions, each parallel configuration runs
 * once more at the largest size *with* tracing (the timed runs go without it, so tracing cannot
 * distort their timings), and the launcher's wait-state analysis of that run (Scalasca's patterns)
 * becomes the time lost per pattern, summed over the processes. This run is no sample.
 */
import type { Run } from '../contract/run.js';
import { PATTERN_NAMES, type WaitPattern, type WaitStateReport } from '../contract/wait-states.js';
import type { Config, WaitBreakdown } from './contract/protocol.js';

/** Runs `config` once at `size`, traced; calls `watch` with the Run as soon as it is launched. */
export type TracedJob = (config: Config, size: number, watch: (run: Run) => void) => Promise<void>;

/** Which configurations get a traced run: every MPI count above 1, and the pool the overhead measures. */
export function tracedConfigs(configs: readonly Config[], poolWorkers: number | undefined): Config[] {
  return configs.filter((c) => (c.mode === 'mpi' && c.workers > 1) || (c.mode === 'pool' && c.workers === poolWorkers));
}

/** The per-pattern losses of one final wait-state report, largest first. */
export function breakdown(config: Config, size: number, report: WaitStateReport | undefined, processes: number, wallSeconds: number): WaitBreakdown {
  const lost = new Map<WaitPattern, number>();
  for (const r of report?.rows ?? []) lost.set(r.pattern, (lost.get(r.pattern) ?? 0) + r.lostUs / 1e6);
  const budget = Math.max(1, processes) * wallSeconds;
  const patterns = [...lost].map(([pattern, lostSeconds]) => ({ pattern, name: PATTERN_NAMES[pattern], lostSeconds, share: budget > 0 ? lostSeconds / budget : 0 }));
  return { config, size, traced: true, wallSeconds, processes, patterns: patterns.sort((a, b) => b.lostSeconds - a.lostSeconds) };
}

/** One traced run of `config` at `size`, turned into its breakdown. */
export async function tracedRun(job: TracedJob, config: Config, size: number): Promise<WaitBreakdown> {
  let report: WaitStateReport | undefined;
  const seen = new Set<number>();
  const start = performance.now();
  await job(config, size, (run) => {
    run.subscribe((e) => {
      if (e.type === 'wait-states') report = e.report;
      else if (e.type === 'processes') for (const p of e.processes) if (p.index >= 0) seen.add(p.index);
    });
  });
  return breakdown(config, size, report, seen.size || config.workers, (performance.now() - start) / 1000);
}

/** The traced runs of every configuration that gets one, at the largest size. */
export async function tracedWaits(job: TracedJob, configs: readonly Config[], sizes: readonly number[], poolWorkers: number | undefined): Promise<WaitBreakdown[]> {
  const size = Math.max(...sizes);
  const out: WaitBreakdown[] = [];
  for (const c of tracedConfigs(configs, poolWorkers)) out.push(await tracedRun(job, c, size));
  return out;
}
