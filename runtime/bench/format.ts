/** The benchmark as text for a terminal: medians per size and configuration, speed-ups, the verdict. */
import { formatSize } from './analysis.js';
import type { BenchResult, Config, Point, WaitBreakdown } from './contract/protocol.js';

const label = (c: Config): string => (c.mode === 'serial' ? 'serial' : `${c.mode}×${c.workers}`);

function seconds(s: number): string {
  if (s < 1e-3) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(s < 0.01 ? 2 : 1)} ms`;
  return `${s.toFixed(2)} s`;
}

function cell(p: Point | undefined, serial: Point | undefined): string {
  if (!p) return '—';
  const flag = p.summary.outliers.length ? '*' : '';
  const speed = serial && p.config.mode !== 'serial' ? ` (${(serial.summary.median / p.summary.median).toFixed(2)}×)` : '';
  return `${seconds(p.summary.median)}${speed}${flag}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ')).join('\n');
}

export function formatResult(r: BenchResult): string {
  const configs = [...new Map(r.points.map((p) => [label(p.config), p.config])).values()];
  const rows = [['size', ...configs.map(label)]];
  for (const size of r.sizes) {
    const at = (c: Config): Point | undefined => r.points.find((p) => p.size === size && label(p.config) === label(c));
    const serial = at({ mode: 'serial', workers: 1 });
    rows.push([formatSize(size), ...configs.map((c) => cell(at(c), serial))]);
  }
  const m = r.machine;
  const lines = [
    `${r.title}: median time (speed-up against serial); * = outliers among the samples`,
    `machine: ${m.cores} cores, ${m.cpuModel}, Node ${m.node}, load ${m.loadStart.toFixed(2)} → ${m.loadEnd.toFixed(2)}`,
    '',
    table(rows),
    '',
  ];
  if (r.overhead) {
    const o = r.overhead;
    lines.push(`where the time goes, pool×${o.workers} at size ${formatSize(o.size)}: start ${seconds(o.startSeconds)}, transfer ${seconds(o.transferSeconds)}, compute ${seconds(o.computeSeconds)}, the rest (ending the workers, scheduling) ${seconds(Math.max(0, o.totalSeconds - o.startSeconds - o.transferSeconds - o.computeSeconds))} of ${seconds(o.totalSeconds)}`);
  }
  for (const w of r.waits ?? []) lines.push(waitLine(w));
  lines.push(r.analysis.headline);
  if (r.incomplete) lines.push(`(incomplete: ${r.incomplete})`);
  return `${lines.join('\n')}\n`;
}

/** One traced run's wait states: each pattern's loss summed over processes, and its share of processes × wall time. */
export function waitLine(w: WaitBreakdown): string {
  const head = `wait states, ${label(w.config)} at size ${formatSize(w.size)} (one traced run, not timed: ${w.processes} processes × ${seconds(w.wallSeconds)})`;
  if (w.patterns.length === 0) return `${head}: no process waited for another`;
  return `${head}: ${w.patterns.map((p) => `${p.name} ${seconds(p.lostSeconds)} (${(p.share * 100).toFixed(1)}%)`).join(', ')}`;
}
