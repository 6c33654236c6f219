/**
 * Messages between a rank (or process) and its launcher, carried in Control frames as v8
 * structured clones. Versioned so a rank bundled by one Rankscope never talks to another silently.
 */
import type { CallSite, TraceEvent } from './trace-events.js';

export const CONTROL_VERSION = 1;

export interface HelloMessage {
  t: 'hello';
  v: number;
  /** Process index (an MPI rank); -1 for a warm spare that has no identity yet. */
  rank: number;
  pid: number;
  /** Display name: `rank 3`, or a multiprocessing process name. */
  name: string;
}

/** What a multiprocessing child runs: an exported function, or an exported `Process` subclass. */
export interface ChildTarget {
  /** `pool-worker`: a `Pool`'s worker loop; `name` is then the pool's socket path. */
  kind: 'function' | 'class' | 'pool-worker';
  name: string;
}

/** `Process.start()`: asks the launcher for a new process (a warm spare when one is ready). */
export interface SpawnRequest {
  t: 'spawn';
  req: number;
  name: string;
  daemon: boolean;
  target: ChildTarget;
  /** v8-serialised `{ args, fields }`, shared objects already encoded as handles. */
  payload: Uint8Array;
}

/** `terminate()` / `kill()` of a child. */
export interface SignalRequest {
  t: 'signal';
  index: number;
  signal: 'SIGTERM' | 'SIGKILL';
}

export interface EventsMessage {
  t: 'events';
  events: TraceEvent[];
}

/** A rank's uncaught error, sent before it exits so the launcher's report can quote it. */
export interface ErrorMessage {
  t: 'error';
  message: string;
  stack: string;
  site?: CallSite;
}

/** `comm.Abort(code)`: end every rank now with this status. */
export interface AbortMessage {
  t: 'abort';
  code: number;
  site?: CallSite;
}

export type RankToLauncher = HelloMessage | EventsMessage | ErrorMessage | AbortMessage | SpawnRequest | SignalRequest;

/** Tells a warm spare which process it now is. */
export interface BecomeMessage {
  t: 'become';
  index: number;
  name: string;
  parent: number;
  parentPid: number;
  daemon: boolean;
  target: ChildTarget;
  payload: Uint8Array;
}

export interface SpawnedMessage {
  t: 'spawned';
  req: number;
  index: number;
  pid: number;
}

export interface SpawnFailedMessage {
  t: 'spawn-failed';
  req: number;
  message: string;
}

/** A child of this process has exited. */
export interface ChildExitedMessage {
  t: 'exited';
  index: number;
  code: number | null;
  signal: string | null;
}

export type LauncherToRank = BecomeMessage | SpawnedMessage | SpawnFailedMessage | ChildExitedMessage;
