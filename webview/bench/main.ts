/**
 * The benchmark panel's webview: the run form, progress with cancel, the verdict, the charts
 * (redrawn as partial results arrive), and the saved runs to reopen or compare.
 */
import type uPlot from 'uplot';
import type { BenchResult, SavedRun } from '../../runtime/bench/contract/protocol.js';
import { h } from '../common/dom.js';
import { allCharts } from './charts.js';
import { createForm } from './form.js';
import { plot, readColours } from './plot.js';
import { BENCH_PANEL_VERSION as v, type HostToWebview, type WebviewToHost } from './protocol.js';
import { medianTable, overheadBar, verdict } from './results.js';
import { CSS } from './style.js';
import { WAIT_CSS, waitBars } from './waits.js';

declare function acquireVsCodeApi(): { postMessage(m: WebviewToHost): void };
const vscode = acquireVsCodeApi();
const post = (m: WebviewToHost): void => vscode.postMessage(m);

document.head.append(h('style', {}, CSS + WAIT_CSS));
const form = createForm();
const runButton = h('button', { id: 'run', type: 'button' }, 'Run benchmark');
const cancelButton = h('button', { id: 'cancel', type: 'button', class: 'secondary', disabled: '' }, 'Cancel');
const progress = h('progress', { max: '1', value: '0', hidden: '' });
const status = h('span', { id: 'status', 'aria-live': 'polite' });
const error = h('div', { id: 'error', role: 'alert' });
const summary = h('div', { id: 'summary' });
const charts = h('div', { id: 'charts' });
const savedList = h('ul');
const saved = h('section', { id: 'saved' }, h('h3', {}, 'Saved runs (.rankscope/bench/)'), savedList);
document.getElementById('app')!.append(form.element, h('div', { id: 'actions' }, runButton, cancelButton, progress, status), error, summary, charts, saved);

let shown: BenchResult | undefined;
let compared: BenchResult | undefined;
let plots: uPlot[] = [];

function draw(): void {
  for (const p of plots) p.destroy();
  plots = [];
  summary.replaceChildren();
  if (!shown) return;
  summary.append(verdict(shown));
  if (compared) summary.append(h('p', { class: 'muted' }, `Compared with (B, dashed): ${compared.title}, ${new Date(compared.startedAt).toLocaleString()} — ${compared.analysis.headline}`));
  const bar = overheadBar(shown);
  if (bar) summary.append(bar);
  const waits = waitBars(shown);
  if (waits) summary.append(waits);
  summary.append(medianTable(shown));
  const colours = readColours();
  const width = Math.max(480, Math.min(760, Math.floor((charts.clientWidth || 1000) / (charts.clientWidth > 1060 ? 2 : 1)) - 12));
  charts.replaceChildren();
  for (const spec of allCharts(shown, compared)) {
    const cell = h('div', { class: 'chart', 'data-chart': spec.id });
    charts.append(cell);
    plots.push(plot(spec, cell, width, colours));
  }
}

function setRunning(running: boolean): void {
  runButton.disabled = running;
  cancelButton.disabled = !running;
  progress.hidden = !running;
  if (running) progress.value = 0;
}

function showSaved(runs: SavedRun[]): void {
  savedList.replaceChildren(...runs.map((r) => {
    const open = h('button', { type: 'button', class: 'secondary', title: 'Show this run' }, 'Open');
    const compare = h('button', { type: 'button', class: 'secondary', title: 'Overlay this run on the one shown' }, 'Compare');
    const reveal = h('button', { type: 'button', class: 'secondary', title: 'Open the JSON file' }, 'JSON');
    open.addEventListener('click', () => post({ type: 'open', v, file: r.file, compare: false }));
    compare.addEventListener('click', () => post({ type: 'open', v, file: r.file, compare: true }));
    reveal.addEventListener('click', () => post({ type: 'reveal', v, file: r.file }));
    return h('li', {}, `${new Date(r.startedAt).toLocaleString()} — ${r.title}`, open, compare, reveal);
  }));
  if (runs.length === 0) savedList.append(h('li', { class: 'muted' }, 'None yet: finished runs are saved here as JSON and CSV.'));
}

runButton.addEventListener('click', () => {
  const request = form.read();
  if (typeof request === 'string') return void (error.textContent = request);
  error.textContent = '';
  status.textContent = 'starting…';
  setRunning(true);
  post({ type: 'run', v, request });
});
cancelButton.addEventListener('click', () => post({ type: 'cancel', v }));

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(draw, 150);
});

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
  const m = e.data;
  if (m?.v !== v) return;
  switch (m.type) {
    case 'init':
      form.setDefaults(m.defaults);
      showSaved(m.saved);
      setRunning(m.running);
      return;
    case 'progress':
      progress.value = m.done;
      status.textContent = `${Math.round(m.done * 100)}% — ${m.what}`;
      return;
    case 'result':
      if (m.compare) compared = m.result;
      else {
        shown = m.result;
        if (!m.partial) compared = undefined;
      }
      draw();
      return;
    case 'saved':
      showSaved(m.saved);
      return;
    case 'error':
      error.textContent = m.report ? `${m.message}\n\n${m.report}` : m.message;
      return;
    case 'ended':
      setRunning(false);
      status.textContent = shown ? (shown.incomplete ? `stopped: ${shown.incomplete}` : `done in ${shown.seconds.toFixed(1)} s`) : '';
      return;
  }
});

post({ type: 'ready', v });
