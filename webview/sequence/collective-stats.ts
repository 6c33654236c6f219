/**
 * The tables' counts of collectives' own messages (collective-traffic.ts), beside the user's
 * point-to-point ones (stats.ts): per pair of ranks, per size, per operation. An alltoall on 5
 * ranks is 20 messages, a broadcast on 4 is 3: what the algorithm sent, not one per member.
 */
import type { TraceModel } from './model.js';
import { sizeBucket, type Matrix } from './stats.js';

/** Messages (and bytes) each rank's collectives sent each other rank, counted at the send or, if its end is missing, at the receive. */
export function collectiveMatrix(m: TraceModel, n: number): Matrix {
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const bytes = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const t = m.traffic;
  for (let x = 0; x < t.count; x++) {
    const s = t.src.a[x], d = t.dst.a[x];
    if (s >= n || d >= n) continue;
    counts[s][d]++;
    const b = t.bytes.a[x];
    if (!Number.isNaN(b)) bytes[s][d] += b;
  }
  return { n, counts, bytes };
}

/** How many collective messages fall in each size bucket (stats.ts `sizeBucket`). */
export function collectiveSizes(m: TraceModel): number[] {
  const counts: number[] = [];
  const t = m.traffic;
  for (let x = 0; x < t.count; x++) {
    const bucket = sizeBucket(t.bytes.a[x]);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return counts;
}

/** Per operation name: the messages its calls sent inside themselves, and their bytes. */
export function collectiveSentByOp(m: TraceModel): Map<string, { count: number; bytes: number }> {
  const by = new Map<string, { count: number; bytes: number }>();
  const t = m.traffic;
  for (let x = 0; x < t.count; x++) {
    const k = t.sendOp.a[x];
    if (k < 0) continue;
    const op = m.str(m.field(k, 'op'));
    let s = by.get(op);
    if (!s) by.set(op, (s = { count: 0, bytes: 0 }));
    s.count++;
    const b = t.bytes.a[x];
    if (!Number.isNaN(b)) s.bytes += b;
  }
  return by;
}

/** All the messages of a matrix. */
export function total(x: Matrix): number {
  return x.counts.reduce((sum, row) => sum + row.reduce((a, c) => a + c, 0), 0);
}
