/**
 * The sequence diagram webview: receives the run over the typed protocol, keeps the model, draws
 * the timeline on demand (one frame per animation frame at most), and keeps its view state across
 * hide/show and reloads through the webview state.
 */
import { h } from '../common/dom.js';
import { Filters, rankFilterError, type FilterState } from './filters.js';
import { FrameClock } from './frame-clock.js';
import { StatusLine } from './status-line.js';
import { attachInteraction } from './interaction.js';
import { MessageIndex } from './message-index.js';
import { TraceModel } from './model.js';
import { PROTOCOL_VERSION as v, type HostToWebview, type WebviewToHost } from './protocol.js';
import type { DeadlockReport } from '../../runtime/contract/run.js';
import { Renderer } from './renderer.js';
import { CSS } from './style.js';
import { readPalette } from './theme.js';
import { describeOp, renderBanner, renderTable, TABS, type Tab } from './views.js';
import { Viewport, type Orientation, type TimeMode } from './viewport.js';
import { hitTest } from './hit-test.js';
import { deadlockWindow } from './positions.js';
import { CanvasSize } from './canvas-size.js';
import { vscode } from './vscode-api.js';
import { WaitTable } from './wait-table.js';
import { wholeRunPng } from './whole-run.js';

const post = (m: WebviewToHost): void => vscode.postMessage(m);
const openSource = (file: string, line: number, column: number): void => post({ type: 'open-source', v, file, line, column });

