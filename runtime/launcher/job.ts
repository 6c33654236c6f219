/**
 * A job: N ranks of one program as child processes, their output streamed through, their trace
 * events collected, and the run ended — never left hanging — when a rank fails, aborts, deadlocks
 * or misuses a collective. It publishes all of it as one `Run` (run-hub.ts); `launch()` in index.ts
 * starts one, and the CLI, the debug adapter and the diagram only ever see that Run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SpawnRequest } from '../contract/control.js';
import type { BuildProblem, Run, RunEnd } from '../contract/run.js';
import { setRuntimeDir } from '../contract/site-format.js';
import { ENV } from '../contract/environment.js';
import { BundleError, type Bundle } from './bundle.js';
import { cachedBundle } from './bundle-cache.js';
import { recordTrace } from './recorder/trace-writer.js';
import { ControlServer, type ControlConnection } from './control-server.js';
import { EXIT } from '../contract/exit-codes.js';
import { JobMonitor } from './state/monitor.js';
import type { JobState } from './state/job-state.js';
import { RunHub } from './run-hub.js';
import { JobProcess, yieldToRanks } from './processes.js';
import { RUNTIME_DIR } from './paths.js';
import { INSPECT_BRK, INSPECT_PORT, inspectorLineFilter, OPEN_INSPECTOR } from './inspector.js';
import { announceEnd } from './ending.js';
import { Intake, type IntakeOwner } from './intake.js';
import { markExited } from '../contract/job-dir.js';

export interface LaunchOptions {
  program: string;
  args?: string[];
  np?: number;
  tagOutput?: boolean;
  /** Where to write the run's Chrome trace when it ends. */
  traceFile?: string;
  eagerLimit?: number;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** The Node.js executable ranks run with (default: the one running the launcher). */
  node?: string;
  /**
   * Keep every trace event for a late subscriber's replay (default true). A run nobody will draw
   * keeps none: a busy job sends hundreds of thousands of events, and keeping them costs the
   * launcher, which shares the cores with the ranks, its collections.
   */
  keepTrace?: boolean;
  /**
   * `true`: start every process under `node --inspect-brk` and publish where its inspector listens
   * (an `inspector` event); each waits for a debugger to attach (the VS Code extension attaches
   * js-debug). `'on-demand'`: start them with the inspector closed, opened when `Run.openInspectors`
   * asks (a breakpoint set after F5), so a run nobody debugs pays nothing for it.
   */
  inspect?: boolean | 'on-demand';
  /** Who starts the run, for watchers (default `rankscope run`). */
  launcher?: string;
  /**
   * Once the ranks have started, run this thread at a lower priority (processes.ts,
   * `yieldToRanks`). Only for a process that runs this one job and nothing else (the CLI).
   */
  yieldToRanks?: boolean;
}

/** Warm spare processes kept ready for multiprocessing programs. */
const SPARES = 2;

// Reports tell the user's stack frames from the runtime's by this folder.
setRuntimeDir(RUNTIME_DIR);

export class Job {
  private readonly monitor: JobMonitor;
  /** Every process of the job by index: ranks first, then multiprocessing children. */
  private readonly procs: JobProcess[] = [];
  private readonly spares: JobProcess[] = [];
  private readonly sparesByPid = new Map<number, JobProcess>();
  private readonly family = new Map<number, { parent: number; daemon: boolean }>();
  private readonly np: number;
  /** Whether `openInspectors` has run (a second breakpoint must not signal again). */
  private inspectorsOpened = false;
  private jobDir = '';
  private controlPath = '';
  private bundle: Bundle | undefined;
  private server: ControlServer | undefined;
  private ending = false;
  /** What the job publishes: the only thing anyone outside the launcher sees of it. */
  readonly run: RunHub;

