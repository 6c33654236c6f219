/**
 * The launcher's watching half, for ranks that another launcher (`mpiexec`, `srun`) started: it
 * lives in rank 0, takes every rank's join, tells each where its peers listen, answers clock
 * pings, collects trace events into the same deadlock detector `rankscope run` uses, and ends the
 * whole job — on every host — with a report when a rank fails, is lost, aborts or deadlocks.
 */
import type { ControlConnection } from '../launcher/control-server.js';
import { ControlServer } from '../launcher/control-server.js';
import { recordTrace } from '../launcher/recorder/trace-writer.js';
import { RunHub } from '../launcher/run-hub.js';
import { announceEnd } from '../launcher/ending.js';
import { Intake, type IntakeOwner } from '../launcher/intake.js';
import { EXIT } from '../contract/exit-codes.js';
import type { RunEnd } from '../contract/run.js';
import { JobMonitor } from '../launcher/state/monitor.js';
import type { JoinMessage } from '../contract/control.js';
import { nowMicros } from '../contract/clock.js';
import { peerTable } from './directory.js';
import { lostRankReport, missingRanksReport } from './reports.js';

export interface CoordinatorOptions {
  size: number;
  /** Who started the ranks, for reports. */
  launcher: string;
  /** `RANKSCOPE_TRACE`: where rank 0 writes the job's Chrome trace. */
  traceFile: string | undefined;
  /** How long ranks may take to join before the job is ended. */
  joinTimeoutMs: number;
  /** Rank 0's stderr. */
  err: (text: string) => void;
  /** Runs once the job has ended and every report is out (removes the rendezvous file). */
  onEnded: () => void;
  /** Keep the trace for a late watcher's replay (the job is published for viewers). */
  keepTrace?: boolean;
}

/** After the end, how long the ranks' `end` messages get to leave before rank 0 exits. */
const END_FLUSH_MS = 200;

export class Coordinator {
  /** The job as every watcher sees it (the trace file; a socket for attaching viewers). */
  readonly run: RunHub;
  private readonly monitor: JobMonitor;
  private readonly server: ControlServer;
  private readonly conns: (ControlConnection | undefined)[] = [];
  private readonly joins: (JoinMessage | undefined)[] = [];
  private readonly said = new Set<number>();
  private readonly joinTimer: NodeJS.Timeout;
  private ended = false;

  constructor(private readonly opts: CoordinatorOptions) {
    const program = process.argv[1] ?? '';
    this.run = new RunHub(
      { program, programPath: program, cwd: process.cwd(), np: opts.size, startedAt: Date.now(), launcher: opts.launcher, pid: process.pid },
      // The ranks are another launcher's processes: a watcher can stop the job, not pause it.
      { suspend: () => {}, stop: () => this.end({ exitCode: EXIT.SIGTERM, outcome: 'interrupted' }) },
      opts.keepTrace ?? false,
    );
    this.monitor = new JobMonitor({ verdict: (r) => this.end(r), warn: opts.err }, this.run);
    if (opts.traceFile) recordTrace(this.run, opts.traceFile);
    for (let r = 0; r < opts.size; r++) this.monitor.state.addProcess(`rank ${r}`, undefined);
    this.monitor.publishChanges();
    const intake = new Intake(this.monitor, this.intakeOwner());
    this.server = new ControlServer({
      message: (conn, msg) => intake.message(conn, msg),
      closed: (conn) => this.onClosed(conn),
      protocolError: (text) => opts.err(`${text}\n`),
    }, true);
    this.joinTimer = setTimeout(() => this.joinTimedOut(), opts.joinTimeoutMs).unref();
  }

  listen(port: number): Promise<number> {
    return this.server.listen(port) as Promise<number>;
  }

  /** Rank 0's own program is over (or failed): keep its process up until the job ends. */
  hold(): void {
    if (!this.ended) this.server.hold();
  }

