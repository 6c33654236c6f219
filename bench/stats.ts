/** Small statistics for benchmark reports: medians and ranges over repeated measurements. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Runs `once` `reps` times after `warmup` discarded runs; each run returns one measurement. */
export async function repeat(reps: number, warmup: number, once: () => Promise<number> | number): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await once();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) xs.push(await once());
  return summarize(xs);
}
