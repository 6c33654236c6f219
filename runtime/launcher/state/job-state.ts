/**
 * The launcher's live picture of a job, built only from trace events and process exits: what each
 * rank is doing, which messages are sent but not yet received, and who entered which collective.
 * The deadlock detector, the failure reports and (later) the debug adapter all read it.
 */
import { SendOrder } from './buffering.js';
import type { OpStartEvent, RankEvent, RecvMatchedEvent, RecvWait } from '../../contract/trace-events.js';
import type { ProcessInfo, ProcessStatus } from '../../contract/run.js';
import { ProcessChanges } from './process-changes.js';

export interface RankState {
  rank: number;
  name: string;
  /** The process that started this one (multiprocessing children only). */
  parent?: number;
  pid?: number;
  status: ProcessStatus;
  /** Operations started and not ended, by id; the blocking one (if any) is `blockedIn`. */
  open: Map<number, OpStartEvent>;
  blockedIn?: OpStartEvent;
  exitCode?: number | null;
  signal?: string | null;
  /** When its parent had it sent SIGTERM or SIGKILL (ms, Date.now()): it is ending. */
  signalledAt?: number;
  error?: ProcessInfo['error'];
}

export interface InFlight {
  msg: string;
  comm: string;
  src: number;
  dest: number;
  tag: number;
  start: OpStartEvent;
}

export interface PoolTasks {
  owner: number;
  workers: number[];
  busy: number[];
}

export interface CollectiveEntry {
  rank: number;
  event: OpStartEvent;
}

export class JobState {
  readonly ranks: RankState[];
  readonly inFlight = new Map<string, InFlight>();
  /**
   * Messages whose receive was reported before their send: ranks flush independently, so the
   * receiver's events can overtake the sender's. The send then must not be counted as in flight.
   */
  private readonly receivedFirst = new Set<string>();
  /** Messages a posted nonblocking receive took before its wait (their wait's end is no news). */
  private readonly matchedEarly = new Set<string>();
  /** Nonblocking receives posted and not yet matched, per rank, by the operation that posted them. */
  readonly postedReceives = new Map<number, Map<number, RecvWait>>();
  /** `<comm>#<seq>` → who entered that collective, in arrival order. */
  readonly collectives = new Map<string, CollectiveEntry[]>();
  /** Point-to-point calls in each rank's order, to replay the run as if no send were buffered. */
  readonly sendOrder = new SendOrder();
  /** Collectives some members have entered and others not yet. */
  readonly openCollectives = new Set<string>();
  /** Multiprocessing locks: who holds each (process → depth), from acquire and release events. */
  readonly lockHolders = new Map<string, Map<number, number>>();
  /** Multiprocessing queues: items put minus items taken, from put and get events. */
  readonly queued = new Map<string, number>();
  /** Processes whose call on a multiprocessing object is parked there, per object (from its owner). */
  readonly parked = new Map<string, Set<number>>();
  /** Pipe ends (receiving side): who holds open the end that sends to them, as the owner last said. */
  readonly pipeOpenBy = new Map<string, number[]>();
  /** Pools by name: their owner, connected workers and busy workers, as the owner last said. */
  readonly pools = new Map<string, PoolTasks>();
  /** Multiprocessing events: the flag, from set and clear events. */
  readonly eventFlags = new Map<string, boolean>();
  /** Highest collective number each rank entered, per communicator. */
  readonly collectiveCount = new Map<string, Map<number, number>>();
  /** Listeners told of every collective entry (for mismatch checks). */
  onCollective: (key: string, entries: CollectiveEntry[]) => void = () => {};
  /** Which processes changed for watchers since `takeChanges` (process-changes.ts). */
  private readonly changes = new ProcessChanges();

  constructor(size: number, nameOf: (rank: number) => string) {
    this.ranks = Array.from({ length: size }, (_, rank) => ({ rank, name: nameOf(rank), status: 'starting' as ProcessStatus, open: new Map() }));
  }

  /** Registers a process (a rank, or a multiprocessing child of `parent`); returns its index. */
  addProcess(name: string, parent: number | undefined): number {
    const rank = this.ranks.length;
    this.ranks.push({ rank, name, parent, status: 'starting', open: new Map() });
    this.changes.touch(rank);
    return rank;
  }

  /** Marks a process changed by its owner (its name, its error), for the next `takeChanges`. */
  touch(index: number): void {
    this.changes.touch(index);
  }

  /**
   * The processes that changed since the last call, as watchers see them: one `processes` event
   * per applied batch or exit, with only these, and nothing at all when nothing a watcher sees moved.
   */
  takeChanges(): ProcessInfo[] {
    return this.changes.take(this.ranks);
  }

