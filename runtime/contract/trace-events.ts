/**
 * Trace events: the one record of what every rank or process did. The tracer in each rank emits
 * them; the launcher, the deadlock detector, the trace-file writer, the debug adapter and the
 * webview all consume these types. Bump TRACE_SCHEMA_VERSION on any incompatible change.
 */

export const TRACE_SCHEMA_VERSION = 1;

/** A position in the user's source, already mapped from the bundle back to the `.ts` file. */
export interface CallSite {
  file: string;
  line: number;
  column: number;
}

/**
 * What a blocking operation waits for, in terms the deadlock detector understands.
 * Ranks are world ranks; ANY (-1) stands for MPI.ANY_SOURCE / MPI.ANY_TAG.
 */
export type WaitFor =
  /** `posted`: the nonblocking receive (its operation id) being waited for, when there is one. */
  | { type: 'recv'; comm: string; source: number; tag: number; group: number[]; posted?: number }
  | { type: 'send'; comm: string; dest: number; tag: number; msg: string }
  | { type: 'collective'; comm: string; seq: number; op: string; group: number[] }
  /** `Process.join()`: released when that process (an index) ends. */
  | { type: 'process'; target: number }
  /** Lock/RLock acquire: released when the processes holding the lock release it. */
  | { type: 'lock'; obj: string }
  /**
   * A multiprocessing object that any other live process could act on (put, get, set, notify,
   * arrive, taskDone). `op` lets the detector use what it knows: items queued, an event's flag,
   * how many wait at a barrier of `parties`.
   */
  | { type: 'object'; obj: string; op: string; parties?: number }
  /** A Pool call (map, apply, AsyncResult.get): released while a worker holding its tasks can run. */
  | { type: 'pool'; obj: string }
  | { type: 'all'; of: WaitFor[] }
  | { type: 'any'; of: WaitFor[] }
  /** Waiting for something the detector cannot see into (multiprocessing objects add their own). */
  | { type: 'opaque'; what: string };

export type RecvWait = Extract<WaitFor, { type: 'recv' }>;

export const ANY = -1;

/** An operation began. Point-to-point sends carry a message id that the matching receive repeats. */
export interface OpStartEvent {
  kind: 'op-start';
  /** World rank (MPI) or process index (multiprocessing). */
  rank: number;
  /** Per-rank operation number; the matching OpEndEvent has the same id. */
  id: number;
  /** Microseconds since the Unix epoch. */
  t: number;
  /** The user-level call, named as the user typed it: `send`, `Recv`, `bcast`, `Barrier`, … */
  op: string;
  /** Human-readable call with its arguments, e.g. `recv(source=5, tag=ANY)`. */
  text: string;
  comm: string;
  /** World rank of the destination (sends) or source (receives); -1 for ANY_SOURCE. */
  peer?: number;
  tag?: number;
  bytes?: number;
  root?: number;
  /** Collective sequence number within `comm`: the n-th collective every member calls. */
  collSeq?: number;
  /**
   * A reduction's arguments that MPI requires every member to pass alike (the op; for buffers the
   * count and datatype): `MPI.SUM, 5 × MPI.DOUBLE`. The launcher reports members whose signatures
   * differ as a collective mismatch.
   */
  sig?: string;
  /** Message id (`<world rank>.<n>`) for sends. */
  msg?: string;
  /**
   * A multiprocessing item this call hands over (a queue `put`, a pipe `send`, a Pool chunk dealt
   * to a worker): `<process index>.<n>`, carried with the item, so the call that takes it names it
   * at its end. Not an MPI message: the launcher's message state never reads it; the diagram
   * draws it as an arrow.
   */
  item?: string;
  /** The item this call began by taking: a Pool worker's task starts with the chunk it was dealt. */
  took?: string;
  /** The multiprocessing object operated on (`<owner pid>:<id>`). */
  obj?: string;
  /** Present when the call blocks the caller until something else happens. */
  wait?: WaitFor;
  /**
   * A nonblocking receive (`irecv`): the receive it leaves posted. It can take a waiting sender's
   * message before its wait is called, so the detector counts it until a RecvMatchedEvent.
   */
  posts?: RecvWait;
  site?: CallSite;
  /**
   * The context a sent message is matched in, when it is not `comm` itself: neighbour-collective
   * messages travel in the collective context, where no user receive can take them, yet are
   * drawn on their communicator. The launcher counts the message in flight in this context.
   */
  ctx?: string;
}

