/**
 * Messages between a rank (or process) and its launcher, carried in Control frames as v8
 * structured clones. Versioned so a rank bundled by one Rankscope never talks to another silently.
 */
import type { CallSite, TraceEvent } from './trace-events.js';

export const CONTROL_VERSION = 1;

export interface HelloMessage {
  t: 'hello';
  v: number;
  rank: number;
  pid: number;
  /** Display name: `rank 3`, or a multiprocessing process name. */
  name: string;
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

/** Sent when the rank's program has finished, with what it leaves behind. */
export interface ByeMessage {
  t: 'bye';
  /** Messages that arrived but were never received, for the end-of-run warning. */
  unreceived: { comm: string; source: number; tag: number; bytes: number }[];
}

export type RankToLauncher = HelloMessage | EventsMessage | ErrorMessage | AbortMessage | ByeMessage;
