/** Processes and the process tree: the part of `rankscope/multiprocessing` that starts children. */
import * as os from 'node:os';
import { context, type CurrentProcess } from './context.js';
import './child.js';

export { Process, activeChildren, type ProcessOptions } from './process.js';
export { ProcessInfo, type CurrentProcess } from './context.js';
export { main } from './main.js';
export { Pool } from './pool.js';
export { AsyncResult, TimeoutError } from './async-result.js';
export { RemoteTraceback } from './remote-traceback.js';
/** The options objects (Python's keyword arguments) of the calls, for programs that build them ahead. */
export type {
  ApplyAsyncOptions, ApplyOptions, BarrierOptions, BaseManagerOptions, BlockOptions, ClientOptions, ConditionOptions, ListenerOptions,
  ManagerCallable, MapAsyncOptions, MapOptions, NoOptions, NotifyOptions, PipeOptions, PoolOptions, QueueOptions, RecvBytesIntoOptions,
  RecvBytesOptions, RegisterOptions, SemaphoreOptions, SendBytesOptions, ShutdownOptions, TimeoutOptions,
} from './options.js';

/** The number of CPUs this process may use (Python's `cpu_count()`). */
export function cpuCount(): number {
  return os.availableParallelism();
}

/**
 * The process this code runs in: `.name` (`MainProcess`, `Process-1`, …), `.pid`, `.ident`,
 * `.daemon`, `.authkey`, `.exitCode`, `.isAlive()`; in a child, its own `Process` object.
 */
export function currentProcess(): CurrentProcess {
  return context.current();
}

export { parentProcess, ParentProcess } from './parent.js';
export * as connection from './connection.js';
export * from './shared/index.js';
