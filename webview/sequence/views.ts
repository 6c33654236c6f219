/**
 * The DOM parts of the panel: the deadlock banner with links to the lines, the selected call's
 * details, and the table views (matrix, operations, sizes, unreceived, ranks) — real text for
 * screen readers and tests, not pixels. Matrix, operations and sizes count collectives' own
 * messages apart from the point-to-point ones.
 */
import { h, table } from '../common/dom.js';
import type { TraceModel } from './model.js';
import type { DeadlockReport } from '../../runtime/contract/run.js';
import { basename, bucketLabel, commMatrix, formatBytes, formatMicros, opStats, rankStates, sizeHistogram, unreceived } from './stats.js';
import { collectiveMatrix, collectiveSentByOp, collectiveSizes, total } from './collective-stats.js';

export type Tab = 'timeline' | 'matrix' | 'operations' | 'sizes' | 'unreceived' | 'ranks' | 'waits';
/** 'waits': the Wait states table (wait-table.ts), drawn from the launcher's report, not the model. */
export const TABS: [Tab, string][] = [['timeline', 'Timeline'], ['matrix', 'Matrix'], ['operations', 'Operations'], ['sizes', 'Sizes'], ['unreceived', 'Unreceived'], ['ranks', 'Ranks'], ['waits', 'Wait states']];

export type OpenSource = (file: string, line: number, column: number) => void;

/** The report, with every `file:line` it names made a link to that line. */
export function renderBanner(el: HTMLElement, d: DeadlockReport, open: OpenSource): void {
  el.replaceChildren();
  const sites = new Map<string, { file: string; line: number; column: number }>();
  for (const m of d.members) if (m.site) sites.set(`${basename(m.site.file)}:${m.site.line}`, m.site);
  for (const line of d.text.split('\n')) {
    let last = 0;
    for (const match of line.matchAll(/([\w.\-/\\]+\.[cm]?[jt]sx?):(\d+)/g)) {
      el.append(line.slice(last, match.index));
      last = match.index + match[0].length;
      const site = sites.get(`${basename(match[1])}:${match[2]}`);
      if (!site) {
        el.append(match[0]);
        continue;
      }
      const a = h('a', { href: '#', title: `Open ${site.file}:${site.line}` }, match[0]);
      a.addEventListener('click', (e) => (e.preventDefault(), open(site.file, site.line, site.column)));
      el.append(a);
    }
    el.append(`${line.slice(last)}\n`);
  }
  el.hidden = false;
}

export function describeOp(m: TraceModel, k: number): string {
  const site = m.site(k);
  const d = m.durationOf(k);
  const lines = [`${m.names[m.rank.a[k]] ?? `rank ${m.rank.a[k]}`}: ${m.str(m.field(k, 'text'))}`];
  const peer = m.peer(k), tag = m.field(k, 'tag'), bytes = m.bytes(k);
  const extra = [];
  if (peer > -2147483648) extra.push(`peer ${peer === -1 ? 'ANY' : peer}`);
  if (tag > -2147483648) extra.push(`tag ${tag === -1 ? 'ANY' : tag}`);
  if (!Number.isNaN(bytes)) extra.push(formatBytes(bytes));
  extra.push(`${m.t1.a[k] === Infinity ? 'still waiting after ' : ''}${formatMicros(d)}`);
  lines.push(extra.join(' · '));
  if (site) lines.push(`at ${basename(site.file)}:${site.line}`);
  return lines.join('\n');
}

export function renderTable(el: HTMLElement, tab: Tab, m: TraceModel, ended: boolean): void {
  el.replaceChildren(h('h2', { class: 'sr-title' }, TABS.find(([t]) => t === tab)![1]));
  if (tab === 'matrix') {
    const x = commMatrix(m);
    const c = collectiveMatrix(m, x.n);
    const name = (r: number): string => m.names[r] ?? `rank ${r}`;
    const cell = (n: number, b: number, what: string): string => (n ? `${what}${n} (${formatBytes(b)})` : '');
    el.append(h('p', {}, 'Messages (bytes) from each row to each column: point-to-point, and "collective:" those collectives sent inside themselves.'),
      h('p', { class: 'totals' }, `${total(x)} point-to-point messages · ${total(c)} collective messages`),
      table(['from \\ to', ...Array.from({ length: x.n }, (_, r) => name(r))],
        x.counts.map((row, s) => [name(s), ...row.map((n, d) => [cell(n, x.bytes[s][d], ''), cell(c.counts[s][d], c.bytes[s][d], 'collective: ')].filter(Boolean).join(' · '))])));
  } else if (tab === 'operations') {
    const sent = collectiveSentByOp(m);
    const traffic = (op: string): string => {
      const t = sent.get(op);
      return t ? `${t.count} (${formatBytes(t.bytes)})` : '';
    };
    el.append(table(['operation', 'calls', 'total', 'mean', 'max', 'blocked', 'collective messages'], opStats(m).map((s) => [s.op, String(s.count), formatMicros(s.totalUs), formatMicros(s.meanUs), formatMicros(s.maxUs), formatMicros(s.blockedUs), traffic(s.op)])));
  } else if (tab === 'sizes') {
    const hist = sizeHistogram(m);
    const coll = collectiveSizes(m);
    const rows = Array.from({ length: Math.max(hist.length, coll.length) }, (_, i) => ({ label: bucketLabel(i), p2p: hist[i]?.count ?? 0, coll: coll[i] ?? 0 }));
    const max = Math.max(1, ...rows.map((b) => b.p2p + b.coll));
    el.append(table(['size', 'point-to-point', 'collective', ''], rows.filter((b) => b.p2p + b.coll > 0).map((b) => [b.label, String(b.p2p), String(b.coll), '█'.repeat(Math.ceil(((b.p2p + b.coll) / max) * 30))])));
  } else if (tab === 'unreceived') {
    const list = unreceived(m);
    el.append(list.length === 0 ? h('p', {}, 'Every message sent was received.') : table(['from', 'to', 'call', 'at'], list.map((u) => [u.from, u.to, u.call, u.site])));
  } else if (tab === 'ranks') {
    el.append(table(['process', 'state'], rankStates(m, ended).map((r) => [r.name, r.state])));
  }
}
