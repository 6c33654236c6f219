/**
 * The benchmark's charts as plain data, from a BenchResult (and optionally a second one to compare):
 * time against size and speed-up against size on log scales, where the break-even line shows the
 * crossover; speed-up and efficiency against workers at the largest size, with the ideal line and
 * the Amdahl fit. plot.ts draws these with uPlot.
 */
import type { BenchResult, Config, Mode, Point } from '../../runtime/bench/contract/protocol.js';

export type Role = Mode | 'ideal' | 'fit' | 'break-even';

export interface Series {
  label: string;
  role: Role;
  /** Index among the worker counts (draws a different dash), 0 for single lines. */
  variant: number;
  compare: boolean;
  values: (number | null)[];
}

export interface ChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  x: number[];
  series: Series[];
}

const label = (c: Config): string => (c.mode === 'serial' ? 'serial' : `${c.mode} × ${c.workers}`);

function configs(r: BenchResult): Config[] {
  const seen = new Map<string, Config>();
  for (const p of r.points) seen.set(label(p.config), p.config);
  return [...seen.values()].sort((a, b) => (a.mode === b.mode ? a.workers - b.workers : r.modes.indexOf(a.mode) - r.modes.indexOf(b.mode)));
}

function at(r: BenchResult, c: Config, size: number): Point | undefined {
  return r.points.find((p) => p.size === size && p.config.mode === c.mode && p.config.workers === c.workers);
}

function variantOf(r: BenchResult, c: Config): number {
  return Math.max(0, r.workers.indexOf(c.workers));
}

function perConfig(r: BenchResult, x: number[], compare: boolean, value: (c: Config, size: number) => number | undefined, skipSerial: boolean): Series[] {
  return configs(r).filter((c) => !(skipSerial && c.mode === 'serial')).map((c) => ({
    label: compare ? `${label(c)} (B)` : label(c), role: c.mode, variant: variantOf(r, c), compare,
    values: x.map((size) => value(c, size) ?? null),
  }));
}

function sizesOf(...rs: (BenchResult | undefined)[]): number[] {
  return [...new Set(rs.flatMap((r) => r?.sizes ?? []))].sort((a, b) => a - b);
}

export function timeVsSize(r: BenchResult, b?: BenchResult): ChartSpec {
  const x = sizesOf(r, b);
  const median = (res: BenchResult) => (c: Config, size: number) => at(res, c, size)?.summary.median;
  return {
    id: 'time', title: 'Time against problem size (median of the runs)', xLabel: 'size', yLabel: 'seconds', xLog: true, yLog: true, x,
    series: [...perConfig(r, x, false, median(r), false), ...(b ? perConfig(b, x, true, median(b), false) : [])],
  };
}

export function speedupVsSize(r: BenchResult, b?: BenchResult): ChartSpec {
  const x = sizesOf(r, b);
  const speedup = (res: BenchResult) => (c: Config, size: number) => res.analysis.scaling.find((s) => s.size === size && s.config.mode === c.mode && s.config.workers === c.workers)?.speedup;
  return {
    id: 'speedup-size', title: 'Speed-up against size: above 1, parallel pays', xLabel: 'size', yLabel: 'speed-up (serial / parallel)', xLog: true, yLog: true, x,
    series: [
      { label: 'break-even', role: 'break-even', variant: 0, compare: false, values: x.map(() => 1) },
      ...perConfig(r, x, false, speedup(r), true),
      ...(b ? perConfig(b, x, true, speedup(b), true) : []),
    ],
  };
}

/** Speed-up or efficiency against workers at the largest size, with the ideal and Amdahl's curve. */
export function scalingVsWorkers(r: BenchResult, what: 'speedup' | 'efficiency'): ChartSpec {
  const size = Math.max(...r.sizes);
  const x = [...r.workers].sort((a, b) => a - b);
  const modes = r.modes.filter((m) => m !== 'serial');
  const series: Series[] = [{ label: 'ideal', role: 'ideal', variant: 0, compare: false, values: x.map((p) => (what === 'speedup' ? p : 1)) }];
  for (const mode of modes) {
    const values = x.map((p) => r.analysis.scaling.find((s) => s.size === size && s.config.mode === mode && s.config.workers === p)?.[what] ?? null);
    series.push({ label: mode, role: mode, variant: 0, compare: false, values });
  }
  const fit = [...r.analysis.amdahl].sort((a, b) => a.serialFraction - b.serialFraction)[0];
  if (fit) {
    const s = (p: number): number => 1 / (fit.serialFraction + (1 - fit.serialFraction) / p);
    series.push({ label: `Amdahl fit, ${fit.mode}: f = ${(fit.serialFraction * 100).toFixed(1)}%`, role: 'fit', variant: 0, compare: false, values: x.map((p) => (what === 'speedup' ? s(p) : s(p) / p)) });
  }
  return {
    id: what, title: `${what === 'speedup' ? 'Speed-up' : 'Efficiency'} against workers at size ${size.toExponential(0)} (${r.machine.cores} cores)`,
    xLabel: 'workers', yLabel: what === 'speedup' ? 'speed-up' : 'efficiency (speed-up / workers)', xLog: false, yLog: false, x, series,
  };
}

export function allCharts(r: BenchResult, b?: BenchResult): ChartSpec[] {
  return [timeVsSize(r, b), speedupVsSize(r, b), scalingVsWorkers(r, 'speedup'), scalingVsWorkers(r, 'efficiency')];
}
