/**
 * Messages between a rank (or process) and its launcher, carried as v8 structured clones in
 * length-prefixed frames (control-frames.ts). Versioned so a rank bundled by one Rankscope never
 * talks to another silently.
 */
import type { EncodedEvents } from './trace-codec.js';
import type { CallSite } from './trace-events.js';

/** 7: frames of their own (control-frames.ts), no longer the data transport's. 9: a collective's traffic (a list field). */
/** 10: trace records may carry multiprocessing item ids (item, took, gave). */
export const CONTROL_VERSION = 10;

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
  signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT';
}

/** A batch of trace events, encoded per connection (trace-codec.ts: decode it on the connection it came by). */
export interface EventsMessage extends EncodedEvents {
  t: 'events';
}

/** A rank's uncaught error, sent before it exits so the launcher's report can quote it. */
export interface ErrorMessage {
  t: 'error';
  message: string;
  stack: string;
  site?: CallSite;
  /** What probably went wrong, when the runtime can tell (a missing `await`: await-hint.ts). */
  hint?: string;
}

/** `comm.Abort(code)`: end every rank now with this status. */
export interface AbortMessage {
  t: 'abort';
  code: number;
  site?: CallSite;
}

/**
 * A rank started by `mpiexec` or `srun` joins the job at its coordinator (in rank 0): where it
 * accepts its peers, and on which host, so peers on one host keep to Unix sockets.
 */
export interface JoinMessage {
  t: 'join';
  size: number;
  /** Who started the rank (`Open MPI mpiexec`, `Slurm srun`, …), to name a mixed-up job. */
  launcher: string;
  /** `os.hostname()`, for people. */
  hostName: string;
  /** Same value on the same kernel and network namespace: there, Unix sockets reach. */
  hostKey: string;
  unix: string;
  tcp: { host: string; port: number };
}

/** Clock alignment at rendezvous: the rank's send time, answered with the coordinator's clock. */
export interface ClockPing {
  t: 'clock';
  sent: number;
}

/** The rank's program has run to its end (the process exits next) with this status. */
export interface ByeMessage {
  t: 'bye';
  code: number;
}

export type RankToLauncher = HelloMessage | EventsMessage | ErrorMessage | AbortMessage | SpawnRequest | SignalRequest | JoinMessage | ClockPing | ByeMessage;

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

export interface ClockPong {
  t: 'clock';
  sent: number;
  /** The coordinator's clock (µs since the epoch) when it answered. */
  coordinator: number;
}

/** Every rank has joined: where each one listens, and what each is called in reports. */
export interface PeersMessage {
  t: 'peers';
  peers: { hostKey: string; unix: string; tcp: { host: string; port: number } }[];
  names: string[];
}

/** The coordinator ends the job: exit now with this status (the report is on rank 0's stderr). */
export interface EndMessage {
  t: 'end';
  code: number;
  why: string;
}

export type LauncherToRank = BecomeMessage | SpawnedMessage | SpawnFailedMessage | ChildExitedMessage | ClockPong | PeersMessage | EndMessage;
