/**
 * The one message protocol between the sequence-diagram panel host (extension/) and its webview
 * (webview/sequence/). Every message carries `v`; bump PROTOCOL_VERSION on any incompatible change.
 * Trace events travel as columns of typed arrays (see codec.ts), never as one JSON object each.
 */
import type { CallSite, WaitFor } from '../../runtime/contract/trace-events.js';
import type { DeadlockReport, Outcome } from '../../runtime/contract/run.js';
import type { WaitStateReport } from '../../runtime/contract/wait-states.js';

/** 2: `kind` has a bit for events whose message goes the other way (a Pool task's chunk and result). */
export const PROTOCOL_VERSION = 2;

/** Marks an absent integer in an Int32Array column. */
export const NONE = -2147483648;

export const END = 1;
export const TURNED = 2;

/**
 * A batch of trace events, column by column. String-valued fields are indices into a string table
 * that both sides grow in step: each batch appends `newStrings` to it before its columns are read.
 */
export interface EventColumns {
  count: number;
  newStrings: string[];
  /**
   * Bit 0 (END): 0 = op-start, 1 = op-end. Bit 1 (TURNED): the event's message goes the other way
   * from an MPI call's — a start that takes a message (a Pool task begins with its chunk), an end
   * that gives one (the task's result).
   */
  kind: Uint8Array;
  rank: Int32Array;
  id: Int32Array;
  /** Microseconds since the Unix epoch. */
  t: Float64Array;
  /** String indices (NONE when absent). */
  op: Int32Array;
  text: Int32Array;
  comm: Int32Array;
  /** A message id: MPI's `msg`, or a multiprocessing item's id prefixed `mp` (trace-events.ts). */
  msg: Int32Array;
  obj: Int32Array;
  error: Int32Array;
  file: Int32Array;
  /** JSON of the WaitFor, for blocking calls. */
  wait: Int32Array;
  /** Integers (NONE when absent). */
  peer: Int32Array;
  tag: Int32Array;
  root: Int32Array;
  collSeq: Int32Array;
  line: Int32Array;
  column: Int32Array;
  /** NaN when absent. */
  bytes: Float64Array;
  /** 1 / 0 for `ok`, NONE when absent. */
  ok: Int32Array;
  /**
   * Collectives' own messages (OpEndEvent.traffic), present when a batch has any: event i's
   * numbers are traffic[trafficFrom[i] … trafficFrom[i + 1]) (count + 1 offsets). Optional, so a
   * host or a page without them still reads every other column alike.
   */
  trafficFrom?: Int32Array;
  traffic?: Float64Array;
}

export type HostToWebview =
  /**
   * A new run or a loaded trace begins: forget everything shown before. `events`: how many events
   * the batches right after this message carry (what the host has so far), so the webview can size
   * its columns once instead of growing them batch by batch.
   */
  | { type: 'session'; v: number; title: string; names: string[]; live: boolean; events?: number }
  /** Process names grew (multiprocessing children started) or were renamed. */
  | { type: 'names'; v: number; names: string[] }
  | { type: 'events'; v: number; batch: EventColumns }
  | { type: 'deadlock'; v: number; deadlock: DeadlockReport }
  /**
   * Where the processes waited for one another so far (the run's latest report). Added without a
   * version bump: a page that predates it has no case for it and ignores it, as it should.
   */
  | { type: 'wait-states'; v: number; report: WaitStateReport }
  /** `potential`: on a run that went well, the deadlock it escaped only because sends were buffered. */
  | { type: 'ended'; v: number; outcome: Outcome; exitCode: number; report?: string; potential?: DeadlockReport }
  /** Menu and keybinding commands of the panel. */
  | { type: 'command'; v: number; command: 'fit' | 'jump-to-deadlock' | 'export-png' | 'export-svg' };

export type WebviewToHost =
  | { type: 'ready'; v: number }
  /** The user clicked a box or arrow: open this source line. */
  | { type: 'open-source'; v: number; file: string; line: number; column: number }
  /** An image the webview drew, for the host to save (`data` is a data: URL for PNG, text for SVG). */
  | { type: 'export-image'; v: number; format: 'png' | 'svg'; data: string; /** The whole run, not the window on screen. */ whole?: boolean }
  | { type: 'export-chrome-trace'; v: number };

export type { CallSite, WaitFor };
