/**
 * The chapter's workloads, cut into items that workers can take: Pi by numerical integration,
 * Monte Carlo Pi and the sum of primes below n. Each is `fn(item)` over `items(size, tasks)`,
 * then `combine(results, size)`; the serial mode runs the very same items in one loop, so the
 * modes differ only in where the items run. The functions are exported by these names from the
 * generated driver program, which is how pool workers and child processes find them.
 */
import type { BuiltinName } from './protocol.js';

export interface Workload {
  /** The exported name of the per-item function. */
  fn: string;
  items(size: number, tasks: number): unknown[];
  combine(results: number[], size: number): number;
  /** What a size means, for axis labels. */
  unit: string;
  defaultSizes: number[];
}

/** [from, to) split into `tasks` nearly equal ranges. */
export function ranges(size: number, tasks: number): [number, number][] {
  const n = Math.max(1, Math.min(tasks, size));
  return Array.from({ length: n }, (_, i) => [Math.floor((size * i) / n), Math.floor((size * (i + 1)) / n)]);
}

/** The midpoint rule for ∫₀¹ 4/(1+x²) dx over steps [from, to) of `steps`: the chapter's Pi(). */
export function rankscopeBenchPi(item: [number, number, number]): number {
  const [from, to, steps] = item;
  const step = 1.0 / steps;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const x = (i + 0.5) * step;
    sum += 4.0 / (1.0 + x * x);
  }
  return sum * step;
}

/** Points of `count` random ones that fall inside the unit circle (seeded: runs are comparable). */
export function rankscopeBenchMonteCarlo(item: [number, number]): number {
  const [count, seed] = item;
  // mulberry32: small, fast and good enough for a dartboard.
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let inside = 0;
  for (let i = 0; i < count; i++) {
    const x = random();
    const y = random();
    if (x * x + y * y <= 1) inside++;
  }
  return inside;
}

/** The sum of the primes in [from, to), by trial division (the chapter's uneven, CPU-bound work). */
export function rankscopeBenchPrimes(item: [number, number]): number {
  const [from, to] = item;
  let sum = 0;
  for (let n = Math.max(2, from); n < to; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) sum += n;
  }
  return sum;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

export const BUILTIN_WORKLOADS: Record<BuiltinName, Workload> = {
  pi: {
    fn: 'rankscopeBenchPi',
    items: (size, tasks) => ranges(size, tasks).map(([a, b]) => [a, b, size]),
    combine: (results) => sum(results),
    unit: 'integration steps',
    defaultSizes: [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9],
  },
  montecarlo: {
    fn: 'rankscopeBenchMonteCarlo',
    items: (size, tasks) => ranges(size, tasks).map(([a, b], i) => [b - a, 12345 + i]),
    combine: (results, size) => (4 * sum(results)) / size,
    unit: 'random points',
    defaultSizes: [1e3, 1e4, 1e5, 1e6, 1e7, 1e8],
  },
  primes: {
    fn: 'rankscopeBenchPrimes',
    // Later ranges cost more (larger numbers): many small ranges keep the workers evenly busy.
    items: (size, tasks) => ranges(size, tasks * 4),
    combine: (results) => sum(results),
    unit: 'n (primes below n)',
    defaultSizes: [1e3, 1e4, 1e5, 1e6, 1e7],
  },
};