document.head.append(h('style', {}, CSS));
const canvas = h('canvas', { tabindex: '0', role: 'img', 'aria-label': 'Sequence diagram: one lifeline per process, time flowing along; use + and - to zoom, arrows to pan, Home to fit, D to jump to the deadlock' });
const tooltip = h('div', { id: 'tooltip', role: 'tooltip' });
const timeline = h('div', { id: 'timeline' }, canvas, tooltip);
const tableView = h('div', { class: 'table', hidden: '', tabindex: '0' });
const banner = h('div', { id: 'banner', role: 'alert', hidden: '' });
const DETAILS_HINT = 'Click a call or a message to see it here and open its line.';
const details = h('div', { id: 'details', 'aria-live': 'polite' }, DETAILS_HINT);
const status = h('div', { id: 'status', 'aria-live': 'polite' });
const button = (label: string, title: string, onClick: () => void): HTMLButtonElement => {
  const b = h('button', { title, type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
};
const input = (label: string, key: keyof FilterState, placeholder: string): HTMLLabelElement => {
  const el = h('input', { placeholder, 'aria-label': `Filter by ${label}` });
  el.addEventListener('change', () => setFilter(key, el.value));
  filterInputs[key] = el;
  return h('label', {}, label, el);
};
const filterInputs: Partial<Record<keyof FilterState, HTMLInputElement>> = {};
const timeButton = button('Time: wall', 'Switch between wall-clock time and logical (Lamport) order', () => setTimeMode(view.timeMode === 'wall' ? 'logical' : 'wall'));
// Collectives' own messages, drawn inside their bands; off shows each collective as its band alone.
const trafficToggle = h('input', { type: 'checkbox', checked: '', title: 'Draw the messages each collective sent inside itself (its algorithm\'s steps)' });
trafficToggle.addEventListener('change', () => ((renderer.collectiveTraffic = trafficToggle.checked), redraw()));
const orientButton = button('Time ↓', 'Time flows down or across', () => setOrientation(view.orientation === 'down' ? 'across' : 'down'));
const tabButtons = TABS.map(([tab, label]) => {
  const b = button(label, `Show ${label}`, () => showTab(tab));
  b.setAttribute('role', 'tab');
  b.dataset.tab = tab;
  return b;
});
// html.ts gives the page an empty #app; fill it (a second one would push this one off screen).
const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
app.append(
  h('div', { class: 'toolbar', role: 'toolbar' },
    button('Fit all', 'Show the whole run (Home)', () => (fit(), redraw())),
    button('Jump to deadlock', 'Zoom to the deadlock (D)', () => jumpToDeadlock()),
    timeButton, orientButton, h('label', { class: 'toggle' }, trafficToggle, 'collective traffic'),
    input('ranks', 'ranks', '0-3,7'), input('op', 'op', 'send'), input('tag', 'tag', 'any'), input('comm', 'comm', 'world'),
    button('PNG', 'Export the view as PNG', () => exportImage('png')), button('SVG', 'Export the view as SVG', () => exportImage('svg')),
    button('PNG (whole run)', 'Export the whole run as one PNG, whatever the view shows', () => post({ type: 'export-image', v, format: 'png', whole: true, data: wholeRunPng(renderer, model, view, palette, filters, msgs, deadlock) })),
    button('Trace JSON', 'Export the run as Chrome Trace JSON (Perfetto)', () => post({ type: 'export-chrome-trace', v }))),
  banner,
  h('div', { class: 'tabs', role: 'tablist' }, ...tabButtons),
  h('div', { class: 'main' }, timeline, tableView),
  details, status);

let model = new TraceModel();
let msgs = new MessageIndex();
let deadlock: DeadlockReport | undefined;
let ended = false;
let tab: Tab = 'timeline';
/** Events the replay under way brings in all (0: none under way). */
let replayTo = 0;
const view = new Viewport();
const filters = new Filters();
const renderer = new Renderer(canvas);
let palette = readPalette();

const clock = new FrameClock(draw);
const waitTable = new WaitTable(openSource, () => redraw());
const statusLine = new StatusLine(status, () => `${model.events.toLocaleString()} events · ${model.ops.toLocaleString()} calls · ${(model.messages + model.traffic.count).toLocaleString()} messages${ended ? '' : ' · live'}`,
  () => `frame ${renderer.stats.lastFrameMs.toFixed(1)} ms`);
const redraw = (): void => clock.request();

function draw(): void {
  const r = canvasSize.sync();
  view.width = r.width;
  view.height = r.height;
  if (view.follow) view.fit(model);
  filters.refresh(model);
  msgs.update(model, view.timeMode, (k) => filters.showsMessage(model, k), filters.key);
  renderer.draw(model, view, palette, filters, msgs, deadlock);
  statusLine.update();
  if (tab === 'waits') waitTable.render(tableView, model.names);
  else if (tab !== 'timeline') renderTable(tableView, tab, model, ended);
}

function saveState(): void {
  vscode.setState({ orientation: view.orientation, timeMode: view.timeMode, window: view.follow ? undefined : [view.a, view.b], filters: filters.state, tab });
}

function fit(): void {
  view.fit(model);
  view.follow = true;
  saveState();
}

function setTimeMode(mode: TimeMode): void {
  view.timeMode = mode;
  timeButton.textContent = mode === 'wall' ? 'Time: wall' : 'Time: logical';
  timeButton.setAttribute('aria-pressed', String(mode === 'logical'));
  fit();
  redraw();
}

function setOrientation(o: Orientation): void {
  view.orientation = o;
  orientButton.textContent = o === 'down' ? 'Time ↓' : 'Time →';
  saveState();
  redraw();
}

function setFilter(key: keyof FilterState, value: string): void {
  // A rank filter that means nothing is said so at the field, and the diagram keeps what it shows.
  const el = filterInputs[key];
  const error = key === 'ranks' ? rankFilterError(value, Math.max(model.lanes.length, model.names.length)) : undefined;
  el?.setCustomValidity(error ?? '');
  el?.setAttribute('aria-invalid', String(error !== undefined));
  if (el) el.title = error ?? '';
  if (error) {
    el?.reportValidity();
    return;
  }
  filters.set({ ...filters.state, [key]: value }, model);
  // A selected call the filter now hides is no longer selected; a tooltip would name what is gone.
  const k = renderer.selected;
  if (k >= 0 && !(filters.showsOp(model, k) && filters.visibleLanes(model).includes(model.rank.a[k]))) clearSelection();
  tooltip.style.display = 'none';
  saveState();
  redraw();
}

/** Nothing selected, no details, no tooltip: a new run, or a selection the filters hid. */
function clearSelection(): void {
  renderer.selected = -1;
  details.textContent = DETAILS_HINT;
  tooltip.style.display = 'none';
}

function showTab(t: Tab): void {
  tab = t;
  for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.tab === t));
  timeline.hidden = t !== 'timeline';
  tableView.hidden = t === 'timeline';
  saveState();
  redraw();
}

function jumpToDeadlock(): void {
  const span = deadlock && deadlockWindow(model, view.timeMode, view.extent(model), new Set(deadlock.members.map((x) => x.rank)));
  if (!span) return;
  [view.a, view.b, view.follow] = [...span, false];
  saveState();
  redraw();
}

function exportImage(format: 'png' | 'svg'): void {
  const data = format === 'png' ? canvas.toDataURL('image/png') : renderer.exportSvg(model, view, palette, filters, msgs, deadlock);
  post({ type: 'export-image', v, format, data });
}