  apply(e: RankEvent): void {
    const r = this.ranks[e.rank];
    if (!r) return;
    if (e.kind === 'recv-matched') return this.recvMatched(e);
    if (e.kind === 'pipe-holders') return void this.pipeOpenBy.set(e.obj, e.openBy);
    if (e.kind === 'pool-tasks') return void this.pools.set(e.obj, { owner: e.rank, workers: e.workers, busy: e.busy });
    if (e.kind === 'op-start') {
      if (e.op === 'park' || e.op === 'wake') return this.ownerSays(e);
      if (e.posts) this.postedBy(e.rank).set(e.id, e.posts);
      r.open.set(e.id, e);
      if (e.wait) {
        r.blockedIn = e;
        r.status = 'blocked';
        this.changes.touch(e.rank);
      }
      this.sent(e);
      if (e.collSeq !== undefined) this.enterCollective(e);
      return;
    }
    const start = r.open.get(e.id);
    r.open.delete(e.id);
    if (start?.obj && !e.error && e.ok !== false) this.objectChanged(start.obj, start.op, e.rank);
    if (e.msg) this.took(e.msg, e.rank, e.id, start?.wait?.type === 'recv' && (start.wait.source < 0 || start.wait.tag < 0) ? start : undefined);
    if (start && r.blockedIn === start) {
      // Calls awaited together (`Promise.all([recv, send])`) end one by one: blocked until the last.
      r.blockedIn = lastBlocking(r.open);
      if (!r.blockedIn && r.status === 'blocked') r.status = 'running';
      this.changes.touch(e.rank);
    }
  }

  /**
   * A call that sends message `e.msg` (if it names one) has begun: the message is in flight, in
   * the context it is matched in (a neighbour collective's, apart from user receives).
   */
  sent(e: OpStartEvent): void {
    this.sendOrder.send(e);
    if (e.msg && e.peer !== undefined && e.peer >= 0 && !this.receivedFirst.delete(e.msg)) {
      this.inFlight.set(e.msg, { msg: e.msg, comm: e.ctx ?? e.comm, src: e.rank, dest: e.peer, tag: e.tag ?? 0, start: e });
    }
  }

  /** Call `id` of `rank`, which took message `msg`, has ended; `wildcard`: its start, if any source or tag would do. */
  took(msg: string, rank: number, id: number, wildcard: OpStartEvent | undefined): void {
    if (this.matchedEarly.delete(msg)) return;
    this.received(msg);
    // A wildcard receive could have taken another message: the replay must not insist on this one.
    this.sendOrder.posted(rank, id, msg, true, wildcard && { anySource: wildcard.wait?.type === 'recv' && wildcard.wait.source < 0, start: wildcard });
  }

  private received(msg: string): void {
    if (!this.inFlight.delete(msg)) this.receivedFirst.add(msg);
  }

  private postedBy(rank: number): Map<number, RecvWait> {
    const posted = this.postedReceives.get(rank) ?? new Map<number, RecvWait>();
    this.postedReceives.set(rank, posted);
    return posted;
  }

  /** A posted receive took its message (or was cancelled): the message is no longer in flight. */
  private recvMatched(e: RecvMatchedEvent): void {
    const posted = this.postedReceives.get(e.rank);
    const pattern = posted?.get(e.id);
    posted?.delete(e.id);
    if (e.msg === undefined) return;
    this.received(e.msg);
    this.matchedEarly.add(e.msg);
    this.sendOrder.posted(e.rank, e.id, e.msg, false, pattern !== undefined && (pattern.source < 0 || pattern.tag < 0) ? { anySource: pattern.source < 0 } : undefined);
  }

  /**
   * An object's owner says a call of process `peer` is waiting on the object (park), or was just
   * answered (wake). Only parked calls count as waits for the detector.
   */
  private ownerSays(e: OpStartEvent): void {
    if (e.peer === undefined || !e.obj) return;
    const set = this.parked.get(e.obj) ?? new Set<number>();
    this.parked.set(e.obj, set);
    if (e.op === 'park') {
      set.add(e.peer);
      return;
    }
    set.delete(e.peer);
    const waiter = this.ranks[e.peer];
    if (waiter && waiter.blockedIn?.obj === e.obj && waiter.status === 'blocked') {
      waiter.blockedIn = undefined;
      waiter.status = 'running';
      this.changes.touch(e.peer);
    }
  }

