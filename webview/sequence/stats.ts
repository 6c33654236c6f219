/**
 * The views MPI analysis tools have beside the timeline, computed from the model on demand:
 * the communication matrix, time per operation, the message-size histogram, the messages that
 * were sent and never received, and each process's state now.
 */
import { BLOCKING, type TraceModel } from './model.js';
import { formatMicros } from './grid.js';
import { NONE } from './protocol.js';

export interface Matrix {
  n: number;
  counts: number[][];
  bytes: number[][];
}

export function commMatrix(m: TraceModel): Matrix {
  const n = Math.max(m.lanes.length, m.names.length);
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const bytes = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < m.messages; i++) {
    const s = m.msgSend.a[i], r = m.msgRecv.a[i];
    if (s < 0) continue;
    const src = m.rank.a[s];
    const dst = r >= 0 ? m.rank.a[r] : m.peer(s);
    if (dst < 0 || dst >= n) continue;
    counts[src][dst]++;
    const b = m.bytes(s);
    if (!Number.isNaN(b)) bytes[src][dst] += b;
  }
  return { n, counts, bytes };
}

export interface OpStat {
  op: string;
  count: number;
  totalUs: number;
  meanUs: number;
  maxUs: number;
  blockedUs: number;
}

export function opStats(m: TraceModel): OpStat[] {
  const by = new Map<string, OpStat>();
  for (let k = 0; k < m.ops; k++) {
    const op = m.str(m.field(k, 'op'));
    const d = m.durationOf(k);
    let s = by.get(op);
    if (!s) by.set(op, (s = { op, count: 0, totalUs: 0, meanUs: 0, maxUs: 0, blockedUs: 0 }));
    s.count++;
    s.totalUs += d;
    s.maxUs = Math.max(s.maxUs, d);
    if (m.flags.a[k] & BLOCKING) s.blockedUs += d;
  }
  const out = [...by.values()];
  for (const s of out) s.meanUs = s.totalUs / s.count;
  return out.sort((a, b) => b.totalUs - a.totalUs);
}

/** Message sizes in powers of two: bucket i holds sizes in [2^(i-1), 2^i), bucket 0 empty messages. */
export function sizeHistogram(m: TraceModel): { label: string; count: number }[] {
  const counts: number[] = [];
  for (let i = 0; i < m.messages; i++) {
    const s = m.msgSend.a[i];
    if (s < 0) continue;
    const bucket = sizeBucket(m.bytes(s));
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return Array.from(counts, (c, i) => ({ label: bucketLabel(i), count: c ?? 0 }));
}

export function sizeBucket(b: number): number {
  return Number.isNaN(b) || b <= 0 ? 0 : Math.floor(Math.log2(b)) + 1;
}

export function bucketLabel(i: number): string {
  return i === 0 ? '0 B' : `${formatBytes(2 ** (i - 1))}–${formatBytes(2 ** i)}`;
}

export function unreceived(m: TraceModel): { from: string; to: string; call: string; site: string }[] {
  const out = [];
  for (let i = 0; i < m.messages; i++) {
    const s = m.msgSend.a[i];
    if (s < 0 || m.msgRecv.a[i] >= 0) continue;
    const site = m.site(s);
    const peer = m.peer(s);
    // A multiprocessing item (left on a queue, say) names no taker: any process could have.
    const to = peer === NONE ? 'any process' : (m.names[peer] ?? `rank ${peer}`);
    out.push({ from: m.names[m.rank.a[s]] ?? `rank ${m.rank.a[s]}`, to, call: m.str(m.field(s, 'text')), site: site ? `${basename(site.file)}:${site.line}` : '' });
  }
  return out;
}

/** Each process's state now: blocked in its open blocking call, or running/finished. */
export function rankStates(m: TraceModel, ended: boolean): { name: string; state: string }[] {
  const n = Math.max(m.lanes.length, m.names.length);
  const out = [];
  for (let r = 0; r < n; r++) {
    const name = m.names[r] ?? `rank ${r}`;
    const lane = m.lanes[r];
    const last = lane && lane.n > 0 ? lane.a[lane.n - 1] : -1;
    let state = ended ? 'finished' : 'running';
    if (last >= 0 && m.t1.a[last] === Infinity && m.flags.a[last] & BLOCKING) {
      const site = m.site(last);
      state = `blocked in ${m.str(m.field(last, 'text'))}${site ? ` at ${basename(site.file)}:${site.line}` : ''}`;
    }
    out.push({ name, state: `${state} (${lane?.n ?? 0} calls)` });
  }
  return out;
}

export function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

export function formatBytes(b: number): string {
  if (b >= 1 << 20) return `${(b / (1 << 20)).toFixed(b % (1 << 20) ? 1 : 0)} MiB`;
  if (b >= 1024) return `${(b / 1024).toFixed(b % 1024 ? 1 : 0)} KiB`;
  return `${b} B`;
}

export { formatMicros };
