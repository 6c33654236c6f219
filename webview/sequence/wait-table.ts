/**
 * The "Wait states" tab: the launcher's report as a table — process, call site, pattern, time
 * lost — sorted by clicking a column's header (again: the other way), a row opening its line. Real
 * DOM, so screen readers and tests read it as the user sees it.
 */
import { h } from '../common/dom.js';
import type { WaitPattern, WaitStateReport, WaitStateRow } from '../../runtime/contract/wait-states.js';
import { basename, formatMicros } from './stats.js';
import type { OpenSource } from './views.js';

/** Each pattern's name, and what it means for the tooltip (the webview takes only types from the contract). */
export const PATTERNS: Record<WaitPattern, [name: string, why: string]> = {
  'late-sender': ['Late Sender', 'the receive began before its message was sent: it waited for the sender'],
  'late-receiver': ['Late Receiver', 'the synchronous send waited for its receive to be posted'],
  'wait-at-barrier': ['Wait at Barrier', 'waited in the barrier for the last process to enter it'],
  'wait-at-nxn': ['Wait at N×N', 'waited in the all-to-all collective for the last process to enter it'],
  'late-broadcast': ['Late Broadcast', 'entered the broadcast or scatter before its root did'],
  'early-reduce': ['Early Reduce', 'the root entered the reduce or gather before its last contributor'],
  'lock-contention': ['Lock contention', 'the acquire waited while another process held the lock'],
  'queue-starvation': ['Queue starvation', 'the get waited on an empty queue'],
};

/** Rows shown at most (the largest losses by the sort in force); the rest are counted. */
const MAX_ROWS = 1000;

type Column = 'process' | 'site' | 'pattern' | 'lost' | 'calls';
const COLUMNS: [Column, string][] = [['process', 'process'], ['site', 'call site'], ['pattern', 'pattern'], ['lost', 'time lost'], ['calls', 'calls']];

const siteText = (r: WaitStateRow): string => (r.site ? `${basename(r.site.file)}:${r.site.line}` : '(unknown)');

export class WaitTable {
  report: WaitStateReport | undefined;
  private by: Column = 'lost';
  /** Largest first for numbers; a click on the same header turns it round. */
  private descending = true;
  /** What the table shows now: a frame that changes none of it leaves the DOM (focus, scroll) alone. */
  private shown: { report: WaitStateReport | undefined; key: string; root: Node } | undefined;

  constructor(private readonly open: OpenSource, private readonly changed: () => void) {}

  render(el: HTMLElement, names: string[]): void {
    const key = `${this.by}|${this.descending}|${names.join('\n')}`;
    if (this.shown && this.shown.report === this.report && this.shown.key === key && el.contains(this.shown.root)) return;
    const title = h('h2', { class: 'sr-title' }, 'Wait states');
    el.replaceChildren(title);
    this.shown = { report: this.report, key, root: title };
    const r = this.report;
    if (!r || r.rows.length === 0) {
      el.append(h('p', {}, r ? 'No process waited for another.' : 'No wait-state analysis for this run (it has no trace events yet).'));
      return;
    }
    const name = (rank: number): string => names[rank] ?? `rank ${rank}`;
    el.append(h('p', {}, `${formatMicros(r.totalUs)} lost waiting in all${r.final ? '' : ' so far'}. Click a row to open its line.`));
    const head = COLUMNS.map(([c, label]) => {
      const b = h('button', { type: 'button', class: 'sort', title: `Sort by ${label}` }, label + (c === this.by ? (this.descending ? ' ▼' : ' ▲') : ''));
      b.addEventListener('click', () => this.sort(c));
      const sort = c === this.by ? (this.descending ? 'descending' : 'ascending') : 'none';
      return h('th', { scope: 'col', 'aria-sort': sort }, b);
    });
    const rows = this.sorted(r.rows, name).slice(0, MAX_ROWS).map((row) => this.row(row, name));
    el.append(h('table', { class: 'waits' }, h('thead', {}, h('tr', {}, ...head)), h('tbody', {}, ...rows)));
    if (r.rows.length > MAX_ROWS) el.append(h('p', {}, `… and ${r.rows.length - MAX_ROWS} more rows (sort by another column to see others).`));
  }

  private row(r: WaitStateRow, name: (rank: number) => string): HTMLTableRowElement {
    const [pattern, why] = PATTERNS[r.pattern];
    const tr = h('tr', { tabindex: '0', title: `${r.op}: ${why}`, 'data-pattern': r.pattern },
      ...[name(r.rank), `${r.op} at ${siteText(r)}`, pattern, formatMicros(r.lostUs), String(r.count)].map((c) => h('td', {}, c)));
    const site = r.site;
    if (site) {
      const go = (): void => this.open(site.file, site.line, site.column);
      tr.addEventListener('click', go);
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && go());
    }
    return tr;
  }

  private sort(c: Column): void {
    this.descending = c === this.by ? !this.descending : c === 'lost' || c === 'calls';
    this.by = c;
    this.changed();
  }

  private sorted(rows: WaitStateRow[], name: (rank: number) => string): WaitStateRow[] {
    const key: Record<Column, (r: WaitStateRow) => number | string> = {
      process: (r) => r.rank, site: (r) => siteText(r), pattern: (r) => PATTERNS[r.pattern][0], lost: (r) => r.lostUs, calls: (r) => r.count,
    };
    const k = key[this.by];
    const order = this.descending ? -1 : 1;
    return rows.slice().sort((a, b) => {
      const x = k(a), y = k(b);
      const c = typeof x === 'number' ? x - (y as number) : x.localeCompare(y as string);
      return order * c || a.rank - b.rank || name(a.rank).localeCompare(name(b.rank));
    });
  }
}
