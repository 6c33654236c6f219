/**
 * The few lines `rankscope run --wait-states` prints at a run's end about where its processes
 * waited for one another (`rankscope: wait states — rank 0 recv at late.ts:7: 201 ms Late Sender`):
 * the largest losses, each summed over its call site; the diagram's tab has them all.
 */
import { formatSite } from '../contract/site-format.js';
import { PATTERN_NAMES, type WaitStateReport, type WaitStateRow } from '../contract/wait-states.js';

/** A loss below this is not worth a line. */
export const SUMMARY_MIN_US = 1000;
/** Lines at most; the rest are counted. */
export const SUMMARY_MAX_ROWS = 5;

export function formatLost(us: number): string {
  if (us >= 10_000_000) return `${(us / 1e6).toFixed(1)} s`;
  if (us >= 1000) return `${Math.round(us / 1000)} ms`;
  return `${Math.round(us)} µs`;
}

function describe(r: WaitStateRow, name: (rank: number) => string): string {
  const times = r.count > 1 ? ` (${r.count} calls)` : '';
  return `${name(r.rank)} ${r.op} at ${formatSite(r.site)}: ${formatLost(r.lostUs)} ${PATTERN_NAMES[r.pattern]}${times}`;
}

/** The summary's text, each line ending in a newline. */
export function waitSummary(report: WaitStateReport, name: (rank: number) => string = (r) => `rank ${r}`, minUs = SUMMARY_MIN_US): string {
  const worth = report.rows.filter((r) => r.lostUs >= minUs);
  if (worth.length === 0) return `rankscope: wait states — no process waited ${formatLost(minUs)} or more for another\n`;
  const shown = worth.slice(0, SUMMARY_MAX_ROWS);
  const lines = shown.map((r) => `rankscope: wait states — ${describe(r, name)}`);
  const more = report.rows.length - shown.length;
  if (more > 0) lines.push(`rankscope: wait states — and ${more} more call site${more === 1 ? '' : 's'} (${formatLost(report.totalUs)} lost in all; the diagram's Wait states tab lists them)`);
  return `${lines.join('\n')}\n`;
}
