/** Processes and the process tree: the part of `rankscope/multiprocessing` that starts children. */
import * as os from 'node:os';
import { runtime } from '../rank/current.js';
import { context, type CurrentProcess } from './context.js';
import './child.js';

export { Process, activeChildren, type ProcessOptions } from './process.js';
export { main } from './main.js';
export { Pool } from './pool.js';
export { AsyncResult, TimeoutError } from './async-result.js';
export { RemoteTraceback } from './remote-traceback.js';

/** The number of CPUs this process may use (Python's `cpu_count()`). */
export function cpuCount(): number {
  return os.availableParallelism();
}

/** The process this code runs in: `.name` (`MainProcess`, `Process-1`, …), `.pid`, `.daemon`. */
export function currentProcess(): CurrentProcess {
  return context.current();
}

/** The parent of a child process (`.name`, `.pid`), or null in the main process. */
export function parentProcess(): { pid: number } | null {
  const b = runtime.become;
  return b ? { pid: b.parentPid } : null;
}
export * from './shared/index.js';
