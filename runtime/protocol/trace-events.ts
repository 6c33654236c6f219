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
  | { type: 'recv'; comm: string; source: number; tag: number; group: number[] }
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
  | { type: 'all'; of: WaitFor[] }
  | { type: 'any'; of: WaitFor[] }
  /** Waiting for something the detector cannot see into (multiprocessing objects add their own). */
  | { type: 'opaque'; what: string };

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
  /** Message id (`<world rank>.<n>`) for sends. */
  msg?: string;
  /** The multiprocessing object operated on (`<owner pid>:<id>`). */
  obj?: string;
  /** Present when the call blocks the caller until something else happens. */
  wait?: WaitFor;
  site?: CallSite;
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
  error?: string;
  /** For calls that can fail softly (acquire with a timeout): whether it succeeded. */
  ok?: boolean;
}

export type TraceEvent = OpStartEvent | OpEndEvent;

/**
 * What every start event of one kind of point-to-point call says alike (op, peer, tag and
 * communicator; what a receive waits for): a rank makes it once and reuses it, and the trace
 * carries it once (trace-codec.ts). Never changed once made.
 */
export type CallTemplate = Readonly<Pick<OpStartEvent, 'op' | 'text' | 'comm' | 'peer' | 'tag' | 'wait'>>;

export function isBlocking(e: OpStartEvent): boolean {
  return e.wait !== undefined;
}
