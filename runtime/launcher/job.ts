/**
 * A job: N ranks of one program as child processes, their output streamed through, their trace
 * events collected, and the run ended — never left hanging — when a rank fails, aborts, deadlocks
 * or misuses a collective. The CLI runs one; the debug adapter will run one and listen to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RankToLauncher } from '../protocol/control.js';
import type { TraceEvent } from '../protocol/trace-events.js';
import { formatSite } from '../rank/call-site.js';
import { ENV } from '../rank/environment.js';
import { findDeadlock } from '../deadlock/detector.js';
import { bundleProgram, BundleError } from './bundle.js';
import { writeChromeTrace } from './chrome-trace.js';
import { ControlServer } from './control-server.js';
import { EXIT } from './exit-codes.js';
import { JobState, type CollectiveEntry } from './job-state.js';
import { LineStream, type Sink } from './output.js';
import { RUNTIME_DIR } from './paths.js';
import * as report from './reports.js';

export interface JobOptions {
  program: string;
  args?: string[];
  np?: number;
  tagOutput?: boolean;
  traceFile?: string;
  eagerLimit?: number;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** The Node.js executable ranks run with (default: the one running the launcher). */
  node?: string;
  stdout?: Sink;
  stderr?: Sink;
}

export type Outcome = 'ok' | 'failed' | 'deadlock' | 'misuse' | 'aborted' | 'interrupted' | 'launch-error';

export interface JobResult {
  exitCode: number;
  outcome: Outcome;
  /** The report printed on stderr when the run did not end well. */
  report?: string;
}

/** How long a collective mismatch waits for the other ranks' entries before it is reported. */
const MISMATCH_GRACE_MS = 50;

export class Job {
  readonly state: JobState;
  readonly events: TraceEvent[] = [];
  private readonly children: (ChildProcess | undefined)[] = [];
  private readonly controlClosed: Promise<void>[] = [];
  private readonly closeControl: (() => void)[] = [];
  private readonly streams: LineStream[] = [];
  private readonly warnings: string[] = [];
  private jobDir = '';
  private server: ControlServer | undefined;
  private ending = false;
  private checkQueued = false;
  /** A partial deadlock was reported while other ranks still ran. */
  private deadlockShown = false;
  private finished!: (r: JobResult) => void;
  readonly result: Promise<JobResult>;
  private readonly listeners: ((events: readonly TraceEvent[]) => void)[] = [];

  constructor(private readonly opts: JobOptions) {
    const np = opts.np ?? 1;
    this.state = new JobState(np, (r) => `rank ${r}`);
    this.state.onCollective = (key, entries) => this.checkCollective(key, entries);
    this.result = new Promise((resolve) => (this.finished = resolve));
  }

  /** Trace events as they arrive, in per-rank order. */
  onEvents(listener: (events: readonly TraceEvent[]) => void): void {
    this.listeners.push(listener);
  }

  private out(text: string): void {
    (this.opts.stdout ?? ((t) => process.stdout.write(t)))(text);
  }

  private err(text: string): void {
    (this.opts.stderr ?? ((t) => process.stderr.write(t)))(text);
  }

  async start(): Promise<JobResult> {
    const np = this.opts.np ?? 1;
    if (!Number.isInteger(np) || np < 1) return this.launchError(`rankscope: -n must be a positive integer, got ${np}`);
    this.jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-'));
    let bundle: string;
    try {
      bundle = await bundleProgram(path.resolve(this.opts.cwd ?? '.', this.opts.program), this.jobDir);
    } catch (e) {
      if (e instanceof BundleError) return this.launchError(e.message);
      throw e;
    }
    this.server = new ControlServer({
      message: (rank, msg) => this.onMessage(rank, msg),
      closed: (rank) => this.closeControl[rank]?.(),
      protocolError: (text) => this.err(`${text}\n`),
    });
    const controlPath = path.join(this.jobDir, 'launcher.sock');
    await this.server.listen(controlPath);
    for (let rank = 0; rank < np; rank++) this.spawnRank(rank, np, bundle, controlPath);
    return this.result;
  }

  private launchError(message: string): Promise<JobResult> {
    this.err(`${message}\n`);
    this.cleanup();
    const r: JobResult = { exitCode: EXIT.USAGE, outcome: 'launch-error', report: message };
    this.finished(r);
    return this.result;
  }

  private spawnRank(rank: number, np: number, bundle: string, controlPath: string): void {
    const env: Record<string, string | undefined> = { ...process.env, ...this.opts.env };
    // An inherited inspector flag would make every rank wait for a debugger.
    delete env.NODE_OPTIONS;
    delete env.VSCODE_INSPECTOR_OPTIONS;
    Object.assign(env, {
      [ENV.rank]: String(rank),
      [ENV.size]: String(np),
      [ENV.jobDir]: this.jobDir,
      [ENV.launcher]: controlPath,
      [ENV.runtimeDir]: RUNTIME_DIR,
      [ENV.program]: path.resolve(this.opts.cwd ?? '.', this.opts.program),
      ...(this.opts.eagerLimit !== undefined ? { [ENV.eagerLimit]: String(this.opts.eagerLimit) } : {}),
    });
    const node = this.opts.node ?? process.execPath;
    const child = spawn(node, ['--enable-source-maps', bundle, ...(this.opts.args ?? [])], {
      cwd: this.opts.cwd,
      env,
      stdio: [rank === 0 ? 'inherit' : 'ignore', 'pipe', 'pipe'],
    });
    this.children[rank] = child;
    this.controlClosed[rank] = new Promise((resolve) => (this.closeControl[rank] = resolve));
    const name = this.state.ranks[rank].name;
    const prefix = this.opts.tagOutput ? `[${name}] ` : '';
    const stdout = new LineStream((t) => this.out(t), prefix);
    const stderr = new LineStream((t) => this.err(t), prefix);
    this.streams.push(stdout, stderr);
    child.stdout!.on('data', (c: Buffer) => stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (e) => {
      if (!this.ending) void this.end({ exitCode: EXIT.USAGE, outcome: 'launch-error', report: `rankscope: cannot start ${name} with '${node}': ${e.message}; install Node.js or set runtimeExecutable to its path` });
    });
    child.on('exit', (code, signal) => void this.onExit(rank, code, signal));
  }

