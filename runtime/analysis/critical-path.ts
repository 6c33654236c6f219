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
import type { Causes } from './wait-tally.js';

interface Call {
  id: number;
  t0: number;
  t1: number;
}

/** Runs longer than this get no critical path: the walk holds every call at once. */
export const CRITICAL_PATH_MAX_EVENTS = 2_000_000;

/** Each process's ended calls in start order (a process numbers its calls as it starts them). */
function callsByRank(events: readonly TraceEvent[]): Map<number, Call[]> {
  const byId = new Map<number, Call[]>();
  for (const e of events) {
    let calls = byId.get(e.rank);
    if (!calls) byId.set(e.rank, (calls = []));
    if (e.kind === 'op-start') calls[e.id] = { id: e.id, t0: e.t, t1: NaN };
    else if (calls[e.id]) calls[e.id].t1 = e.t;
  }
  const byRank = new Map<number, Call[]>();
  for (const [rank, calls] of byId) byRank.set(rank, calls.filter((c) => !Number.isNaN(c.t1)));
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

/** `edges`: what released each wait (WaitTally's). */
export function criticalPath(events: readonly TraceEvent[], edges: Causes): CriticalSegment[] | undefined {
  if (events.length > CRITICAL_PATH_MAX_EVENTS) return undefined;
  const calls = callsByRank(events);
  let rank = -1, i = -1, end = -Infinity;
  for (const [r, list] of calls) {
    // A process with no call ended (one stuck in its first) has nothing on the path.
    const last = list.at(-1);
    if (last && last.t1 > end) [rank, i, end] = [r, list.length - 1, last.t1];
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
    const cause = edges.get(rank)?.get(c.id);
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
