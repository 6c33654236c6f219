/**
 * Draws a ChartSpec with uPlot (small, fast, canvas, no network) in the VS Code theme's colours:
 * one colour per mode, one dash per worker count, a compared run dashed and faded.
 */
import uPlot from 'uplot';
import type { ChartSpec, Role, Series } from './charts.js';

export interface Colours {
  foreground: string;
  muted: string;
  grid: string;
  roles: Record<Role, string>;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readColours(): Colours {
  const s = getComputedStyle(document.documentElement);
  const foreground = cssVar(s, '--vscode-editor-foreground', '#d4d4d4');
  return {
    foreground, muted: cssVar(s, '--vscode-descriptionForeground', '#9d9d9d'), grid: cssVar(s, '--vscode-editorIndentGuide-background1', '#404040'),
    roles: {
      serial: foreground, pool: cssVar(s, '--vscode-charts-blue', '#3794ff'), process: cssVar(s, '--vscode-charts-green', '#89d185'),
      mpi: cssVar(s, '--vscode-charts-purple', '#b180d7'), ideal: cssVar(s, '--vscode-descriptionForeground', '#9d9d9d'), fit: cssVar(s, '--vscode-charts-yellow', '#cca700'),
      'break-even': cssVar(s, '--vscode-charts-red', '#f14c4c'),
    },
  };
}

const DASHES = [[], [8, 4], [3, 3], [10, 3, 3, 3], [1, 3]];

/** 1000 → "1e3", 2500 → "2.5e3"; small numbers as they are. */
export function short(n: number): string {
  if (n === 0) return '0';
  if (Math.abs(n) >= 1e4 || Math.abs(n) < 1e-2) {
    const e = Math.floor(Math.log10(Math.abs(n)));
    const m = n / 10 ** e;
    return `${Math.abs(m - Math.round(m)) < 0.05 ? Math.round(m) : m.toFixed(1)}e${e}`;
  }
  return String(Number(n.toPrecision(3)));
}

function seriesOptions(s: Series, c: Colours): uPlot.Series {
  const stroke = c.roles[s.role];
  const guide = s.role === 'ideal' || s.role === 'fit' || s.role === 'break-even';
  const dash = guide ? [6, 4] : s.compare ? [2, 3] : DASHES[s.variant % DASHES.length];
  return {
    label: s.label, stroke, width: s.role === 'serial' ? 2.5 : s.compare || s.role === 'ideal' ? 1 : s.role === 'break-even' ? 1.5 : 2, dash, spanGaps: true,
    alpha: s.compare ? 0.6 : 1,
    points: { show: !guide, size: 5, fill: stroke, stroke },
    value: (_u, v) => (v == null ? '—' : short(v)),
  };
}

function axis(c: Colours, label: string, wholeNumbers = false): uPlot.Axis {
  return { label, ...(wholeNumbers ? { incrs: [1, 2, 4, 8, 16, 32, 64] } : {}), stroke: c.foreground, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, values: (_u, splits) => splits.map((v) => (v == null ? '' : short(v))) };
}

export function plot(spec: ChartSpec, into: HTMLElement, width: number, c: Colours): uPlot {
  const opts: uPlot.Options = {
    title: spec.title, width, height: 260,
    scales: { x: { time: false, distr: spec.xLog ? 3 : 1 }, y: { distr: spec.yLog ? 3 : 1, ...(spec.yLog ? {} : { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] }) } },
    axes: [axis(c, spec.xLabel, !spec.xLog), axis(c, spec.yLabel)],
    series: [{ label: spec.xLabel, value: (_u, v) => (v == null ? '—' : short(v)) }, ...spec.series.map((s) => seriesOptions(s, c))],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  return new uPlot(opts, [spec.x, ...spec.series.map((s) => s.values)] as uPlot.AlignedData, into);
}
