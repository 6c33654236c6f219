/**
 * The critical path of a run: the chain of calls and messages that decided when it ended. Walked
 * backwards from the call that ended last: along its process, call by call (the time between
 * calls is that process computing, on the path too), until a call that waited for another process
 * (the wait-state analysis recorded what released it); there the path jumps to that process at the
 * moment it released the wait — its send, or its entry into the collective — and goes on from
 * there. Shortening anything off the path would not have ended the run sooner.
 */
import type { TraceEvent } from '../contract/trace-events.js';
import type { CriticalSegment } from '../contract/wait-states.js';
import type { Cause } from './wait-tally.js';

interface Call {
  id: number;
  t0: number;
  t1: number;
}

/** Each process's ended calls in start order. */
function callsByRank(events: readonly TraceEvent[]): Map<number, Call[]> {
  const open = new Map<string, Call>();
  const byRank = new Map<number, Call[]>();
  for (const e of events) {
    const key = `${e.rank}:${e.id}`;
    if (e.kind === 'op-start') open.set(key, { id: e.id, t0: e.t, t1: NaN });
    else {
      const c = open.get(key);
      if (!c) continue;
      open.delete(key);
      c.t1 = e.t;
      let list = byRank.get(e.rank);
      if (!list) byRank.set(e.rank, (list = []));
      list.push(c);
    }
  }
  for (const list of byRank.values()) list.sort((a, b) => a.t0 - b.t0);
  return byRank;
}

/** Where call `id` is in `list` (ids grow in start order, as a process numbers its calls); -1: not there. */
function indexOf(list: Call[] | undefined, id: number): number {
  if (!list) return -1;
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return list[lo]?.id === id ? lo : -1;
}

/** `edges`: what released each wait, by `rank:op` of the waiting call (WaitTally's). */
export function criticalPath(events: readonly TraceEvent[], edges: ReadonlyMap<string, Cause>): CriticalSegment[] {
  const calls = callsByRank(events);
  let rank = -1, i = -1, end = -Infinity;
  for (const [r, list] of calls) {
    const last = list.at(-1)!;
    if (last.t1 > end) [rank, i, end] = [r, list.length - 1, last.t1];
  }
  const path: CriticalSegment[] = [];
  // Each step goes back in time or to an earlier call: the walk ends, but a clock that disagrees
  // between processes must not send it round in circles, so it is also bounded by the calls.
  let steps = events.length;
  let seg: CriticalSegment = { rank, from: end, to: end, ops: [] };
  while (rank >= 0 && i >= 0 && steps-- > 0) {
    const list = calls.get(rank)!;
    const c = list[i];
    seg.ops.push(c.id);
    seg.from = c.t0;
    const cause = edges.get(`${rank}:${c.id}`);
    const at = cause && indexOf(calls.get(cause.rank), cause.op);
    if (cause && at !== undefined && at >= 0 && cause.t <= seg.to && cause.rank !== rank) {
      // Waiting until the cause is not on the path; what the call did after it is.
      seg.from = Math.max(cause.t, c.t0);
      path.push(seg);
      [rank, i] = [cause.rank, at];
      seg = { rank, from: cause.t, to: cause.t, ops: [] };
    } else i--;
  }
  if (seg.ops.length > 0) path.push(seg);
  for (const s of path) s.ops.reverse();
  return path.reverse();
}
