/**
 * A workload as the driver runs it: the per-item function (found by its exported name in the
 * generated driver program, exactly as pool workers and child processes find it), the items for
 * a size, and how results combine into one number to check modes against each other.
 */
import { entryModule } from '../../rank/entry-hooks.js';
import type { BenchPlan } from '../contract/protocol.js';
import { BUILTIN_WORKLOADS } from '../contract/workloads.js';

export interface Prepared {
  fnName: string;
  fn: (item: unknown) => unknown;
  items(size: number, tasks: number): Promise<unknown[]>;
  combine(results: unknown[], size: number): number;
}

/** Items per measurement: enough chunks for every worker count in the plan to balance. */
export function taskCount(plan: BenchPlan): number {
  return 4 * Math.max(...plan.configs.map((c) => c.workers));
}

export function exported(name: string, module = 'the benchmarked module'): (...args: unknown[]) => unknown {
  const f = entryModule()?.[name];
  if (typeof f !== 'function') throw new Error(`rankscope bench: ${module} does not export a function named '${name}'; write \`export function ${name}(…)\` there`);
  return f as (...args: unknown[]) => unknown;
}

/** Sum when every result is a number (the common case), else how many results there are. */
function combineAny(results: unknown[]): number {
  return results.every((r) => typeof r === 'number') ? (results as number[]).reduce((a, b) => a + b, 0) : results.length;
}

export function prepare(workload: BenchPlan['workload']): Prepared {
  if (workload.kind === 'builtin') {
    const w = BUILTIN_WORKLOADS[workload.name];
    return {
      fnName: w.fn, fn: exported(w.fn) as Prepared['fn'],
      items: async (size, tasks) => w.items(size, tasks),
      combine: (results, size) => w.combine(results as number[], size),
    };
  }
  const inputs = exported(workload.inputs, workload.module);
  return {
    fnName: workload.fn, fn: exported(workload.fn, workload.module) as Prepared['fn'],
    items: async (size) => {
      const items = await inputs(size);
      if (!Array.isArray(items)) throw new TypeError(`rankscope bench: ${workload.inputs}(${size}) must return an array of inputs for ${workload.fn}, got ${typeof items}`);
      return items;
    },
    combine: combineAny,
  };
}

/** Runs `fn` over `items` in this process; awaits only results that are promises. */
export async function runItems(fn: Prepared['fn'], items: readonly unknown[]): Promise<unknown[]> {
  const out: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const r = fn(items[i]);
    out[i] = r instanceof Promise ? await r : r;
  }
  return out;
}
