/**
 * The measuring loop of a driver job, as hyperfine does it: warm-up runs first, then rounds in
 * which every configuration runs once, in an order that rotates each round, so drift on the
 * machine (another job, thermal throttling) falls on all of them alike. A configuration stops
 * once its confidence interval is tight, or its time budget is spent, or it reached maxReps.
 */
import { tightEnough } from './stats.js';
import { BENCH_VERSION, MARKER, type BenchPlan, type Config, type DriverRecord } from './protocol.js';

export interface Run {
  seconds: number;
  /** The workload's result, reported so that modes can be checked against each other. */
  check: number;
}

export type RunOnce = (config: Config, size: number) => Promise<Run>;

export function emit(record: DriverRecord): void {
  process.stdout.write(`${MARKER}${JSON.stringify(record)}\n`);
}

export function time<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  return work().then((value) => ({ seconds: (performance.now() - start) / 1000, value }));
}

function done(samples: number[], spent: number, plan: Pick<BenchPlan, 'budget'>): boolean {
  const { minReps, maxReps, targetCi, pointSeconds } = plan.budget;
  if (samples.length >= maxReps) return true;
  return samples.length >= minReps && (spent >= pointSeconds || tightEnough(samples, targetCi));
}

type Report = (record: DriverRecord) => void;

async function measureSize(plan: Pick<BenchPlan, 'configs' | 'budget'>, size: number, run: RunOnce, report: Report): Promise<void> {
  for (let w = 0; w < plan.budget.warmups; w++) for (const c of plan.configs) await run(c, size);
  const samples = plan.configs.map(() => [] as number[]);
  const spent = plan.configs.map(() => 0);
  let active = plan.configs.map((_, i) => i);
  for (let round = 0; active.length > 0; round++) {
    const order = active.map((_, k) => active[(k + round) % active.length]);
    for (const i of order) {
      const config = plan.configs[i];
      const r = await run(config, size);
      samples[i].push(r.seconds);
      spent[i] += r.seconds;
      report({ t: 'sample', v: BENCH_VERSION, config, size, seconds: r.seconds, check: r.check });
    }
    for (const i of active.filter((j) => done(samples[j], spent[j], plan))) report({ t: 'point', v: BENCH_VERSION, config: plan.configs[i], size });
    active = active.filter((j) => !done(samples[j], spent[j], plan));
  }
}

/** Measures every configuration at every size; records go to stdout unless `report` says otherwise. */
export async function measureAll(plan: Pick<BenchPlan, 'configs' | 'budget' | 'sizes'>, run: RunOnce, report: Report = emit): Promise<void> {
  for (const size of plan.sizes) await measureSize(plan, size, run, report);
}
