/**
 * How a `Pool` call crosses to its workers and back: the function goes by its exported name (the
 * workers re-import the program and look it up), inputs go in chunks of Python's default size, and
 * a task's error comes back rebuilt with the worker's stack.
 */
import { entryModule } from '../entry-hooks.js';
import { runtime } from '../current.js';
import { RemoteTraceback } from './remote-traceback.js';
import { reviveError, type ErrorData } from './shared/errors.js';

/** The exported name by which workers find `fn`, checked now in the parent. */
export function exportedName(what: string, fn: unknown): string {
  if (typeof fn !== 'function' || !fn.name) throw new TypeError(`${what}: expected a named, exported function, got ${typeof fn === 'function' ? 'an anonymous function' : typeof fn}`);
  const mod = entryModule();
  if (mod && mod[fn.name] !== fn) {
    throw new Error(`${what}: the function '${fn.name}' is not exported from ${runtime.env.program ?? 'your program'}; write \`export function ${fn.name}(…)\` so the worker processes can find it`);
  }
  return fn.name;
}

/** Python's default chunk size: ceil(len / (4 × processes)). */
export function defaultChunksize(items: number, processes: number): number {
  return Math.max(1, Math.ceil(items / (4 * processes)));
}

export function checkChunksize(op: string, size: number): void {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Pool.${op}: chunksize must be an integer >= 1, got ${size}`);
}

/** A task's error as the caller sees it: the worker's class, message and stack; its `cause` the worker's traceback. */
export function remoteError(e: ErrorData): Error {
  const err = reviveError(e, entryModule());
  if (e.tb !== undefined) Object.defineProperty(err, 'cause', { value: new RemoteTraceback(e.tb), writable: true, configurable: true });
  err.stack = `${e.name}: ${e.message}\n  (raised in a pool worker:)\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}
