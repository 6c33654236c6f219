/**
 * Summaries of repeated timings, as hyperfine and pyperf report them: mean and median, min/max,
 * standard deviation, a 95% confidence interval of the mean, and outliers flagged (not dropped).
 */
import type { Summary } from './protocol.js';

/** Two-sided 95% Student's t quantiles for 1…30 degrees of freedom; 1.96 beyond. */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile95(df: number): number {
  return df < 1 ? Infinity : T95[df - 1] ?? 1.96;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Iglewicz and Hoaglin's modified z-score: robust to the outliers it looks for. */
export function outlierIndices(xs: readonly number[]): number[] {
  if (xs.length < 4) return [];
  const med = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - med)));
  if (mad === 0) return [];
  return xs.flatMap((x, i) => (Math.abs((0.6745 * (x - med)) / mad) > 3.5 ? [i] : []));
}

export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  if (n === 0) throw new Error('summarize: no samples');
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const stddev = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (tQuantile95(n - 1) * stddev) / Math.sqrt(n) : Infinity;
  return {
    n, mean, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), stddev,
    ciLow: Math.max(0, mean - half), ciHigh: mean + half, outliers: outlierIndices(xs),
  };
}

/** Whether a point has enough samples: the relative half-width of the CI is within `target`. */
export function tightEnough(xs: readonly number[], target: number): boolean {
  if (xs.length < 2) return false;
  const s = summarize(xs);
  return s.mean > 0 && (s.ciHigh - s.mean) / s.mean <= target;
}
