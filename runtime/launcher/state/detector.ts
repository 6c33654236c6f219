/**
 * Deadlock detection on the launcher's job state, by a wait-for analysis with AND and OR edges.
 *
 * A rank is *releasable* when it is running, or when what it waits for can still happen: a
 * matching message is already in flight, or the ranks it waits on are themselves releasable (all
 * of them for AND waits such as a collective, any for OR waits such as ANY_SOURCE). A blocked rank
 * that is not releasable never will be: that set is the deadlock, reported as soon as it exists.
 * Anything the detector cannot see into counts as releasable, so it never raises a false alarm.
 * A rank awaiting several calls at once waits on any of them: one completing is progress.
 */
import type { OpStartEvent, WaitFor } from '../../contract/trace-events.js';
import type { JobState, RankState } from './job-state.js';

export interface StuckRank {
  rank: RankState;
  op: OpStartEvent;
  /** Ranks this one waits for, and why each cannot help. */
  waitsOn: number[];
}

export interface Deadlock {
  stuck: StuckRank[];
  /** A wait-for cycle among the stuck ranks, when there is one (rank numbers, first repeated last). */
  cycle: number[] | undefined;
  /** Idle Pool workers whose owner is stuck: never given work again, so as good as finished. */
  idle: number[];
}

export function findDeadlock(state: JobState): Deadlock | undefined {
  const blocked = state.ranks.filter((r) => r.status === 'blocked' && r.blockedIn);
  if (blocked.length === 0) return undefined;
  // An idle Pool worker runs again only when its owner gives it work: it is free when its owner is.
  const idle = new Map(state.ranks.flatMap((r) => {
    const owner = state.idleWorkerOwner(r.rank);
    return owner === undefined ? [] : [[r.rank, owner] as const];
  }));
  const now = Date.now();
  const free = new Set(state.ranks.filter((r) => (r.status === 'running' && !idle.has(r.rank)) || r.status === 'starting' || ending(r, now)).map((r) => r.rank));
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of blocked) {
      if (!free.has(r.rank) && releasable(state, r.rank, waitOf(r), free)) {
        free.add(r.rank);
        changed = true;
      }
    }
    for (const [worker, owner] of idle) {
      if (!free.has(worker) && free.has(owner)) {
        free.add(worker);
        changed = true;
      }
    }
  }
  const stuck = blocked.filter((r) => !free.has(r.rank));
  if (stuck.length === 0) return undefined;
  const stuckRanks = stuck.map((r) => ({ rank: r, op: r.blockedIn!, waitsOn: dependencies(state, r.rank, waitOf(r)) }));
  return { stuck: stuckRanks, cycle: findCycle(stuckRanks), idle: [...idle.keys()].filter((w) => !free.has(w)) };
}

/**
 * How long a process sent SIGTERM or SIGKILL counts as ending, whatever it is blocked in: its
 * exit frees whoever joins it. A program that catches SIGTERM and goes on is judged again after.
 */
export const SIGNAL_GRACE_MS = 2000;

function ending(r: RankState, now: number): boolean {
  return r.signalledAt !== undefined && now - r.signalledAt < SIGNAL_GRACE_MS && r.status !== 'finished' && r.status !== 'failed';
}

/**
 * What a blocked rank waits on: its blocking call, or any of the calls it awaits together
 * (`Promise.all([comm.recv(…), comm.send(…)])`): it is stuck only when none of them can complete.
 */
function waitOf(r: RankState): WaitFor {
  const waits = [...r.open.values()].flatMap((o) => (o.wait ? [o.wait] : []));
  return waits.length === 1 ? waits[0] : { type: 'any', of: waits };
}

function releasable(state: JobState, me: number, w: WaitFor, free: Set<number>): boolean {
  switch (w.type) {
    case 'recv':
      // The wait of a posted receive that has matched (or was cancelled) completes by itself.
      if (w.posted !== undefined && !state.postedReceives.get(me)?.has(w.posted)) return true;
      // A free sender is enough; only then look through the messages in flight (the costly part).
      if (w.source < 0 ? w.group.some((r) => r !== me && free.has(r)) : free.has(w.source)) return true;
      return messageInFlight(state, me, w);
    case 'send': {
      // Received already: the receiver's acknowledgement (ssend, rendezvous) is on its way.
      if (free.has(w.dest) || !state.inFlight.has(w.msg)) return true;
      // A nonblocking receive the peer posted earlier takes the message whatever the peer does now.
      const posted = [...(state.postedReceives.get(w.dest)?.values() ?? [])];
      if (posted.some((p) => acceptsFrom(p, me, w.comm, w.tag))) return true;
      const peer = state.ranks[w.dest];
      return peer?.status === 'blocked' && acceptsFrom(waitOf(peer), me, w.comm, w.tag);
    }
    case 'collective':
      return w.group.every((r) => state.entered(w.comm, w.seq, r) || free.has(r));
    case 'process': {
      const target = state.ranks[w.target];
      return !target || free.has(w.target) || target.status === 'finished' || target.status === 'failed';
    }
    case 'lock': {
      if (!state.parked.get(w.obj)?.has(me)) return true; // in flight to the owner, or answered
      const holders = [...(state.lockHolders.get(w.obj)?.keys() ?? [])];
      // Nobody holds it as far as we know: a release is on its way, or the acquire just succeeded.
      return holders.length === 0 || holders.some((h) => h !== me && free.has(h));
    }
    case 'object':
      if (!state.parked.get(w.obj)?.has(me) || objectReady(state, w)) return true;
      return state.ranks.some((r) => r.rank !== me && free.has(r.rank));
    case 'pool': {
      // Unknown pool, or every task's result already in: the call is about to return.
      const busy = state.pools.get(w.obj)?.busy ?? [];
      return busy.length === 0 || busy.some((b) => free.has(b) || ['finished', 'failed'].includes(state.ranks[b]?.status ?? 'finished'));
    }
    case 'all':
      return w.of.every((x) => releasable(state, me, x, free));
    case 'any':
      return w.of.length === 0 || w.of.some((x) => releasable(state, me, x, free));
    case 'opaque':
      return true;
  }
}