  /** Keeps the multiprocessing facts the detector reads; ranks' events arrive in order per rank. */
  private objectChanged(obj: string, op: string, rank: number): void {
    const kind = op.slice(op.indexOf('.') + 1);
    if (kind === 'acquire' && (op.startsWith('Lock') || op.startsWith('RLock'))) {
      const holders = this.lockHolders.get(obj) ?? new Map<number, number>();
      holders.set(rank, (holders.get(rank) ?? 0) + 1);
      this.lockHolders.set(obj, holders);
    } else if (kind === 'release' && (op.startsWith('Lock') || op.startsWith('RLock'))) {
      const holders = this.lockHolders.get(obj);
      const depth = (holders?.get(rank) ?? 0) - 1;
      if (depth > 0) holders!.set(rank, depth);
      else holders?.delete(rank);
    } else if (kind === 'put' || kind === 'get') {
      this.queued.set(obj, (this.queued.get(obj) ?? 0) + (kind === 'put' ? 1 : -1));
    } else if (op === 'Event.set' || op === 'Event.clear') {
      this.eventFlags.set(obj, op === 'Event.set');
    }
  }

  private enterCollective(e: OpStartEvent): void {
    const key = `${e.comm}#${e.collSeq}`;
    this.sendOrder.collective(e, key, collectiveGroup(e).length);
    const list = this.collectives.get(key) ?? [];
    list.push({ rank: e.rank, event: e });
    this.collectives.set(key, list);
    const group = collectiveGroup(e);
    if (list.length < group.length) this.openCollectives.add(key);
    else this.openCollectives.delete(key);
    const counts = this.collectiveCount.get(e.comm) ?? new Map<number, number>();
    counts.set(e.rank, Math.max(counts.get(e.rank) ?? 0, e.collSeq!));
    this.collectiveCount.set(e.comm, counts);
    this.onCollective(key, list);
  }

  /**
   * A collective that a member can no longer enter because it has exited: an error even where
   * the members inside could finish locally (MPI requires every member to call it).
   */
  abandonedCollective(): { key: string; entries: CollectiveEntry[]; missing: number[] } | undefined {
    for (const key of this.openCollectives) {
      const entries = this.collectives.get(key)!;
      const group = collectiveGroup(entries[0].event);
      const missing = group.filter((g) => !entries.some((e) => e.rank === g));
      if (missing.some((g) => this.ranks[g].status === 'finished' || this.ranks[g].status === 'failed')) return { key, entries, missing };
    }
    return undefined;
  }

  /**
   * The owner of the Pool whose worker `rank` is, when that worker is idle: connected, holding no
   * task and in no call of its own. It can do nothing until its owner sends work or closes the pool.
   */
  idleWorkerOwner(rank: number): number | undefined {
    if (this.ranks[rank]?.status !== 'running') return undefined;
    for (const p of this.pools.values()) {
      if (p.workers.includes(rank) && !p.busy.includes(rank)) return p.owner;
    }
    return undefined;
  }

  /** Whether `rank` has entered collective number `seq` of `comm`. */
  entered(comm: string, seq: number, rank: number): boolean {
    return (this.collectiveCount.get(comm)?.get(rank) ?? 0) >= seq;
  }

  /** The process was sent `terminate()` or `kill()`: its exit (and the end of its waits) is coming. */
  signalled(rank: number): void {
    const r = this.ranks[rank];
    if (r) r.signalledAt = Date.now();
  }

  started(rank: number, pid: number): void {
    const r = this.ranks[rank];
    r.pid = pid;
    if (r.status === 'starting') r.status = 'running';
    this.changes.touch(rank);
  }

  exited(rank: number, code: number | null, signal: string | null): void {
    const r = this.ranks[rank];
    r.exitCode = code;
    r.signal = signal;
    r.status = code === 0 ? 'finished' : 'failed';
    r.blockedIn = undefined;
    this.postedReceives.delete(rank);
    this.changes.touch(rank);
  }
}

/** The latest-started open call that blocks (every receive's end asks: no arrays made). */
function lastBlocking(open: Map<number, OpStartEvent>): OpStartEvent | undefined {
  let last: OpStartEvent | undefined;
  for (const o of open.values()) if (o.wait) last = o;
  return last;
}

/**
 * The members a collective call waits for: its collective wait's group, also where that wait is
 * one of several awaited together (a neighbour collective also waits for its neighbours' messages).
 */
export function collectiveGroup(e: OpStartEvent): number[] {
  const w = e.wait;
  if (w?.type === 'collective') return w.group;
  if (w?.type === 'all') return w.of.find((x) => x.type === 'collective')?.group ?? [];
  return [];
}
