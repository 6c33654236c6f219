/**
 * What the timings mean: speed-up and efficiency against the serial loop at the same size, the
 * size where each parallel configuration starts to win, and Amdahl's serial fraction fitted to the
 * largest size. Speed-ups use medians: robust to the odd slow run on a shared machine.
 */
import type { AmdahlFit, Analysis, Config, Crossover, Mode, Point, Scaling } from './contract/protocol.js';

const key = (c: Config): string => `${c.mode}×${c.workers}`;

function serialAt(points: readonly Point[], size: number): number | undefined {
  return points.find((p) => p.config.mode === 'serial' && p.size === size)?.summary.median;
}

export function scaling(points: readonly Point[]): Scaling[] {
  return points.flatMap((p) => {
    const serial = serialAt(points, p.size);
    if (p.config.mode === 'serial' || serial === undefined) return [];
    const speedup = serial / p.summary.median;
    return [{ config: p.config, size: p.size, speedup, efficiency: speedup / p.config.workers }];
  });
}

/** Where speed-up crosses 1, interpolated linearly in log(size) and log(speed-up). */
export function crossover(rows: readonly Scaling[], config: Config): Crossover {
  const line = rows.filter((r) => key(r.config) === key(config)).sort((a, b) => a.size - b.size);
  const base = { mode: config.mode, workers: config.workers };
  if (line.length === 0) return { ...base, note: 'not measured' };
  if (line[0].speedup >= 1) return { ...base, size: line[0].size, note: 'wins already at the smallest size' };
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1], line[i]];
    if (a.speedup < 1 && b.speedup >= 1) {
      const t = (0 - Math.log(a.speedup)) / (Math.log(b.speedup) - Math.log(a.speedup));
      return { ...base, size: Math.exp(Math.log(a.size) + t * (Math.log(b.size) - Math.log(a.size))) };
    }
  }
  return { ...base, note: `loses at every size up to ${formatSize(line[line.length - 1].size)}` };
}

/**
 * Least squares of 1/S = f + (1 - f)/p in f: with x = 1/p, (1/S - x) = f (1 - x). Only worker
 * counts up to the cores count: beyond them Amdahl's law does not describe what happens.
 */
export function amdahl(rows: readonly Scaling[], mode: Mode, cores: number): AmdahlFit | undefined {
  const largest = Math.max(...rows.filter((r) => r.config.mode === mode).map((r) => r.size));
  const fit = rows.filter((r) => r.config.mode === mode && r.size === largest && r.config.workers > 1 && r.config.workers <= cores);
  // Amdahl's law describes parallel work that pays; where it never does, a fit says nothing.
  if (fit.length === 0 || fit.every((r) => r.speedup <= 1)) return undefined;
  let num = 0;
  let den = 0;
  for (const r of fit) {
    const x = 1 / r.config.workers;
    num += (1 - x) * (1 / r.speedup - x);
    den += (1 - x) ** 2;
  }
  const f = Math.min(1, Math.max(0, num / den));
  return { mode, size: largest, serialFraction: f, maxSpeedup: f > 0 ? 1 / f : Infinity };
}

function formatSize(n: number): string {
  if (n < 1e4) return String(Math.round(n));
  const e = Math.floor(Math.log10(n));
  const m = n / 10 ** e;
  return `${m.toFixed(m < 9.95 && Math.abs(m - Math.round(m)) > 0.05 ? 1 : 0)}e${e}`;
}

function headline(crossovers: readonly Crossover[], fits: readonly AmdahlFit[], cores: number): string {
  const parts: string[] = [];
  const best = crossovers.filter((c) => c.workers === Math.min(cores, Math.max(...crossovers.map((x) => x.workers))));
  for (const c of best) {
    parts.push(c.size !== undefined && !c.note
      ? `${c.mode} with ${c.workers} workers starts to beat the serial loop at size ≈ ${formatSize(c.size)}`
      : `${c.mode} with ${c.workers} workers ${c.note}`);
  }
  for (const f of fits) parts.push(`Amdahl fit (${f.mode}, size ${formatSize(f.size)}): serial fraction ${(f.serialFraction * 100).toFixed(1)}%`);
  return parts.length ? `${parts.join('; ')}.` : 'Nothing parallel was measured.';
}

export function analyze(points: readonly Point[], cores: number): Analysis {
  const rows = scaling(points);
  const configs = [...new Map(rows.map((r) => [key(r.config), r.config])).values()];
  const crossovers = configs.map((c) => crossover(rows, c));
  const modes = [...new Set(configs.map((c) => c.mode))];
  const fits = modes.flatMap((m) => amdahl(rows, m, cores) ?? []);
  return { scaling: rows, crossovers, amdahl: fits, headline: headline(crossovers, fits, cores) };
}

export { formatSize };