attachInteraction(canvas, view, {
  changed: () => (saveState(), redraw()),
  fit: () => fit(),
  jumpToDeadlock,
  hover(x, y) {
    const hit = x < 0 ? undefined : hitTest(model, view, filters, renderer, x, y);
    tooltip.style.display = hit ? 'block' : 'none';
    if (!hit) return;
    tooltip.textContent = describeOp(model, hit.op) + renderer.waits.note(model, hit.op) + (hit.recv !== undefined ? `\n→ received: ${describeOp(model, hit.recv)}` : '');
    tooltip.style.left = `${Math.min(x + 12, view.width - 260)}px`;
    tooltip.style.top = `${y + 12}px`;
  },
  click(x, y) {
    const hit = hitTest(model, view, filters, renderer, x, y);
    renderer.selected = hit?.op ?? -1;
    details.textContent = hit ? describeOp(model, hit.op) + renderer.waits.note(model, hit.op) + (hit.recv !== undefined ? `\nreceived by ${describeOp(model, hit.recv)}` : '') : 'Nothing there.';
    const site = hit ? model.site(hit.op) : undefined;
    if (site) openSource(site.file, site.line, 1);
    redraw();
  },
});

const canvasSize = new CanvasSize(canvas, redraw);
// Theme changes restyle <html>: read the colours again.
new MutationObserver(() => ((palette = readPalette()), redraw())).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
  const m = e.data;
  if (!m) return;
  if (m.v !== v) {
    // A host from another Rankscope: its messages cannot be read here. Say so, do not go blank.
    banner.replaceChildren(`This panel is from another Rankscope version (protocol ${String(m.v)}, this page speaks ${v}): reload the window (Developer: Reload Window).`);
    banner.hidden = false;
    return;
  }
  switch (m.type) {
    case 'session':
      model = new TraceModel();
      msgs = new MessageIndex();
      // The last run's selected call and tooltip name calls of a run no longer shown.
      clearSelection();
      model.names = m.names;
      if (m.events) model.reserve(m.events);
      // The filters' string indices belonged to the old run's table.
      filters.set(filters.state, model);
      deadlock = undefined;
      renderer.waits.show((waitTable.report = undefined));
      ended = !m.live;
      banner.hidden = true;
      banner.classList.remove('warning');
      replayTo = m.events ?? 0;
      document.title = m.title;
      break;
    case 'names':
      model.names = m.names;
      break;
    case 'events':
      model.add(m.batch);
      return clock.requestForData(model.events < replayTo);
    case 'deadlock':
      deadlock = m.deadlock;
      renderBanner(banner, m.deadlock, openSource);
      break;
    case 'wait-states':
      renderer.waits.show((waitTable.report = m.report));
      break;
    case 'ended':
      ended = true;
      if (!deadlock && m.report && m.outcome !== 'ok') renderBanner(banner, { text: m.report, members: [], cycle: undefined, latencyMs: 0 }, openSource);
      // A warning, not a failure: the run went well only because its sends were buffered.
      if (!deadlock && m.potential) {
        renderBanner(banner, m.potential, openSource);
        banner.classList.add('warning');
      }
      break;
    case 'command':
      if (m.command === 'fit') fit();
      else if (m.command === 'jump-to-deadlock') jumpToDeadlock();
      else exportImage(m.command === 'export-png' ? 'png' : 'svg');
      break;
  }
  redraw();
});

// Restore the view as it was before the panel was hidden or the window reloaded.
const saved = vscode.getState();
if (saved) {
  view.orientation = saved.orientation;
  view.timeMode = saved.timeMode;
  if (saved.window) [view.a, view.b, view.follow] = [saved.window[0], saved.window[1], false];
  filters.set(saved.filters, model);
  for (const [k, el] of Object.entries(filterInputs)) el.value = saved.filters[k as keyof FilterState] ?? '';
  setOrientation(saved.orientation);
  timeButton.textContent = saved.timeMode === 'wall' ? 'Time: wall' : 'Time: logical';
  showTab(saved.tab);
} else showTab('timeline');

/**
 * The diagram's parts, for a bundle that embeds this module (the browser tests' timing build,
 * test/webview/timing/); the shipped bundle is an IIFE whose exports nothing can reach.
 */
export const diagram = { canvas, view, renderer, clock, model: () => model, fit };

post({ type: 'ready', v });
