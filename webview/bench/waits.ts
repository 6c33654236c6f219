/**
 * Where the parallel time goes waiting: for each configuration the engine ran once more with
 * tracing, one bar of processes × wall time with a segment per wait-state pattern (Late Sender,
 * Wait at Barrier…) and the rest left empty, so a bar's filled part is the share lost waiting.
 */
import type { BenchResult, Config, WaitBreakdown } from '../../runtime/bench/contract/protocol.js';
import { h } from '../common/dom.js';
import { short } from './plot.js';
import { seconds } from './results.js';

const label = (c: Config): string => `${c.mode} × ${c.workers}`;
const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

function row(w: WaitBreakdown): HTMLElement {
  const lost = w.patterns.reduce((a, p) => a + p.share, 0);
  const head = `${label(w.config)} at size ${short(w.size)}: ${percent(lost)} of ${w.processes} processes × ${seconds(w.wallSeconds)} lost waiting`;
  return h('div', { class: 'wait-row', 'data-config': label(w.config) },
    h('p', {}, head),
    h('div', { class: 'bar', role: 'img', 'aria-label': w.patterns.map((p) => `${p.name} ${seconds(p.lostSeconds)}`).join(', ') || 'no waiting' },
      ...w.patterns.map((p) => h('span', { class: `w-${p.pattern}`, style: `width:${Math.min(100, p.share * 100)}%`, title: `${p.name}: ${seconds(p.lostSeconds)} (${percent(p.share)})` }))),
    h('p', { class: 'legend' }, ...(w.patterns.length
      ? w.patterns.map((p) => h('span', {}, h('i', { class: `w-${p.pattern}` }), `${p.name} ${seconds(p.lostSeconds)} (${percent(p.share)})`))
      : ['no process waited for another'])));
}

/** The wait-state rows, or nothing for a result without traced runs (older ones, --no-waits). */
export function waitBars(r: BenchResult): HTMLElement | undefined {
  if (!r.waits?.length) return undefined;
  return h('div', { id: 'waits' },
    h('p', {}, `Where the time goes waiting, at size ${short(Math.max(...r.waits.map((w) => w.size)))} (one extra traced run each, not in the timings):`),
    ...r.waits.map(row));
}

/** One colour per pattern, from VS Code's chart palette where it has one. */
export const WAIT_CSS = `
#waits .bar { display: flex; height: 14px; max-width: 720px; border: 1px solid var(--vscode-panel-border); }
#waits .legend { display: flex; gap: 14px; flex-wrap: wrap; color: var(--vscode-descriptionForeground); margin-top: 2px; }
#waits .wait-row > p:first-child { margin: 6px 0 2px; }
#waits i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.w-late-sender { background: var(--vscode-charts-red, #f14c4c); }
.w-late-receiver { background: var(--vscode-charts-orange, #d18616); }
.w-wait-at-barrier { background: var(--vscode-charts-yellow, #cca700); }
.w-wait-at-nxn { background: var(--vscode-charts-blue, #3794ff); }
.w-late-broadcast { background: var(--vscode-charts-purple, #b180d7); }
.w-early-reduce { background: var(--vscode-charts-green, #89d185); }
.w-lock-contention { background: #c586c0; }
.w-queue-starvation { background: #4ec9b0; }
`;
