/**
 * A `Pool` worker: connects to its pool, runs the initializer, then runs chunks of calls of
 * exported functions (looked up by name in the re-imported program) until told to stop, or until
 * `maxtasksperchild` tasks are done (the pool then starts a fresh worker).
 */
import * as net from 'node:net';
import { inspect } from 'node:util';
import { serialize } from 'node:v8';
import { entryModule } from '../entry-hooks.js';
import { runtime } from '../current.js';
import { errorData, MaybeEncodingError } from './shared/errors.js';
import { formatTraceback } from './remote-traceback.js';
import { transferCodec } from './transfer.js';
import { tracedTask } from './pool-trace.js';
import { packNumbers } from './pool-payload.js';
import { onPoolMessages, POOL_PROTOCOL_VERSION, sendPoolMessage, type ChunkResult, type PoolToWorker, type TaskChunk, type WorkerSetup } from './pool-protocol.js';

function lookup(name: string): (...args: unknown[]) => unknown {
  const fn = entryModule()?.[name];
  if (typeof fn !== 'function') {
    throw new Error(`Pool worker: ${runtime.env.program ?? 'the program'} does not export a function named '${name}'; write \`export function ${name}\``);
  }
  return fn as (...args: unknown[]) => unknown;
}

async function runChunk(chunk: TaskChunk): Promise<ChunkResult> {
  const t0 = performance.now();
  try {
    const fn = lookup(chunk.fn);
    const { star } = chunk;
    // Plain arrays may hold shared objects' handles; packed numbers cannot.
    const items = Array.isArray(chunk.items) ? (transferCodec().decode(chunk.items) as unknown[]) : chunk.items;
    const results: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const r = star ? fn(...(items[i] as unknown[])) : fn(items[i]);
      // Only await what needs it: a trivial synchronous function stays at full speed.
      results[i] = r instanceof Promise ? await r : r;
    }
    return { t: 'done', id: chunk.id, ms: performance.now() - t0, results: packNumbers(results) };
  } catch (err) {
    return { t: 'failed', id: chunk.id, ms: performance.now() - t0, error: { ...errorData(err), tb: formatTraceback(err) } };
  }
}

/**
 * Sends finished chunks. A result that cannot be serialised (a function, a socket) fails its own
 * task with MaybeEncodingError, as in Python, and the worker goes on; found only when the whole
 * batch fails, so good batches are serialised once.
 */
function sendResults(socket: net.Socket, results: ChunkResult[]): void {
  try {
    return sendPoolMessage(socket, { t: 'results', results });
  } catch {
    // find the culprits below
  }
  const sendable = results.map((r) => {
    try {
      serialize(r);
      return r;
    } catch (err) {
      const reason = (err as Error).message;
      const error = new MaybeEncodingError(`Error sending result: the result of a task cannot be sent back to the pool (${reason}). Return plain data (numbers, strings, arrays, objects, typed arrays).`);
      // Python's fields: what went wrong, and what could not be sent, as text.
      Object.assign(error, { exc: inspect(err), value: inspect(r.t === 'done' ? r.results : undefined) });
      return { t: 'failed' as const, id: r.id, ms: r.ms, error: errorData(error), item: r.item };
    }
  });
  sendPoolMessage(socket, { t: 'results', results: sendable });
}

/** How long a terminated worker waits for its trace to be written before it dies anyway. */
const TERM_FLUSH_MS = 500;

/**
 * A pool terminated once it has its results (`await using`, `terminate()`) kills its workers with
 * SIGTERM: the tasks' trace events the tracer still holds (it writes every 20 ms) reach the
 * launcher first, then the signal kills the worker as it would have (its exit code says SIGTERM).
 * Cheaper than a trace write beside every batch of results.
 */
function flushBeforeTerminate(): void {
  const onTerm = (): void => {
    process.removeListener('SIGTERM', onTerm);
    const die = (): void => void process.kill(process.pid, 'SIGTERM');
    setTimeout(die, TERM_FLUSH_MS);
    runtime.tracer.flush(die);
  };
  process.on('SIGTERM', onTerm);
}

/** Runs the worker loop; resolves with the exit code when the pool lets the worker go. */
export async function runPoolWorker(setup: WorkerSetup): Promise<number> {
  flushBeforeTerminate();
  if (setup.initializer) await lookup(setup.initializer)(...setup.initargs);
  const socket = net.connect(setup.socket);
  const connected = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  // The pool was terminated (or its process ended) before this worker got to it: nothing to do.
  if (!connected) return 0;
  socket.on('error', () => {});
  sendPoolMessage(socket, { t: 'worker', v: POOL_PROTOCOL_VERSION, worker: setup.worker });
  let tasks = 0;
  let finished: ChunkResult[] = [];
  const flush = (): void => {
    if (finished.length === 0) return;
    sendResults(socket, finished);
    finished = [];
  };
  // Results finished in one turn of the event loop leave in one frame.
  const deliver = (r: ChunkResult): void => {
    if (finished.push(r) === 1) setImmediate(flush);
  };
  return new Promise<number>((resolve) => {
    let queue = Promise.resolve();
    // The last results are written before the worker goes: its exit must not lose them.
    const leave = (): void => {
      flush();
      socket.end(() => resolve(0));
    };
    onPoolMessages<PoolToWorker>(socket, (msg) => {
      if (msg.t === 'shutdown') {
        queue = queue.then(leave);
        return;
      }
      for (const chunk of msg.chunks) {
        queue = queue.then(async () => {
          deliver(await tracedTask(chunk, () => runChunk(chunk)));
          // Python counts the tasks a worker takes off the queue; ours are chunks (one per apply).
          if (setup.maxtasks !== undefined && ++tasks >= setup.maxtasks) leave();
        });
      }
    });
    socket.on('close', () => resolve(0)); // the pool is gone: nothing more to do
  });
}