export interface OpEndEvent {
  kind: 'op-end';
  rank: number;
  id: number;
  t: number;
  /** For receives: the world rank the message came from, its tag, size and message id. */
  peer?: number;
  tag?: number;
  bytes?: number;
  msg?: string;
  /** The multiprocessing item (OpStartEvent.item) this call took: a `get`, a `recv`, a Pool result. */
  item?: string;
  /** An item this call handed over as it ended: a Pool task's result; a lock release's handoff to the acquire it let through. */
  gave?: string;
  error?: string;
  /** For calls that can fail softly (acquire with a timeout): whether it succeeded. */
  ok?: boolean;
  /**
   * A collective's own point-to-point messages (the steps its algorithm took), five numbers each:
   * TRAFFIC_SEND or TRAFFIC_RECV, the peer (world rank), bytes, the message's sequence number and
   * when (µs). The message id is `<sender>.<seq>`: a send's and its receive's records name the same.
   * They travel in the collective's context, where no user receive can take them, so the launcher
   * reads nothing here; only the diagram draws them, inside the collective's band.
   */
  traffic?: number[];
}

/** `OpEndEvent.traffic`: numbers per message, and what the first one says. */
export const TRAFFIC_STRIDE = 5;
export const TRAFFIC_SEND = 0;
export const TRAFFIC_RECV = 1;

export type TraceEvent = OpStartEvent | OpEndEvent;

/**
 * The receive posted by nonblocking operation `id` matched message `msg` (or was cancelled: no
 * `msg`). It happens between the `irecv` and its wait, so no operation of the user's shows it;
 * only the launcher's job state reads it (a rendezvous sender is released by the match, not by
 * the wait). It goes no further than the launcher: trace files and the diagram never see it.
 */
export interface RecvMatchedEvent {
  kind: 'recv-matched';
  rank: number;
  id: number;
  t: number;
  msg?: string;
}

/**
 * A pipe's owner says which processes hold open the end that sends to end `obj`: a `recv` on
 * `obj` ends with EOF once they have all closed it or exited. Sent on every change.
 */
export interface PipeHoldersEvent {
  kind: 'pipe-holders';
  rank: number;
  t: number;
  obj: string;
  openBy: number[];
}

/**
 * A Pool's owner says which of its worker processes are connected and which hold tasks (sent, or
 * with results not yet taken in): a connected worker holding none can only wait for the owner.
 * Sent when either set changes.
 */
export interface PoolTasksEvent {
  kind: 'pool-tasks';
  rank: number;
  t: number;
  obj: string;
  workers: number[];
  busy: number[];
}

/** Facts only the launcher's detector reads: they never reach trace files or the diagram. */
export type DetectorFact = RecvMatchedEvent | PipeHoldersEvent | PoolTasksEvent;

/** What a rank sends its launcher: its trace events, and the facts only the detector needs. */
export type RankEvent = TraceEvent | DetectorFact;

export function isTraceEvent(e: RankEvent): e is TraceEvent {
  return e.kind === 'op-start' || e.kind === 'op-end';
}

/**
 * What every start event of one kind of point-to-point call says alike (op, peer, tag and
 * communicator; what a receive waits for): a rank makes it once and reuses it, and the trace
 * carries it once (trace-codec.ts). Never changed once made.
 */
export type CallTemplate = Readonly<Pick<OpStartEvent, 'op' | 'text' | 'comm' | 'peer' | 'tag' | 'wait'>>;

export function isBlocking(e: OpStartEvent): boolean {
  return e.wait !== undefined;
}
