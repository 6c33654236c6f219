/**
 * Wait states (Scalasca's patterns): where and why a run's processes waited for one another. The
 * launcher computes the report from the trace events it already collects (runtime/analysis/) and
 * publishes it on the Run; the diagram's table and lifeline shading and the CLI's summary read it.
 * Bump WAIT_STATES_VERSION on any incompatible change of these types.
 */
import type { CallSite } from './trace-events.js';

export const WAIT_STATES_VERSION = 1;

export type WaitPattern =
  /** A blocking receive (or wait) began before the matching send did. */
  | 'late-sender'
  /** A synchronous or rendezvous send waited for its receive to be posted. */
  | 'late-receiver'
  | 'wait-at-barrier'
  /** An all-to-all collective (allreduce, allgather, alltoall…) waited for its last member. */
  | 'wait-at-nxn'
  /** A member of a bcast or scatter entered before its root. */
  | 'late-broadcast'
  /** The root of a reduce or gather entered before its last contributor. */
  | 'early-reduce'
  /** A Lock/RLock acquire blocked while another process held the lock. */
  | 'lock-contention'
  /** A queue's get blocked while the queue was empty. */
  | 'queue-starvation';

/** What the table and the summary call each pattern. */
export const PATTERN_NAMES: Readonly<Record<WaitPattern, string>> = {
  'late-sender': 'Late Sender',
  'late-receiver': 'Late Receiver',
  'wait-at-barrier': 'Wait at Barrier',
  'wait-at-nxn': 'Wait at N×N',
  'late-broadcast': 'Late Broadcast',
  'early-reduce': 'Early Reduce',
  'lock-contention': 'Lock contention',
  'queue-starvation': 'Queue starvation',
};

/** Time lost by one process at one call site to one pattern, summed over its occurrences. */
export interface WaitStateRow {
  rank: number;
  pattern: WaitPattern;
  /** The call as the user wrote it (`recv`, `Barrier`, `acquire`…). */
  op: string;
  site?: CallSite;
  lostUs: number;
  /** How many calls lost time there. */
  count: number;
}

/** One call's lost time: the part of operation `op` (its per-rank id) that was waiting. */
export interface WaitInterval {
  rank: number;
  op: number;
  pattern: WaitPattern;
  /** µs since the epoch, within the call. */
  from: number;
  to: number;
}

/**
 * One stretch of the critical path: process `rank` from `from` to `to` (µs since the epoch), through
 * its calls `ops` (per-rank ids, in order). The path ends where the run ended; going back, it jumps
 * to another process wherever a call waited for it (the sender of a late message, the last member
 * into a collective), at the moment that process released the wait.
 */
export interface CriticalSegment {
  rank: number;
  from: number;
  to: number;
  ops: number[];
}

export interface WaitStateReport {
  v: number;
  /** Largest loss first. */
  rows: WaitStateRow[];
  /** Each waiting call's interval, for shading the lifelines (the longest, when there are too many). */
  intervals: WaitInterval[];
  /** Intervals left out of `intervals` to keep the report small. */
  intervalsOmitted: number;
  totalUs: number;
  /** False while the run goes on (the report grows); true once it covers the whole run. */
  final: boolean;
  /** In time order; only in a final report of a run whose events were kept (it needs them all), up to 2 M events. */
  criticalPath?: CriticalSegment[];
}
