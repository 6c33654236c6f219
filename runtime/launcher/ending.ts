/**
 * How every launcher ends a run, once its processes are stopped or told to stop: the messages
 * sent and never received, the report, then the Run's `end` to every watcher (the trace file is
 * one of them). The local Job and the cluster Coordinator end the same way, through this.
 */
import type { RaceAlternative, RunEnd } from '../contract/run.js';
import type { JobMonitor } from './state/monitor.js';
import type { RunHub } from './run-hub.js';
import * as report from './state/reports.js';
import { findRaces, type Race } from './state/races.js';
import type { JobState } from './state/job-state.js';

export interface EndingOptions {
  /** Where the words go (the run's stderr). */
  err: (text: string) => void;
  /**
   * Warn of unreceived messages after a run that went well too (the local job does); the cluster
   * coordinator warns only after a failure, when its ranks' last batches may never have come.
   */
  pendingWhenOk: boolean;
}

export function announceEnd(monitor: JobMonitor, run: RunHub, result: RunEnd, o: EndingOptions): void {
  const state = monitor.state;
  const pending = [...state.inFlight.values()];
  if (pending.length > 0 && (o.pendingWhenOk || result.outcome !== 'ok')) o.err(`${report.pendingMessagesWarning(state, pending)}\n`);
  // A partial deadlock's report was written when found; the end carries it for the watchers only.
  if (result.report && result.report !== monitor.shownReport) o.err(`${result.report}\n`);
  // Only a run that went well: a deadlock or failure is reported as what it was.
  const hidden = result.outcome === 'ok' ? state.sendOrder.replayUnbuffered() : undefined;
  const potentialDeadlock = hidden && report.bufferedDeadlock(state, hidden);
  if (potentialDeadlock) o.err(`${potentialDeadlock.text}\n`);
  const races = result.outcome === 'ok' ? findRaces(state.sendOrder.messages(), EXPLORED) : undefined;
  if (races && races.total > 0) o.err(`${report.raceNote(state, races)}\n`);
  const alternatives = races?.races.filter((r) => r.took.post!.anySource).map((r) => alternative(state, r));
  run.finish({
    ...result, deadlock: result.deadlock ?? monitor.deadlockFound,
    ...(potentialDeadlock ? { potentialDeadlock } : {}), ...(alternatives?.length ? { races: alternatives } : {}),
  });
}

/** How many races a run hands `--explore` (each is one more run of the program). */
const EXPLORED = 8;

/** A race as `--explore` replays it: which receive of which rank, and the sender it could have taken. */
function alternative(state: JobState, r: Race): RaceAlternative {
  const post = r.took.post!;
  return {
    rank: post.rank, nth: state.sendOrder.anySourceIndex(post.rank, post.id), took: r.took.send.rank, other: r.other.send.rank,
    call: post.call?.text, site: post.call?.site,
  };
}