  constructor(private readonly opts: LaunchOptions) {
    this.np = opts.np ?? 1;
    const programPath = path.resolve(opts.cwd ?? '.', opts.program);
    this.run = new RunHub(
      { program: opts.program, programPath, cwd: path.resolve(opts.cwd ?? '.'), np: this.np, startedAt: Date.now(), launcher: opts.launcher ?? 'rankscope run', pid: process.pid },
      { suspend: (on, processes) => this.suspend(on, processes), stop: (signal) => this.interrupt(signal), openInspectors: () => this.openInspectors() },
      opts.keepTrace ?? true,
    );
    this.monitor = new JobMonitor({ verdict: (r) => void this.end(r), warn: (text) => this.err(text) }, this.run);
    if (opts.traceFile) recordTrace(this.run, opts.traceFile);
  }

  private get state(): JobState {
    return this.monitor.state;
  }

  private out(text: string): void {
    this.run.output('stdout', text);
  }

  private err(text: string): void {
    this.run.output('stderr', text);
  }

  /** Starts the job; a fault of the launcher itself ends the run (never an unhandled rejection). */
  start(): void {
    this.begin().catch((e: unknown) => {
      const report = `rankscope: internal error: ${e instanceof Error ? e.stack : String(e)}`;
      void this.end({ exitCode: 1, outcome: 'launch-error', report });
    });
  }

  private async begin(): Promise<void> {
    if (!Number.isInteger(this.np) || this.np < 1) return this.launchError(`rankscope: -n must be a positive integer, got ${this.np}`);
    this.jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-'));
    try {
      this.bundle = await cachedBundle(path.resolve(this.opts.cwd ?? '.', this.opts.program), this.jobDir);
    } catch (e) {
      if (e instanceof BundleError) return this.launchError(e.message, e.problems);
      throw e;
    }
    const intake = new Intake(this.monitor, this.intakeOwner());
    this.server = new ControlServer({
      message: (conn, msg) => intake.message(conn, msg),
      closed: (conn) => (conn.index >= 0 ? this.procs[conn.index] : this.sparesByPid.get(conn.hello?.pid ?? -1))?.controlClosedNow(),
      protocolError: (text) => this.err(`${text}\n`),
    });
    this.controlPath = path.join(this.jobDir, 'launcher.sock');
    await this.server.listen(this.controlPath);
    // A lone multiprocessing program is Python's MainProcess; MPI ranks are `rank N`.
    const mainName = this.np === 1 && this.bundle.usesMultiprocessing ? 'MainProcess' : undefined;
    for (let rank = 0; rank < this.np; rank++) {
      const name = mainName ?? `rank ${rank}`;
      this.state.addProcess(name, undefined);
      const p = this.startProcess(this.rankEnv(rank, name), rank === 0 ? 'inherit' : 'ignore', name, rank);
      this.procs[rank] = p;
      this.watchSpawnError(p, name);
      void p.exited.then(({ code, signal }) => this.onRankExit(rank, code, signal));
    }
    this.monitor.publishChanges();
    // A process started after this inherits the lower priority: a job that starts more later
    // (multiprocessing's spares and children) keeps the launcher's.
    if (this.opts.yieldToRanks && !this.bundle.usesMultiprocessing) yieldToRanks();
    if (this.bundle.usesMultiprocessing) this.fillSpares();
  }

  private launchError(message: string, problems?: BuildProblem[]): void {
    this.ending = true;
    this.err(`${message}\n`);
    this.cleanup();
    this.run.finish({ exitCode: EXIT.USAGE, outcome: 'launch-error', report: message, problems });
  }

