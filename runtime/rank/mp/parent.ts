/**
 * `mp.parentProcess()`: in a child, the process that started it (Python's `_ParentProcess`), whose
 * `isAlive()` and `join()` see it end even though it is not this process's child; null in the
 * main process. `sentinel` is what `mp.connection.wait` takes for it.
 */
import { pyArgs, timeoutArg } from './py-args.js';
import type { TimeoutOptions } from './options.js';
import { runtime } from '../current.js';
import { holding } from '../liveness.js';
import { context } from './context.js';

/** How often `join()` looks whether the parent still runs: it sleeps in the event loop between looks. */
const POLL_MS = 25;

export class ParentProcess {
  readonly daemon = false;
  readonly exitCode = null;
  constructor(
    readonly name: string,
    readonly pid: number,
    /** The launcher's index of the parent. */
    readonly sentinel: number,
  ) {}

  get ident(): number {
    return this.pid;
  }
  get exitcode(): null {
    return null;
  }
  get authkey(): Uint8Array {
    return context.authkey();
  }

  /** Whether the parent process still runs (it is not this process's child: asked of the OS). */
  isAlive(): boolean {
    try {
      process.kill(this.pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  is_alive(): boolean {
    return this.isAlive();
  }

  /** Waits until the parent has ended, or `timeout` seconds at most. */
  join(timeout?: number | null): Promise<void>;
  join(options: TimeoutOptions): Promise<void>;
  async join(...args: unknown[]): Promise<void> {
    const timeout = timeoutArg('parentProcess().join', pyArgs('parentProcess().join', args, ['timeout']).timeout);
    const deadline = timeout === undefined ? Infinity : Date.now() + timeout * 1000;
    return holding(
      (async () => {
        while (this.isAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
      })(),
    );
  }

  toString(): string {
    // Python's: a parent process is not this process's child, so its status reads 'unknown'.
    return `<_ParentProcess name='${this.name}' parent=None unknown>`;
  }
}

let parentName = 'MainProcess';
let parent: ParentProcess | undefined;

/** @internal the child learns its parent's name with its payload */
export function setParentName(name: string): void {
  parentName = name;
}

/** The parent of a child process, or null in the main process. */
export function parentProcess(): ParentProcess | null {
  const b = runtime.become;
  if (!b) return null;
  parent ??= new ParentProcess(parentName, b.parentPid, b.parent);
  return parent;
}
