/**
 * `mp.Process`, as in Python's multiprocessing with the spawn start method: the child re-imports
 * the program and finds the target function, or the `Process` subclass, by its exported name; a
 * subclass instance's own fields travel with it. Names default to `Process-1`, `Process-2`, … (a
 * subclass's to `MyProcess-1`, …), children of a child `Process-1:1`, as Python numbers them.
 */
import { pyArgs, timeoutArg } from './py-args.js';
import type { TimeoutOptions } from './options.js';
import type { WaitFor } from '../../contract/trace-events.js';
import { captureCallSite } from '../call-site.js';
import { holding } from '../liveness.js';
import { runtime } from '../current.js';
import { entryModule } from '../entry-hooks.js';
import { traced } from '../mpi/traced.js';
import { childExit, signalChild, spawnChild, waitForExit } from './children.js';
import { context } from './context.js';
import { ValueError } from './shared/errors.js';
import { packForChild, transferCodec } from './transfer.js';

/** Fields of Process itself; a subclass's other own fields are sent to the child. */
const OWN_FIELDS = new Set(['name', 'daemon', 'target', 'args', 'kwargs', 'pid', 'exitCode', 'authkey', '_index', '_state', '_started']);

let created = 0;
const children = new Set<Process>();

export interface ProcessOptions {
  target?: (...args: any[]) => unknown;
  args?: unknown[];
  /** Python's keyword arguments: passed to the target as one last argument. */
  kwargs?: Record<string, unknown>;
  name?: string;
  daemon?: boolean;
}

export class Process {
  name: string;
  daemon: boolean;
  target: ((...args: any[]) => unknown) | undefined;
  args: unknown[];
  kwargs: Record<string, unknown> | undefined;
  pid: number | undefined;
  exitCode: number | null = null;
  /** Python's `authkey`: by default the creating process's key (`mp.currentProcess().authkey`), which the child takes as its own. */
  authkey: Uint8Array = context.authkey();
  /** @internal the launcher's index for this process */
  _index: number | undefined;
  /** @internal */
  _state: 'initial' | 'started' | 'closed' = 'initial';
  /** @internal resolves once the launcher has started the child */
  _started: Promise<void> | undefined;

  constructor(options: ProcessOptions = {}) {
    if (!context.mayCreateProcesses()) {
      throw new Error(
        `mp.Process: create processes inside mp.main(async () => { … }). A child process re-imports this file (like Python's spawn), so a Process made at the top level would be started again by every child — the counterpart of Python's \`if __name__ == '__main__':\`.`,
      );
    }
    const o = pyArgs('Process', [options], ['group', 'target', 'name', 'args', 'kwargs', 'daemon']);
    this.target = o.target as ProcessOptions['target'];
    this.args = (o.args as unknown[] | undefined) ?? [];
    if (!Array.isArray(this.args)) throw new TypeError(`mp.Process: args must be an array, got ${typeof this.args}`);
    this.kwargs = (o.kwargs as Record<string, unknown> | undefined) ?? undefined;
    if (this.kwargs !== undefined && (typeof this.kwargs !== 'object' || this.kwargs === null || Array.isArray(this.kwargs))) throw new TypeError('mp.Process: kwargs must be an object of keyword arguments');
    this.name = (o.name as string | undefined) ?? `${new.target.name}-${context.childNumber(++created)}`;
    this.daemon = Boolean(o.daemon ?? context.current().daemon);
  }

  get exitcode(): number | null {
    this.checkClosed('exitcode');
    return this.exitCode;
  }

  get ident(): number | undefined {
    this.checkClosed('ident');
    return this.pid;
  }

  /**
   * A number that `mp.connection.wait([...])` reports ready once the process has ended (Python's
   * file descriptor; here the launcher's index of the child). ValueError before `start()`.
   */
  get sentinel(): number {
    this.checkClosed('sentinel');
    if (this._index === undefined) throw new ValueError(`${this.name}.sentinel: process not started`);
    return this._index;
  }

  /** Starts the child; resolves once it runs (then `pid` is set). */
  start(): Promise<void> {
    let target: { kind: 'function' | 'class'; name: string };
    try {
      this.checkClosed('start');
      if (this._state !== 'initial') throw new Error(`${this.name}.start(): a process can be started only once`);
      target = this.targetSpec();
    } catch (err) {
      return Promise.reject(err); // an async call's argument errors reject its promise
    }
    const fields = Object.fromEntries(Object.entries(this).filter(([k]) => !OWN_FIELDS.has(k)));
    const parentName = context.current().name;
    const value = { args: this.kwargs ? [...this.args, this.kwargs] : this.args, fields, identity: [...context.identityPath(), created], authkey: this.authkey, parentName };
    const payload = packForChild(`${this.name}.start()`, value);
    this._state = 'started';
    children.add(this);
    const started = spawnChild(this.name, this.daemon, target, payload).then(({ index, pid }) => {
      this._index = index;
      this.pid = pid;
      void waitForExit(index).then((e) => {
        this.exitCode = e.code ?? (e.signal ? -signalNumber(e.signal) : 1);
        transferCodec().release(index);
      });
    });
    this._started = started;
    transferCodec().handOver(value, started.then(() => this._index!));
    return holding(started);
  }

  /** What runs in the child: the target with its args (subclasses override this). */
  async run(): Promise<void> {
    const target = this.target; // called plainly, so the child's traceback reads `at call`, not `at Process.call`
    if (target) await target(...this.args);
  }

