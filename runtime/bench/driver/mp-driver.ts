/**
 * The driver for the serial loop, Pool.map and one Process per chunk, in one `-n 1` job so they
 * interleave. Each parallel measurement includes starting its processes and ending them, as the
 * chapter's `with Pool(np) as p:` timings do: that cost is the lesson.
 */
import * as fs from 'node:fs';
import * as mp from '../../rank/api/multiprocessing.js';
import { BENCH_VERSION, type BenchPlan, type Config } from '../contract/protocol.js';
import { median } from '../contract/stats.js';
import { emit, measureAll, time, type Run } from '../contract/measure.js';
import { exported, prepare, runItems, taskCount, type Prepared } from './prepared.js';

/** A child process's work in the Process-per-chunk mode: its share of the items, back on `queue`. */
export async function rankscopeBenchProcess(queue: mp.Queue, fnName: string, items: unknown[], index: number): Promise<void> {
  const results = await runItems(exported(fnName) as Prepared['fn'], items);
  await queue.put([index, results]);
}

/** Does nothing with its item: a map of it measures dispatch and transfer alone. */
export function rankscopeBenchNoop(_item: unknown): number {
  return 0;
}

async function viaPool(w: Prepared, items: unknown[], workers: number): Promise<unknown[]> {
  const pool = new mp.Pool(workers);
  try {
    return await pool.map(w.fn, items);
  } finally {
    pool.close();
    await pool.join();
  }
}

async function viaProcesses(w: Prepared, items: unknown[], workers: number): Promise<unknown[]> {
  const queue = new mp.Queue();
  const shares = Array.from({ length: workers }, (_, k) => items.filter((_, i) => i % workers === k));
  const procs = shares.map((share, k) => new mp.Process({ target: rankscopeBenchProcess, args: [queue, w.fnName, share, k] }));
  for (const p of procs) await p.start();
  const back = new Array<unknown[]>(workers);
  for (let k = 0; k < workers; k++) {
    const [index, results] = (await queue.get()) as [number, unknown[]];
    back[index] = results;
  }
  for (const p of procs) await p.join();
  // Undo the round-robin split so results line up with items.
  return items.map((_, i) => back[i % workers][Math.floor(i / workers)]);
}

/** Long enough for Node to start the spare processes on a busy 2-core machine. */
const SETTLE_MS = 250;

function runner(w: Prepared, plan: BenchPlan): (config: Config, size: number) => Promise<Run> {
  const cache = new Map<number, unknown[]>();
  const itemsFor = async (size: number): Promise<unknown[]> => cache.get(size) ?? cache.set(size, await w.items(size, taskCount(plan))).get(size)!;
  return async (config, size) => {
    const items = await itemsFor(size);
    const { seconds, value } = await time(() =>
      config.mode === 'serial' ? runItems(w.fn, items) : config.mode === 'pool' ? viaPool(w, items, config.workers) : viaProcesses(w, items, config.workers));
    // The launcher refills its warm spare processes after a parallel run; let that happen here,
    // outside every measurement, or it would slow whichever run comes next.
    if (config.mode !== 'serial') await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { seconds, check: w.combine(value, size) };
  };
}

/** Where the pool's time goes at the smallest size: starting the workers, then moving the items. */
async function measureOverhead(w: Prepared, plan: BenchPlan, workers: number): Promise<void> {
  const size = plan.sizes[0];
  const items = await w.items(size, taskCount(plan));
  const starts: number[] = [];
  const transfers: number[] = [];
  for (let r = 0; r < 5; r++) {
    const pool = new mp.Pool(workers);
    starts.push((await time(() => pool.map(rankscopeBenchNoop, Array.from({ length: workers }, (_, i) => i), 1))).seconds);
    transfers.push((await time(() => pool.map(rankscopeBenchNoop, items))).seconds);
    pool.close();
    await pool.join();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }
  emit({ t: 'overhead', v: BENCH_VERSION, workers, size, startSeconds: median(starts), transferSeconds: median(transfers) });
}

export async function runMpDriver(planFile: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as BenchPlan;
  const w = prepare(plan.workload);
  await measureAll(plan, runner(w, plan));
  if (plan.overhead) await measureOverhead(w, plan, plan.overhead.workers);
}