/** What the detector knows releases a multiprocessing wait without anyone else acting. */
function objectReady(state: JobState, w: Extract<WaitFor, { type: 'object' }>): boolean {
  if (w.op === 'get') return (state.queued.get(w.obj) ?? 0) > 0;
  if (w.op === 'Connection.recv') return eofComing(state, w.obj);
  if (w.op === 'Event.wait') return state.eventFlags.get(w.obj) === true;
  if (w.op === 'Barrier.wait' && w.parties !== undefined) {
    const waiting = state.ranks.filter((r) => r.blockedIn?.wait?.type === 'object' && r.blockedIn.obj === w.obj).length;
    return waiting >= w.parties;
  }
  return false;
}

/**
 * A pipe's recv ends with EOF once every holder of the other end has closed it: holders that have
 * exited close it as they go (the owner's wake may not have arrived yet). A holder still alive,
 * the waiting process included, keeps EOF away.
 */
function eofComing(state: JobState, obj: string): boolean {
  const openBy = state.pipeOpenBy.get(obj);
  return openBy !== undefined && openBy.every((p) => ['finished', 'failed'].includes(state.ranks[p]?.status ?? 'finished'));
}

/** The processes holding the other end of a pipe a process waits on, as far as the launcher knows. */
export function pipeHolders(state: JobState, w: WaitFor): number[] {
  return w.type === 'object' && w.op === 'Connection.recv' ? state.pipeOpenBy.get(w.obj) ?? [] : [];
}

function messageInFlight(state: JobState, me: number, w: Extract<WaitFor, { type: 'recv' }>): boolean {
  for (const m of state.inFlight.values()) {
    if (m.dest === me && m.comm === w.comm && (w.source < 0 || m.src === w.source) && (w.tag < 0 || m.tag === w.tag)) return true;
  }
  return false;
}

/** Whether a rank waiting on `w` would take a message from `src` on `comm` with `tag`. */
function acceptsFrom(w: WaitFor, src: number, comm: string, tag: number): boolean {
  if (w.type === 'recv') return w.comm === comm && (w.source < 0 || w.source === src) && (w.tag < 0 || w.tag === tag);
  if (w.type === 'all' || w.type === 'any') return w.of.some((x) => acceptsFrom(x, src, comm, tag));
  return false;
}

/** The ranks a wait depends on, for the report and the cycle. */
export function dependencies(state: JobState, me: number, w: WaitFor): number[] {
  switch (w.type) {
    case 'recv':
      return w.source < 0 ? w.group.filter((r) => r !== me) : [w.source];
    case 'send':
      return [w.dest];
    case 'collective':
      return w.group.filter((r) => !state.entered(w.comm, w.seq, r));
    case 'process':
      return [w.target];
    case 'lock':
      return [...(state.lockHolders.get(w.obj)?.keys() ?? [])];
    case 'object':
      return state.ranks.filter((r) => r.rank !== me && r.status !== 'finished' && r.status !== 'failed' && state.idleWorkerOwner(r.rank) === undefined).map((r) => r.rank);
    case 'pool':
      return state.pools.get(w.obj)?.busy ?? [];
    case 'all':
    case 'any':
      return [...new Set(w.of.flatMap((x) => dependencies(state, me, x)))];
    case 'opaque':
      return [];
  }
}

function findCycle(stuck: StuckRank[]): number[] | undefined {
  const edges = new Map(stuck.map((s) => [s.rank.rank, s.waitsOn.filter((r) => stuck.some((t) => t.rank.rank === r))]));
  for (const start of edges.keys()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    const walk = (n: number): number[] | undefined => {
      if (onPath.has(n)) return [...path.slice(path.indexOf(n)), n];
      path.push(n);
      onPath.add(n);
      for (const next of edges.get(n) ?? []) {
        const c = walk(next);
        if (c) return c;
      }
      path.pop();
      onPath.delete(n);
      return undefined;
    };
    const cycle = walk(start);
    if (cycle) return cycle;
  }
  return undefined;
}
