/**
 * What watches a job, wherever its processes were started: it applies the trace events they send,
 * finds deadlocks and collective misuse, and gives its verdict. `rankscope run` (ranks as its own
 * children) and the cluster coordinator (ranks started by `mpiexec` or `srun`) both use one.
 */
import type { EncodedEvents } from '../../contract/trace-codec.js';
import type { TraceDecoder } from '../../contract/trace-decoder.js';
import { isTraceEvent, type OpStartEvent, type RankEvent, type TraceEvent } from '../../contract/trace-events.js';
import { nowMicros } from '../../contract/clock.js';
import { findDeadlock, SIGNAL_GRACE_MS } from './detector.js';
import { EXIT } from '../../contract/exit-codes.js';
import { collectiveGroup, JobState, type CollectiveEntry } from './job-state.js';
import * as report from './reports.js';
import type { DeadlockReport, ProcessInfo, RunEnd } from '../../contract/run.js';

/** How long a collective mismatch waits for the other ranks' entries before it is reported. */
const MISMATCH_GRACE_MS = 50;
/** …and, while members of the communicator are still running towards it, at most this long. */
const MISMATCH_WAIT_MAX_MS = 1000;
/** Deadlock checks run at most this often (the report's goal is 100 ms). */
const DETECT_EVERY_MS = 5;
/**
 * A partial deadlock (others still running) is shown after this long, from the state then: the
 * running ranks' latest calls may still be in their trace batches, and a report naming a call a
 * rank has already left misleads.
 */
const PARTIAL_GRACE_MS = 50;

export interface MonitorHooks {
  /** The job must end with this result (called at most once per finding; the owner stops it). */
  verdict(result: RunEnd): void;
  /** A partial deadlock: printed while the ranks that can still work go on. */
  warn(text: string): void;
}

/** Where the monitor publishes what it learns (the launcher's RunHub): data leaves state/ this way only. */
export interface RunSink {
  /** Whether anyone needs trace events made (else batches go straight into the state). */
  readonly wantsTrace: boolean;
  trace(events: readonly TraceEvent[]): void;
  processesChanged(changed: ProcessInfo[]): void;
  deadlockFound(deadlock: DeadlockReport): void;
}

export class JobMonitor {
  readonly state = new JobState(0, () => '');
  /** Set by the owner once it ends the job: no more checks, no more verdicts. */
  ended = false;
  deadlockFound: DeadlockReport | undefined;
  private checkQueued = false;
  /**
   * The deadlock report already written to stderr while other ranks went on (a partial deadlock):
   * the end repeats it to its watchers (record, diagram) but not on stderr.
   */
  shownReport: string | undefined;
  /** When a finding still shown from a running rank's state was first made, per kind of finding. */
  private readonly foundAt = new Map<string, number>();

  /** `run`: where the trace events, the processes' changes and the deadlock are published. */
  constructor(private readonly hooks: MonitorHooks, private readonly run: RunSink) {
    this.state.onCollective = (key, entries) => this.checkCollective(key, entries);
  }

  /** Tells the run's watchers of the processes that changed since the last time (none: nothing). */
  publishChanges(): void {
    this.run.processesChanged(this.state.takeChanges());
  }

  /**
   * A rank's batch as it came, read by that connection's decoder. With nobody to keep or hear its
   * events, only the job's state takes it, and the calls that began and ended within it cost the
   * launcher next to nothing: on these two cores, every cycle it spends is one the ranks lose.
   */
  receiveBatch(batch: EncodedEvents, decoder: TraceDecoder): void {
    if (this.run.wantsTrace) return this.receive(decoder.decode(batch));
    decoder.applyTo(batch, this.state);
    this.publishChanges();
    this.scheduleCheck();
  }

  /** A rank's batch: all of it feeds the job state; its trace events go on to the run. */
  private receive(batch: RankEvent[]): void {
    for (const e of batch) this.state.apply(e);
    this.run.trace(batch.filter(isTraceEvent));
    this.publishChanges();
    this.scheduleCheck();
  }

  /** A process was sent SIGTERM or SIGKILL: ending, until it exits or the grace runs out. */
  signalled(index: number): void {
    this.state.signalled(index);
    setTimeout(() => this.scheduleCheck(), SIGNAL_GRACE_MS + 10).unref();
  }

  /** Records an exit; returns the verdict when it ends the job (a failure, or the last rank done). */
  exited(index: number, code: number | null, signal: NodeJS.Signals | null, ranks: number): RunEnd | undefined {
    this.state.exited(index, code, signal);
    this.publishChanges();
    const r = this.state.ranks[index];
    if (index < ranks && code !== 0) return { exitCode: code ?? 1, outcome: 'failed', report: report.failureReport(this.state, r) };
    if (this.state.ranks.slice(0, ranks).every((x) => x.status === 'finished')) return this.completedRun();
    this.scheduleCheck();
    return undefined;
  }

