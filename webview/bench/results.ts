/**
 * The words and numbers around the charts: the verdict, the machine, where the time goes at the
 * smallest size (a stacked bar), and every median with its spread in a table (readable by screen
 * readers, copyable).
 */
import type { BenchResult, Config } from '../../runtime/bench/contract/protocol.js';
import { h, table } from '../common/dom.js';
import { short } from './plot.js';

export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 1e-3) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(s < 0.01 ? 2 : 1)} ms`;
  return `${s.toFixed(2)} s`;
}

const label = (c: Config): string => (c.mode === 'serial' ? 'serial' : `${c.mode} × ${c.workers}`);

export function verdict(r: BenchResult): HTMLElement {
  const m = r.machine;
  return h('div', { id: 'verdict' },
    h('p', { class: 'headline' }, r.analysis.headline),
    h('p', { class: 'muted' }, `${r.title} · ${m.cores} cores (${m.cpuModel}) · Node ${m.node} · load ${m.loadStart.toFixed(2)} → ${Number.isFinite(m.loadEnd) ? m.loadEnd.toFixed(2) : '…'} · ${new Date(r.startedAt).toLocaleString()}${r.incomplete ? ` · ${r.incomplete}` : ''}`));
}

/** Start, transfer, compute and the rest of the pool's time at the smallest size, as one bar. */
export function overheadBar(r: BenchResult): HTMLElement | undefined {
  const o = r.overhead;
  if (!o || !Number.isFinite(o.totalSeconds)) return undefined;
  const rest = Math.max(0, o.totalSeconds - o.startSeconds - o.transferSeconds - o.computeSeconds);
  const parts: [string, number, string][] = [
    ['starting the workers', o.startSeconds, 'start'], ['moving data', o.transferSeconds, 'transfer'],
    ['computing', o.computeSeconds, 'compute'], ['ending the workers, scheduling', rest, 'rest'],
  ];
  const total = parts.reduce((a, [, s]) => a + s, 0) || 1;
  return h('div', { id: 'overhead' },
    h('p', {}, `Where the time goes: pool × ${o.workers} at size ${short(o.size)} takes ${seconds(o.totalSeconds)}`),
    h('div', { class: 'bar', role: 'img', 'aria-label': parts.map(([n, s]) => `${n} ${seconds(s)}`).join(', ') },
      ...parts.map(([name, s, cls]) => h('span', { class: cls, style: `flex-grow:${s / total}`, title: `${name}: ${seconds(s)}` }))),
    h('p', { class: 'legend' }, ...parts.map(([name, s, cls]) => h('span', {}, h('i', { class: cls }), `${name} ${seconds(s)}`))));
}

export function medianTable(r: BenchResult): HTMLElement {
  const configs = [...new Map(r.points.map((p) => [label(p.config), p.config])).values()];
  const rows = r.sizes.map((size) => [short(size), ...configs.map((c) => {
    const p = r.points.find((q) => q.size === size && label(q.config) === label(c));
    if (!p) return '—';
    const s = p.summary;
    return h('span', { title: `n = ${s.n}, min ${seconds(s.min)}, max ${seconds(s.max)}, 95% CI of the mean ${seconds(s.ciLow)} – ${seconds(s.ciHigh)}${s.outliers.length ? `, ${s.outliers.length} outlier(s)` : ''}` },
      `${seconds(s.median)}${s.outliers.length ? '*' : ''}`);
  })]);
  return h('details', { id: 'medians' }, h('summary', {}, 'Every median (hover for n, min, max, CI; * = outliers among the runs)'), table(['size', ...configs.map(label)], rows));
}
