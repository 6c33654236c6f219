/**
 * The driver for MPI mode: one job of k ranks per worker count. Rank 0 runs the measuring loop
 * and tells the others each size by `bcast`; every measurement is barrier → each rank runs its
 * share of the items → `gather` to rank 0, timed on rank 0 as mpi4py programs time with Wtime.
 * Starting the ranks is not inside the measurement (it happens once per job, before).
 */
import * as fs from 'node:fs';
import { MPI } from '../../rank/api/mpi.js';
import type { BenchPlan } from '../contract/protocol.js';
import { measureAll, time } from '../contract/measure.js';
import { prepare, runItems, taskCount, type Prepared } from './prepared.js';

type Command = { size: number } | null;

/** Items per size, made once per rank (the warm-up run makes them, outside the measured runs). */
const made = new Map<number, unknown[]>();

async function step(w: Prepared, plan: BenchPlan, size: number): Promise<number | undefined> {
  const comm = MPI.COMM_WORLD;
  const items = made.get(size) ?? made.set(size, await w.items(size, taskCount(plan))).get(size)!;
  await comm.barrier();
  const mine = items.filter((_, i) => i % comm.size === comm.rank);
  const results = await runItems(w.fn, mine);
  const all = (await comm.gather(results, 0)) as unknown[][] | undefined;
  if (comm.rank !== 0 || !all) return undefined;
  return w.combine(items.map((_, i) => all[i % comm.size][Math.floor(i / comm.size)]), size);
}

export async function runMpiDriver(planFile: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as BenchPlan;
  const w = prepare(plan.workload);
  const comm = MPI.COMM_WORLD;
  if (comm.rank !== 0) {
    for (let cmd = (await comm.bcast(null, 0)) as Command; cmd; cmd = (await comm.bcast(null, 0)) as Command) await step(w, plan, cmd.size);
    return;
  }
  await measureAll(plan, async (_config, size) => {
    await comm.bcast({ size } satisfies Command, 0);
    const { seconds, value } = await time(() => step(w, plan, size));
    return { seconds, check: value ?? NaN };
  });
  await comm.bcast(null satisfies Command, 0);
}