  /** What only the coordinator does with a rank's message; the rest is the intake's (intake.ts). */
  private intakeOwner(): IntakeOwner {
    const known = (rank: number): boolean => rank >= 0 && rank < this.opts.size;
    const ignored = (rank: number): void => this.opts.err(`rankscope: a process said it is rank ${rank}, but the job has ${this.opts.size} ranks (${this.opts.launcher}); ignored\n`);
    return {
      indexOf: (conn) => {
        if (known(conn.index)) return conn.index;
        ignored(conn.index);
        return undefined;
      },
      end: (result) => this.end(result),
      hello: (conn, msg) => {
        if (known(msg.rank)) this.conns[msg.rank] = conn;
        else ignored(msg.rank);
      },
      join: (_conn, msg, rank) => this.onJoin(rank, msg),
      clock: (conn, msg) => conn.send({ t: 'clock', sent: msg.sent, coordinator: nowMicros() }),
      bye: (_conn, msg, rank) => {
        this.said.add(rank);
        this.exited(rank, msg.code);
      },
      spawn: (conn, msg) => conn.send({ t: 'spawn-failed', req: msg.req, message: `multiprocessing cannot start processes in ranks started by ${this.opts.launcher}; run this program with \`rankscope run\`` }),
    };
  }

  private onJoin(rank: number, msg: JoinMessage): void {
    if (msg.size !== this.opts.size) {
      return this.end({ exitCode: EXIT.USAGE, outcome: 'launch-error', report: `rankscope: rank ${rank} was started by ${msg.launcher} as one of ${msg.size} ranks, rank 0 as one of ${this.opts.size}: two jobs share a coordinator; give each its own RANKSCOPE_COORDINATOR port or RANKSCOPE_RENDEZVOUS_DIR` });
    }
    this.joins[rank] = msg;
    if (this.joins.filter(Boolean).length < this.opts.size) return;
    clearTimeout(this.joinTimer);
    const table = peerTable(this.joins as JoinMessage[]);
    table.names.forEach((name, r) => {
      this.monitor.state.ranks[r].name = name;
      this.monitor.state.touch(r);
    });
    this.monitor.publishChanges();
    for (const c of this.conns) c?.send({ t: 'peers', ...table });
  }

  private onClosed(conn: ControlConnection): void {
    const rank = conn.index;
    if (this.ended || rank < 0 || rank >= this.opts.size || this.said.has(rank)) return;
    const state = this.monitor.state.ranks[rank];
    // An error came first: the rank failed and said why. Nothing at all: it was killed, or its
    // host or the network between went away.
    if (state.error) return this.exited(rank, 1);
    this.monitor.state.exited(rank, null, null);
    this.monitor.publishChanges();
    this.end({ exitCode: EXIT.LOST, outcome: 'failed', report: lostRankReport(this.monitor.state, state, this.joins[rank]) });
  }

  private exited(rank: number, code: number): void {
    const verdict = this.monitor.exited(rank, code, null, this.opts.size);
    if (verdict) this.end(verdict);
  }

  private joinTimedOut(): void {
    const missing = [...Array(this.opts.size).keys()].filter((r) => !this.joins[r]);
    this.end({ exitCode: EXIT.LOST, outcome: 'launch-error', report: missingRanksReport(missing, this.opts.size, this.opts.launcher, this.opts.joinTimeoutMs) });
  }

  /** Ends the job everywhere: the report here, then every other rank told to exit with the status. */
  private end(result: RunEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.monitor.ended = true;
    clearTimeout(this.joinTimer);
    announceEnd(this.monitor, this.run, result, { err: this.opts.err, pendingWhenOk: false });
    const why = result.outcome === 'ok' ? 'done' : `${result.outcome}: see rank 0's output`;
    this.conns.forEach((c, r) => r !== 0 && !this.said.has(r) && c?.send({ t: 'end', code: result.exitCode, why }));
    this.opts.onEnded();
    this.server.close();
    if (result.outcome === 'ok') return; // every rank said bye; rank 0 exits as its loop empties
    process.exitCode = result.exitCode;
    setTimeout(() => process.exit(result.exitCode), END_FLUSH_MS);
  }
}
