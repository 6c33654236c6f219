/**
 * A whole program as a workload: `rankscope run -n 1 PROGRAM` (serial) against `-n k` (mpi), each
 * run timed from launch to exit, start-up included, since that is what a user waits for. The size
 * reaches the program as the environment variable RANKSCOPE_BENCH_SIZE.
 */
import { launch, type Run, type RunEnd } from '../launcher/index.js';
import { measureAll } from './contract/measure.js';
import type { BenchOptions } from './engine.js';
import { BenchCancelled, jobFailed } from './errors.js';
import type { BenchPlan, Config, DriverRecord, WorkloadSpec } from './contract/protocol.js';

export const SIZE_ENV = 'RANKSCOPE_BENCH_SIZE';

export async function programWorkload(
  w: Extract<WorkloadSpec, { kind: 'program' }>,
  plan: Pick<BenchPlan, 'configs' | 'sizes' | 'budget'>,
  o: BenchOptions,
  onRecord: (r: DriverRecord) => void,
): Promise<void> {
  await measureAll(plan, async (config, size) => {
    const start = performance.now();
    const result = await launchProgram(w, config, size, o);
    return { seconds: (performance.now() - start) / 1000, check: result.exitCode };
  }, onRecord);
}

/** One run of the program; `watch`, if given, sees the Run (and so makes it traced). */
export async function launchProgram(w: Extract<WorkloadSpec, { kind: 'program' }>, config: Config, size: number, o: BenchOptions, watch?: (run: Run) => void): Promise<RunEnd> {
  if (o.signal?.aborted) throw new BenchCancelled();
  const run = launch({ program: w.program, args: w.args, np: config.workers, cwd: o.cwd, node: o.node, env: { [SIZE_ENV]: String(size) }, keepTrace: false });
  run.subscribe((e) => e.type === 'output' && o.onOutput?.(e.text), { trace: false });
  watch?.(run);
  const abort = (): void => void run.stop();
  o.signal?.addEventListener('abort', abort);
  const result = await run.ended.finally(() => o.signal?.removeEventListener('abort', abort));
  if (o.signal?.aborted) throw new BenchCancelled();
  if (result.exitCode !== 0) throw jobFailed(`${w.program} -n ${config.workers}`, result);
  return result;
}
