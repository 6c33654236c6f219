/**
 * Starting the job's Node processes: MPI ranks, and warm spares that later become multiprocessing
 * children. Each process's output streams through a line buffer whose prefix (its name) can be set
 * once the process knows who it is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import type { ControlConnection } from './control-server.js';
import { LineStream, type Sink } from './output.js';
import { diesWithLauncher } from './parent-death.js';

export interface ProcessSpec {
  node: string;
  bundle: string;
  args: string[];
  cwd: string | undefined;
  env: Record<string, string | undefined>;
  stdin: 'inherit' | 'ignore';
  out: Sink;
  err: Sink;
  prefix: string;
  /** Flags for `node` itself, before the bundle (`--inspect-brk` when debugging). */
  nodeArgs?: string[];
  /** Filters stderr lines (the inspector's own lines are not the program's output). */
  keepErrLine?: (line: string) => boolean;
}

/**
 * V8 optimises a function once it has run a budget of bytecode (`--interrupt-budget`, 66 KiB by
 * default). The runtime's path for one message is long, so with the default a rank's first few
 * thousand messages run unoptimised: issue 25's program (2,000 trips after 200) measured a one-way
 * latency of ≈ 63–67 µs, ≈ 34 µs after 20,000 trips. A quarter of the budget brought its figure to
 * ≈ 41–43 µs (3 interleaved runs; an eighth: 38–44 µs) and left the steady state as it was. Only
 * for the launcher's own Node, whose V8 has the flag (a flag V8 does not know stops Node).
 */
function earlyTierUp(node: string): string[] {
  return node === process.execPath && Number(process.versions.v8.split('.')[0]) >= 10 ? ['--interrupt-budget=16384'] : [];
}

/** One OS process of the job, whatever role it plays. */
export class JobProcess {
  readonly child: ChildProcess;
  readonly stdout: LineStream;
  readonly stderr: LineStream;
  conn: ControlConnection | undefined;
  /** Resolves once the control connection has closed (all the process said has arrived). */
  readonly controlClosed: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private markClosed!: () => void;
  private connected: ((c: ControlConnection) => void)[] = [];

  constructor(spec: ProcessSpec) {
    const nodeArgs = [...(spec.nodeArgs ?? []), ...earlyTierUp(spec.node), '--enable-source-maps', spec.bundle, ...spec.args];
    // No process outlives the launcher, even one spinning in user code (see parent-death.ts).
    const { command, args } = diesWithLauncher(spec.node, nodeArgs, spec.cwd, spec.env.PATH ?? process.env.PATH);
    this.child = spawn(command, args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: [spec.stdin, 'pipe', 'pipe'],
    });
    this.stdout = new LineStream(spec.out, spec.prefix);
    this.stderr = new LineStream(spec.err, spec.prefix, spec.keepErrLine);
    this.child.stdout!.on('data', (c: Buffer) => this.stdout.push(c));
    this.child.stderr!.on('data', (c: Buffer) => this.stderr.push(c));
    this.controlClosed = new Promise((resolve) => (this.markClosed = resolve));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  setPrefix(prefix: string): void {
    this.stdout.prefix = prefix;
    this.stderr.prefix = prefix;
  }

  attach(conn: ControlConnection): void {
    this.conn = conn;
    for (const f of this.connected.splice(0)) f(conn);
  }

  /** The control connection, once the process has said hello. */
  connection(): Promise<ControlConnection> {
    return this.conn ? Promise.resolve(this.conn) : new Promise((resolve) => this.connected.push(resolve));
  }

  controlClosedNow(): void {
    this.markClosed();
  }

  /** Stops (SIGSTOP) or resumes (SIGCONT) the process: a debugger's pause and continue. */
  suspend(on: boolean): void {
    if (this.alive) this.child.kill(on ? 'SIGSTOP' : 'SIGCONT');
  }

  /** Kills the process and waits until its output has drained. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.alive) return;
    const closed = new Promise((r) => this.child.once('close', r));
    this.child.kill(signal);
    await closed;
  }
}

/**
 * The launcher's niceness once the ranks run. It shares the cores with them, and a rank woken by a
 * message waits while the launcher decodes trace batches there: measured on 2 cores (issue 25,
 * 5 interleaved runs each), the ping-pong's per-trip p99 fell from ≈ 350 µs to ≈ 180 µs at 10
 * (≈ 150 µs at 19), while the p50 rose by 2–4 µs in each pair. 10 and not 19: a launcher
 * at 10 still gets about a tenth of a core beside busy ranks, enough to relay their output and
 * report a deadlock in time.
 */
const LAUNCHER_NICE = 10;

/**
 * Lowers this thread's priority (on Linux, `setpriority` on the process id reaches the main thread
 * only, the one the job runs on). Children started afterwards inherit it, hence only once the
 * ranks are started. A failure (a platform without it) leaves the priority as it was.
 */
export function yieldToRanks(): void {
  try {
    if (os.getPriority() < LAUNCHER_NICE) os.setPriority(LAUNCHER_NICE);
  } catch {
    // Priorities are a speed matter only.
  }
}