  private baseEnv(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.opts.env };
    // An inherited inspector flag would make every process wait for a debugger.
    delete env.NODE_OPTIONS;
    delete env.VSCODE_INSPECTOR_OPTIONS;
    return Object.assign(env, {
      [ENV.jobDir]: this.jobDir,
      [ENV.launcher]: this.controlPath,
      [ENV.runtimeDir]: RUNTIME_DIR,
      [ENV.program]: path.resolve(this.opts.cwd ?? '.', this.opts.program),
      ...(this.opts.eagerLimit !== undefined ? { [ENV.eagerLimit]: String(this.opts.eagerLimit) } : {}),
    });
  }

  private rankEnv(rank: number, name: string): Record<string, string | undefined> {
    return { ...this.baseEnv(), [ENV.rank]: String(rank), [ENV.size]: String(this.np), [ENV.name]: name };
  }

  private startProcess(env: Record<string, string | undefined>, stdin: 'inherit' | 'ignore', name: string | undefined, index = -1): JobProcess {
    let pid = -1;
    const debug = this.opts.inspect && {
      nodeArgs: [this.opts.inspect === 'on-demand' ? INSPECT_PORT : INSPECT_BRK],
      keepErrLine: inspectorLineFilter((websocketAddress) => this.run.inspector({ index, name: name ?? `process (pid ${pid})`, pid, websocketAddress, bundle: this.bundle!.file })),
    };
    const p = new JobProcess({
      ...debug,
      node: this.opts.node ?? process.execPath,
      bundle: this.bundle!.file,
      args: this.opts.args ?? [],
      cwd: this.opts.cwd,
      env,
      stdin,
      out: (t) => this.out(t),
      err: (t) => this.err(t),
      prefix: this.opts.tagOutput && name ? `[${name}] ` : '',
    });
    pid = p.pid;
    return p;
  }

  /**
   * Stops processes where they are (SIGSTOP), or lets them go on: a debugger's pause. Every
   * process (warm spares too) unless `processes` names some by index.
   */
  private suspend(on: boolean, processes?: readonly number[]): void {
    const which = processes ? processes.map((i) => this.procs[i]).filter((p) => p !== undefined) : [...this.procs, ...this.spares];
    for (const p of new Set(which)) p.suspend(on);
  }

  /** Opens every live process's inspector, once (each then says where it listens on stderr). */
  private openInspectors(): void {
    if (this.opts.inspect !== 'on-demand' || this.inspectorsOpened) return;
    this.inspectorsOpened = true;
    for (const p of this.procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(OPEN_INSPECTOR);
    }
  }

  private watchSpawnError(p: JobProcess, name: string): void {
    p.child.on('error', (e) => {
      const node = this.opts.node ?? process.execPath;
      void this.end({ exitCode: EXIT.USAGE, outcome: 'launch-error', report: `rankscope: cannot start ${name} with '${node}': ${e.message}; install Node.js or set runtimeExecutable to its path` });
    });
  }

  /** Keeps warm spares ready, so `Process.start()` costs no Node start-up (Python's forkserver idea). */
  private fillSpares(): void {
    while (!this.ending && this.spares.length < SPARES) {
      const spare = this.startProcess({ ...this.baseEnv(), [ENV.spare]: '1', [ENV.rank]: '0', [ENV.size]: '1' }, 'ignore', undefined);
      this.watchSpawnError(spare, 'a multiprocessing child');
      this.spares.push(spare);
      this.sparesByPid.set(spare.pid, spare);
      void spare.exited.then(() => {
        const i = this.spares.indexOf(spare);
        if (i >= 0) this.spares.splice(i, 1);
      });
    }
  }

  /** What only a local job does with a rank's message; the rest is the intake's (intake.ts). */
  private intakeOwner(): IntakeOwner {
    return {
      indexOf: (conn) => conn.index,
      end: (result) => void this.end(result),
      hello: (conn, msg) => (msg.rank < 0 ? this.sparesByPid.get(msg.pid) : this.procs[msg.rank])?.attach(conn),
      spawn: (conn, msg) => this.spawnChild(conn, msg),
      signal: (_conn, msg, index) => {
        if (this.family.get(msg.index)?.parent !== index) return;
        this.monitor.signalled(msg.index);
        this.procs[msg.index]?.child.kill(msg.signal);
      },
    };
  }

  private spawnChild(parentConn: ControlConnection, msg: SpawnRequest): void {
    if (this.ending) return;
    const parent = parentConn.index;
    const index = this.state.addProcess(msg.name, parent);
    const p = this.spares.shift() ?? this.startProcess({ ...this.baseEnv(), [ENV.spare]: '1', [ENV.rank]: '0', [ENV.size]: '1' }, 'ignore', undefined);
    if (!this.sparesByPid.has(p.pid)) {
      this.sparesByPid.set(p.pid, p);
      this.watchSpawnError(p, msg.name);
    }
    this.procs[index] = p;
    this.family.set(index, { parent, daemon: msg.daemon });
    if (this.opts.tagOutput) p.setPrefix(`[${msg.name}] `);
    this.state.started(index, p.pid);
    this.monitor.publishChanges();
    parentConn.send({ t: 'spawned', req: msg.req, index, pid: p.pid });
    const parentPid = this.procs[parent]?.pid ?? -1;
    void p.connection().then((conn) => {
      conn.index = index;
      conn.send({ t: 'become', index, name: msg.name, parent, parentPid, daemon: msg.daemon, target: msg.target, payload: msg.payload });
    });
    void p.exited.then(({ code, signal }) => this.onChildExit(index, code, signal));
    // A Pool's workers start its work at once: spares booting now (a Node start-up each) would
    // take CPU from that work on a small machine. Their places are refilled when they exit.
    if (msg.target.kind === 'pool-worker') void p.exited.then(() => this.fillSpares());
    else this.fillSpares();
  }

  private async onChildExit(index: number, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    await Promise.race([this.procs[index].controlClosed, delay(500)]);
    if (this.ending) return;
    this.state.exited(index, code, signal);
    this.monitor.publishChanges();
    const parent = this.family.get(index)!.parent;
    this.procs[parent]?.conn?.send({ t: 'exited', index, code, signal });
    this.stopDaemonsOf(index);
    this.monitor.scheduleCheck();
  }

  /** Daemonic children end with their parent, as in Python. */
  private stopDaemonsOf(parent: number): void {
    for (const [child, f] of this.family) {
      if (f.parent === parent && f.daemon && this.procs[child]?.alive) this.procs[child].child.kill('SIGTERM');
    }
  }

  private async onRankExit(rank: number, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    // Peers waiting for this rank to listen (it may have been paused, for any length of time)
    // learn here that it never will.
    markExited(this.jobDir, rank);
    // Everything the rank sent before it died (its error, its last events) arrives first.
    await Promise.race([this.procs[rank].controlClosed, delay(500)]);
    if (this.ending) return;
    this.stopDaemonsOf(rank);
    const verdict = this.monitor.exited(rank, code, signal, this.np);
    if (verdict) void this.end(verdict);
  }

  /** Stops every process (SIGINT/SIGTERM of the launcher, or a debugger's stop). */
  private interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    void this.end({ exitCode: signal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM, outcome: 'interrupted' });
  }

  private async end(result: RunEnd): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.monitor.ended = true;
    const all = [...new Set([...this.procs, ...this.spares])];
    await Promise.race([Promise.all(all.map((p) => p.stop())), delay(2000)]);
    for (const p of all) {
      p.stdout.end();
      p.stderr.end();
    }
    // The job's folder goes first: a watcher told of the end may start the next run at once.
    this.cleanup();
    announceEnd(this.monitor, this.run, result, { err: (t) => this.err(t), pendingWhenOk: true });
  }

  private cleanup(): void {
    this.server?.close();
    if (this.jobDir) fs.rmSync(this.jobDir, { recursive: true, force: true });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/**
 * Starts a run of `opts.program` and returns it at once. The processes start in the next
 * microtask, so a watcher subscribed in the caller's tick sees all of the run, output included.
 */
export function launch(opts: LaunchOptions): Run {
  const job = new Job(opts);
  queueMicrotask(() => job.start());
  return job.run;
}