  /**
   * All ranks exited 0: still an error if some rank skipped a collective the others called, or
   * called another one (small collectives can complete across a mismatch before its grace ends).
   */
  completedRun(): RunEnd {
    return this.abandonedCollective() ?? this.mismatchedCollective() ?? { exitCode: EXIT.OK, outcome: 'ok' };
  }

  private mismatchedCollective(): RunEnd | undefined {
    for (const [key, entries] of this.state.collectives) {
      const first = entries[0].event;
      if (entries.every((x) => sameCall(x.event, first))) continue;
      const [comm, seq] = splitKey(key);
      return { exitCode: EXIT.MISUSE, outcome: 'misuse', report: report.mismatchReport(this.state, comm, seq, entries) };
    }
    return undefined;
  }

  private abandonedCollective(): RunEnd | undefined {
    const a = this.state.abandonedCollective();
    if (!a) return undefined;
    const [comm, seq] = splitKey(a.key);
    return { exitCode: EXIT.MISUSE, outcome: 'misuse', report: report.missingCollectiveReport(this.state, comm, seq, a.entries, a.missing) };
  }

  private checkCollective(key: string, entries: CollectiveEntry[]): void {
    const first = entries[0].event;
    const last = entries[entries.length - 1].event;
    if (sameCall(last, first)) return;
    const group = collectiveGroup(first);
    const [comm, seq] = splitKey(key);
    // A member still running may be about to enter (its events lag on a loaded machine): the
    // report should name every member's call, so wait for them, within a bound.
    const arriving = (): boolean => group.some((r) => !this.state.entered(comm, seq, r) && ['starting', 'running'].includes(this.state.ranks[r]?.status ?? ''));
    const started = Date.now();
    const report = (): void => {
      if (this.ended) return;
      if (arriving() && Date.now() - started < MISMATCH_WAIT_MAX_MS) setTimeout(report, MISMATCH_GRACE_MS);
      else this.hooks.verdict(this.mismatchedCollective()!);
    };
    setTimeout(report, MISMATCH_GRACE_MS);
  }

  /**
   * Runs the checks soon, at most once per DETECT_EVERY_MS: a busy job sends hundreds of event
   * batches a second, and the launcher shares the cores with the ranks it watches.
   */
  scheduleCheck(): void {
    if (this.checkQueued || this.ended) return;
    this.checkQueued = true;
    setTimeout(() => {
      this.checkQueued = false;
      if (!this.ended) this.check();
    }, DETECT_EVERY_MS);
  }

  /**
   * Whether a finding of `kind` was first made PARTIAL_GRACE_MS ago or more; if not, checks again
   * then (running ranks' latest events may still be in their trace batches).
   */
  private graceOver(kind: string): boolean {
    const now = Date.now();
    const since = this.foundAt.get(kind) ?? now;
    this.foundAt.set(kind, since);
    if (now - since >= PARTIAL_GRACE_MS) return true;
    setTimeout(() => this.scheduleCheck(), since + PARTIAL_GRACE_MS - now).unref();
    return false;
  }

  private check(): void {
    // A member that exited without entering a collective is named as that, not as a deadlock.
    const abandoned = this.abandonedCollective();
    // Its members still running may be a batch behind (in an earlier call, or already in this one).
    if (abandoned) {
      if (this.graceOver('abandoned')) this.hooks.verdict(abandoned);
      return;
    }
    const d = findDeadlock(this.state);
    if (!d) return;
    const stuck = new Set([...d.stuck.map((s) => s.rank.rank), ...d.idle]);
    const othersDone = this.state.ranks.every((r) => stuck.has(r.rank) || r.status === 'finished' || r.status === 'failed');
    // A partial deadlock: let the running ranks' latest events come in, then say so from them.
    if (!othersDone && !this.shownReport && !this.graceOver('partial')) return;
    const latencyMs = (nowMicros() - Math.max(...d.stuck.map((x) => x.op.t))) / 1000;
    const text = `${report.deadlockReport(this.state, d)}\n  detected ${latencyMs.toFixed(1)} ms after the last of these calls began.`;
    if (!this.deadlockFound) {
      this.deadlockFound = {
        text, latencyMs, cycle: d.cycle,
        members: d.stuck.map((x) => ({ rank: x.rank.rank, name: x.rank.name, call: x.op.text, site: x.op.site, waitsOn: x.waitsOn })),
      };
      this.run.deadlockFound(this.deadlockFound);
    }
    if (othersDone) {
      this.hooks.verdict({ exitCode: EXIT.DEADLOCK, outcome: 'deadlock', report: this.shownReport ?? text, deadlock: this.deadlockFound });
      return;
    }
    // Let the processes that can still work finish.
    if (!this.shownReport) {
      this.shownReport = text;
      this.hooks.warn(`${text}\n  waiting for the other ranks to finish…\n`);
    }
  }
}

/** Whether two members' entries are one collective: the same call, root and agreed arguments. */
function sameCall(a: OpStartEvent, b: OpStartEvent): boolean {
  return a.op === b.op && a.root === b.root && a.sig === b.sig;
}

function splitKey(key: string): [string, number] {
  const i = key.lastIndexOf('#');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}