  /** Waits for the child to end, or `timeoutSeconds` at most. */
  join(timeout?: number | null): Promise<void>;
  join(options: TimeoutOptions): Promise<void>;
  async join(...args: unknown[]): Promise<void> {
    const timeoutSeconds = timeoutArg(`${this.name}.join`, pyArgs(`${this.name}.join`, args, ['timeout']).timeout);
    this.checkClosed('join');
    if (this._state === 'initial') throw new Error(`${this.name}.join(): can only join a started process`);
    const site = captureCallSite();
    const done = (async () => {
      await this._started;
      await waitForExit(this._index!);
      await new Promise((r) => setImmediate(r)); // let exitCode settle
    })();
    // The timer goes once the child is done: a pending one would keep this process alive.
    let timer: NodeJS.Timeout | undefined;
    const limited = timeoutSeconds === undefined ? done : Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, timeoutSeconds * 1000)))]).finally(() => clearTimeout(timer));
    await this._started;
    const wait: WaitFor = timeoutSeconds === undefined ? { type: 'process', target: this._index! } : { type: 'opaque', what: `join(${this.name}) with a timeout` };
    await traced(runtime.tracer, { op: 'join', text: `join(${this.name})`, comm: 'mp', peer: this._index, wait, site }, limited);
  }

  isAlive(): boolean {
    this.checkClosed('isAlive');
    return this._state === 'started' && (this._index === undefined || childExit(this._index) === undefined);
  }

  is_alive(): boolean {
    return this.isAlive();
  }

  terminate(): void {
    this.checkClosed('terminate');
    if (this._index !== undefined) signalChild(this._index, 'SIGTERM');
  }

  kill(): void {
    this.checkClosed('kill');
    if (this._index !== undefined) signalChild(this._index, 'SIGKILL');
  }

  /** Sends SIGINT: in the child, Python's KeyboardInterrupt (exit code 1), unless it removed the handler (then -2). */
  interrupt(): void {
    this.checkClosed('interrupt');
    if (this._index !== undefined) signalChild(this._index, 'SIGINT');
  }

  /**
   * Releases what the process object holds; afterwards most of its methods raise ValueError.
   * ValueError while the child is still running (join() or terminate() it first).
   */
  close(): void {
    if (this._state === 'closed') return;
    if (this.isAlive()) throw new ValueError(`${this.name}.close(): cannot close a process while it is still running; call join() or terminate() first`);
    children.delete(this);
    this._state = 'closed';
  }

  /** Python's repr: `<Process name='Process-1' pid=123 parent=100 stopped exitcode=-SIGTERM daemon>`. */
  toString(): string {
    const self = context.current() === this;
    const info = [this.constructor.name, `name='${this.name}'`];
    // Python drops its popen (and so the pid) on close(); the current process never had one.
    if (this.pid !== undefined && !self && this._state !== 'closed') info.push(`pid=${this.pid}`);
    info.push(`parent=${self ? (runtime.become?.parentPid ?? 'None') : process.pid}`);
    const stopped = !self && this._state === 'started' && !this.isAlive();
    info.push(self ? 'started' : this._state === 'closed' ? 'closed' : this._state === 'initial' ? 'initial' : stopped ? 'stopped' : 'started');
    if (stopped && this.exitCode !== null) info.push(`exitcode=${exitcodeName(this.exitCode)}`);
    if (this.daemon) info.push('daemon');
    return `<${info.join(' ')}>`;
  }

  private checkClosed(what: string): void {
    if (this._state === 'closed') throw new ValueError(`${this.name}.${what}: process object is closed`);
  }

  /** Checks now, in the parent, what the child will look up by name. */
  private targetSpec(): { kind: 'function' | 'class'; name: string } {
    const mod = entryModule();
    const file = runtime.env.program ?? 'your program';
    if (this.constructor !== Process) {
      const name = this.constructor.name;
      if (mod && mod[name] !== this.constructor) {
        throw new Error(`${this.name}.start(): class ${name} is not exported from ${file}; write \`export class ${name} extends mp.Process\` so the child process can find it (it re-imports your program, like Python's spawn)`);
      }
      return { kind: 'class', name };
    }
    if (this.target === undefined) return { kind: 'class', name: 'Process' };
    const name = this.target.name;
    if (!name || isArrow(this.target)) throw new Error(`${this.name}.start(): the target must be a named, exported function (not an arrow function or a closure), so the child process can find it by name`);
    if (mod && mod[name] !== this.target) {
      throw new Error(`${this.name}.start(): the target function '${name}' is not exported from ${file}; write \`export function ${name}(…)\` so the child process can find it (it re-imports your program, like Python's spawn)`);
    }
    return { kind: 'function', name };
  }
}

/** Children started by this process that have not exited. */
export function activeChildren(): Process[] {
  return [...children].filter((p) => p.isAlive());
}

/** The started child whose `sentinel` is `n`, if any (for `mp.connection.wait`). */
export function childBySentinel(n: number): Process | undefined {
  return [...children].find((p) => p._index === n);
}

export function liveNonDaemonChildren(): Process[] {
  return activeChildren().filter((p) => !p.daemon);
}

/** Arrow functions take the name of the property they are assigned to (`target`), so test the source. */
function isArrow(fn: (...args: any[]) => unknown): boolean {
  return /^(async\s*)?(\([^)]*\)|[\w$]+)\s*=>/.test(Function.prototype.toString.call(fn));
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };
function signalNumber(signal: string): number {
  return SIGNALS[signal] ?? 1;
}

/** Python's `_exitcode_to_name`: a signal's exit code by its name (`-SIGTERM`). */
function exitcodeName(code: number): string {
  const name = Object.entries(SIGNALS).find(([, n]) => -n === code)?.[0];
  return name ? `-${name}` : String(code);
}