  private onMessage(rank: number, msg: RankToLauncher): void {
    const r = this.state.ranks[rank];
    switch (msg.t) {
      case 'hello':
        this.state.started(rank, msg.pid);
        return;
      case 'events':
        for (const e of msg.events) this.state.apply(e);
        this.events.push(...msg.events);
        for (const l of this.listeners) l(msg.events);
        this.scheduleCheck();
        return;
      case 'error':
        r.error = { message: msg.message, stack: msg.stack };
        return;
      case 'abort':
        void this.end({
          exitCode: msg.code, outcome: 'aborted',
          report: `rankscope: ${r.name} called Abort(${msg.code}) at ${formatSite(msg.site)}; every rank was stopped.`,
        });
        return;
      case 'bye':
        if (msg.unreceived.length > 0) this.warnings.push(report.unreceivedWarning(r, msg.unreceived));
        return;
    }
  }

  private async onExit(rank: number, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    // Everything the rank sent before it died (its error, its last events) arrives first.
    await Promise.race([this.controlClosed[rank], delay(500)]);
    if (this.ending) return;
    this.state.exited(rank, code, signal);
    const r = this.state.ranks[rank];
    if (code !== 0) {
      void this.end({ exitCode: code ?? 1, outcome: 'failed', report: report.failureReport(this.state, r) });
      return;
    }
    if (this.state.ranks.every((x) => x.status === 'finished')) {
      void this.end(this.completedRun());
      return;
    }
    this.scheduleCheck();
  }

  /** All ranks exited 0: still an error if some rank skipped a collective the others called. */
  private completedRun(): JobResult {
    for (const [key, entries] of this.state.collectives) {
      const group = entries[0].event.wait?.type === 'collective' ? entries[0].event.wait.group : [];
      const missing = group.filter((g) => !entries.some((e) => e.rank === g));
      if (missing.length > 0) {
        const [comm, seq] = splitKey(key);
        return { exitCode: EXIT.MISUSE, outcome: 'misuse', report: report.missingCollectiveReport(this.state, comm, seq, entries, missing) };
      }
    }
    return { exitCode: EXIT.OK, outcome: 'ok' };
  }

  private checkCollective(key: string, entries: CollectiveEntry[]): void {
    const first = entries[0].event;
    const last = entries[entries.length - 1].event;
    if (last.op === first.op && last.root === first.root) return;
    setTimeout(() => {
      if (this.ending) return;
      const [comm, seq] = splitKey(key);
      void this.end({ exitCode: EXIT.MISUSE, outcome: 'misuse', report: report.mismatchReport(this.state, comm, seq, this.state.collectives.get(key)!) });
    }, MISMATCH_GRACE_MS);
  }

  private scheduleCheck(): void {
    if (this.checkQueued || this.ending) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      if (this.ending) return;
      const d = findDeadlock(this.state);
      if (!d) return;
      const text = report.deadlockReport(this.state, d);
      const stuck = new Set(d.stuck.map((s) => s.rank.rank));
      const othersDone = this.state.ranks.every((r) => stuck.has(r.rank) || r.status === 'finished' || r.status === 'failed');
      if (othersDone) {
        void this.end({ exitCode: EXIT.DEADLOCK, outcome: 'deadlock', report: this.deadlockShown ? undefined : text });
        return;
      }
      // A partial deadlock: say so now, and let the ranks that can still work finish their output.
      if (!this.deadlockShown) {
        this.deadlockShown = true;
        this.err(`${text}\n  waiting for the other ranks to finish…\n`);
      }
    });
  }

  /** Stops every rank still running (SIGINT/SIGTERM of the launcher, or a debugger's stop). */
  interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    void this.end({ exitCode: signal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM, outcome: 'interrupted' });
  }

  private async end(result: JobResult): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    const closing = this.children.map((c) => (c && c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('close', r)) : undefined));
    for (const c of this.children) if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.race([Promise.all(closing), delay(2000)]);
    for (const s of this.streams) s.end();
    for (const w of this.warnings) this.err(`${w}\n`);
    if (result.report) this.err(`${result.report}\n`);
    if (this.opts.traceFile) {
      writeChromeTrace(this.opts.traceFile, this.events, this.state.ranks.map((r) => r.name));
    }
    this.cleanup();
    this.finished(result);
  }

  private cleanup(): void {
    this.server?.close();
    if (this.jobDir) fs.rmSync(this.jobDir, { recursive: true, force: true });
  }
}

function splitKey(key: string): [string, number] {
  const i = key.lastIndexOf('#');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/** Runs a job to its end. */
export function runJob(opts: JobOptions): Promise<JobResult> {
  return new Job(opts).start();
}
