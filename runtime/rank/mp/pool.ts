/**
 * `mp.Pool`: worker processes that run exported functions on chunks of inputs. Chunks are sent
 * over the pool's own Unix socket (not through the launcher) with many chunks in flight per
 * worker, and results come back in order. A worker that dies fails the tasks it held, instead of
 * hanging the pool as Python's does.
 */
import * as os from 'node:os';
import { isPlainObject } from '../mpi/args.js';
import { pyArgs } from './py-args.js';
import { traced } from '../mpi/traced.js';
import { captureCallSite } from '../call-site.js';
import { runtime } from '../current.js';
import { hold, release } from '../liveness.js';
import { AsyncResult } from './async-result.js';
import { context } from './context.js';
import { checkChunksize, defaultChunksize, exportedName } from './pool-calls.js';
import { packNumbers, unpackInto, type Payload } from './pool-payload.js';
import { PoolWorkers } from './pool-workers.js';
import { ValueError } from './shared/errors.js';
import { transferCodec } from './transfer.js';
import type { ApplyAsyncOptions, ApplyOptions, MapAsyncOptions, MapOptions, PoolOptions } from './options.js';

type Fn = (...args: any[]) => unknown;

let pools = 0;
/** Chunks an imap keeps submitted per worker ahead of its consumer. */
const AHEAD_PER_WORKER = 4;

export class Pool {
  readonly processes: number;
  private readonly workers: PoolWorkers;
  private nextChunk = 1;
  /** This pool's name in trace events (`<pid>:pool-<n>`). */
  private readonly key: string;

  constructor(processes?: number | null, initializer?: ((...args: any[]) => unknown) | null, initargs?: readonly unknown[], maxtasksperchild?: number | null, context?: unknown);
  constructor(options: PoolOptions);
  constructor(processes: number | null | undefined, options: Omit<PoolOptions, 'processes'>);
  constructor(...args: unknown[]) {
    if (!context.mayCreateProcesses()) throw new Error('mp.Pool: create pools inside mp.main(async () => { … }), like processes');
    // `context` (Python's start-method context) is accepted; every child here starts as spawn does.
    const a = pyArgs('Pool', args, ['processes', 'initializer', 'initargs', 'maxtasksperchild', 'context']);
    this.processes = (a.processes as number | undefined) ?? os.availableParallelism();
    if (!Number.isInteger(this.processes) || this.processes < 1) throw new ValueError(`mp.Pool: processes must be an integer >= 1, got ${String(a.processes)}`);
    const maxtasks = a.maxtasksperchild ?? undefined;
    // Python: "maxtasksperchild must be a positive int or None" (0, -1, 0.5 and "12" are refused).
    if (maxtasks !== undefined && (!Number.isInteger(maxtasks) || (maxtasks as number) <= 0)) {
      throw new ValueError(`mp.Pool: maxtasksperchild must be a positive integer or null, got ${JSON.stringify(maxtasks)}`);
    }
    const initializer = a.initializer === undefined ? undefined : exportedName('Pool initializer', a.initializer);
    const n = ++pools;
    this.key = `${process.pid}:pool-${n}`;
    const initargs = (a.initargs as unknown[] | undefined) ?? [];
    this.workers = new PoolWorkers({ processes: this.processes, initializer, initargs, maxtasks: maxtasks as number | undefined, key: this.key, n });
  }

  /** Python's `apply(func, args=(), kwds={})`; `kwds` reaches `fn` as one last argument. */
  apply<R = any>(fn: (...args: any[]) => R, args?: readonly unknown[], kwds?: Record<string, unknown>): Promise<Awaited<R>>;
  apply<R = any>(fn: (...args: any[]) => R, options: ApplyOptions): Promise<Awaited<R>>;
  async apply(fn: Fn, ...rest: unknown[]): Promise<any> {
    // `apply(fn, [3], { k: 10 })` is Python's `apply(fn, (3,), {'k': 10})`: after positional args a
    // plain object is kwds, unless it is the options form (only `kwds` in it).
    const positionalKwds = rest.length === 2 && Array.isArray(rest[0]) && isPlainObject(rest[1]) && Object.keys(rest[1] as object).some((k) => k !== 'kwds');
    const a = positionalKwds ? { args: rest[0], kwds: rest[1] } : pyArgs('Pool.apply', rest, ['args', 'kwds']);
    return this.applyAsync(fn, { args: a.args, kwds: a.kwds } as ApplyOptions).get();
  }

  /**
   * Python's `apply_async(func, args=(), kwds={}, callback=None, error_callback=None)`; positionally
   * `(fn, args, callback, errorCallback)`, with `kwds` (and the rest) in the options object.
   */
  applyAsync<R = any>(fn: (...args: any[]) => R, args?: readonly unknown[], callback?: ((result: Awaited<R>) => void) | null, errorCallback?: ((err: any) => void) | null): AsyncResult<Awaited<R>>;
  applyAsync<R = any>(fn: (...args: any[]) => R, options: ApplyAsyncOptions<Awaited<R>>): AsyncResult<Awaited<R>>;
  applyAsync<R = any>(fn: (...args: any[]) => R, args: readonly unknown[], options: Omit<ApplyAsyncOptions<Awaited<R>>, 'args'>): AsyncResult<Awaited<R>>;
  applyAsync(fn: Fn, ...rest: unknown[]): AsyncResult<any> {
    this.checkRunning('applyAsync');
    const a = pyArgs('Pool.applyAsync', rest, ['args', 'callback', 'errorCallback'], 0, ['kwds', 'error_callback']);
    const args = (a.args as unknown[] | undefined) ?? [];
    if (!Array.isArray(args)) throw new TypeError(`Pool.applyAsync: args must be an array, got ${typeof args}`);
    const call = a.kwds === undefined ? args : [...args, a.kwds];
    const onError = (a.errorCallback ?? a.error_callback) as ((e: unknown) => void) | undefined;
    return new AsyncResult(this.submit('applyAsync', fn, [call], true).then((r) => r[0]), a.callback as ((v: any) => void) | undefined, onError, this.key);
  }

  /** Python's `map(func, iterable, chunksize=None)`. */
  map<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, chunksize?: number | null): Promise<Awaited<R>[]>;
  map<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, options: MapOptions): Promise<Awaited<R>[]>;
  async map(fn: Fn, iterable: Iterable<unknown>, ...rest: unknown[]): Promise<any[]> {
    const { chunksize } = pyArgs('Pool.map', rest, ['chunksize']);
    return this.waitingFor('Pool.map', this.mapped(fn, iterable, chunksize as number | undefined));
  }

  /** Python's `map_async(func, iterable, chunksize=None, callback=None, error_callback=None)`. */
  mapAsync<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, chunksize?: number | null, callback?: ((results: Awaited<R>[]) => void) | null, errorCallback?: ((err: any) => void) | null): AsyncResult<Awaited<R>[]>;
  mapAsync<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, options: MapAsyncOptions<Awaited<R>>): AsyncResult<Awaited<R>[]>;
  mapAsync(fn: Fn, iterable: Iterable<unknown>, ...rest: unknown[]): AsyncResult<any[]> {
    this.checkRunning('mapAsync');
    const a = pyArgs('Pool.mapAsync', rest, ['chunksize', 'callback', 'errorCallback'], 0, ['error_callback']);
    const onError = (a.errorCallback ?? a.error_callback) as ((e: unknown) => void) | undefined;
    return new AsyncResult(this.mapped(fn, iterable, a.chunksize as number | undefined), a.callback as ((v: any[]) => void) | undefined, onError, this.key);
  }

  /** Python's `starmap(func, iterable, chunksize=None)`. */
  starmap<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, chunksize?: number | null): Promise<Awaited<R>[]>;
  starmap<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, options: MapOptions): Promise<Awaited<R>[]>;
  async starmap(fn: Fn, iterable: Iterable<unknown[]>, ...rest: unknown[]): Promise<any[]> {
    const { chunksize } = pyArgs('Pool.starmap', rest, ['chunksize']);
    return this.waitingFor('Pool.starmap', this.starmapped(fn, iterable, chunksize as number | undefined));
  }

  /** Python's `starmap_async(func, iterable, chunksize=None, callback=None, error_callback=None)`. */
  starmapAsync<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, chunksize?: number | null, callback?: ((results: Awaited<R>[]) => void) | null, errorCallback?: ((err: any) => void) | null): AsyncResult<Awaited<R>[]>;
  starmapAsync<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, options: MapAsyncOptions<Awaited<R>>): AsyncResult<Awaited<R>[]>;
  starmapAsync(fn: Fn, iterable: Iterable<unknown[]>, ...rest: unknown[]): AsyncResult<any[]> {
    this.checkRunning('starmapAsync');
    const a = pyArgs('Pool.starmapAsync', rest, ['chunksize', 'callback', 'errorCallback'], 0, ['error_callback']);
    const onError = (a.errorCallback ?? a.error_callback) as ((e: unknown) => void) | undefined;
    return new AsyncResult(this.starmapped(fn, iterable, a.chunksize as number | undefined), a.callback as ((v: any[]) => void) | undefined, onError, this.key);
  }

  private async mapped(fn: Fn, iterable: Iterable<unknown>, chunksize?: number): Promise<any[]> {
    // An array is chunked as it is (before this returns), so copying it first would only cost time.
    return this.runChunked('map', fn, Array.isArray(iterable) ? iterable : Array.from(iterable), false, chunksize);
  }

  private async starmapped(fn: Fn, iterable: Iterable<unknown[]>, chunksize?: number): Promise<any[]> {
    return this.runChunked('starmap', fn, Array.from(iterable, (x) => Array.from(x)), true, chunksize);
  }

  /** Waits for a chunk of an imap; only a wait that blocks is traced (most are over at once). */
  private whenReady<T>(op: string, t: Tracked<T>): Promise<T> {
    return t.done ? t.p : this.waitingFor(op, t.p);
  }

  /** A call the caller waits in, traced so the diagram and the deadlock detector see it. */
  private waitingFor<T>(op: string, work: Promise<T>): Promise<T> {
    return traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.key, wait: { type: 'pool', obj: this.key }, site: captureCallSite() }, work);
  }

  /**
   * Results in input order, each as soon as it (and those before it) are done. The iterable is
   * read lazily, a few chunks per worker ahead of the consumer, so an endless generator works and
   * a consumer that stops early stops the reading.
   */
  imap<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, chunksize?: number | null): AsyncGenerator<Awaited<R>>;
  imap<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, options: MapOptions): AsyncGenerator<Awaited<R>>;
  async *imap(fn: Fn, iterable: Iterable<unknown>, ...rest: unknown[]): AsyncGenerator<any> {
    const feed = this.feeder('imap', fn, iterable, rest);
    const queue: Tracked<Payload>[] = [];
    const fill = (): void => {
      for (let c = feed.next(); c; c = feed.next()) queue.push(c);
    };
    fill();
    for (let c = queue.shift(); c; c = queue.shift()) {
      const results = await this.whenReady('Pool.imap', c);
      fill();
      yield* results;
    }
  }

  /** Results in completion order; the iterable is read lazily, as by imap. */
  imapUnordered<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, chunksize?: number | null): AsyncGenerator<Awaited<R>>;
  imapUnordered<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, options: MapOptions): AsyncGenerator<Awaited<R>>;
  async *imapUnordered(fn: Fn, iterable: Iterable<unknown>, ...rest: unknown[]): AsyncGenerator<any> {
    const feed = this.feeder('imapUnordered', fn, iterable, rest);
    const pending = new Set<Tracked<Payload>>();
    for (let c = feed.next(); c; c = feed.next()) pending.add(c);
    while (pending.size > 0) {
      const ready = [...pending].find((t) => t.done) ?? (await this.waitingFor('Pool.imapUnordered', Promise.race([...pending].map((t) => t.p.then(() => t, () => t)))));
      pending.delete(ready);
      for (let c = feed.next(); c; c = feed.next()) pending.add(c);
      yield* await ready.p;
    }
  }

  /**
   * Submits an imap's chunks as the consumer takes results: `next()` gives the next submitted
   * chunk while fewer than AHEAD_PER_WORKER × processes are outstanding, undefined otherwise (or
   * at the end of the iterable).
   */
  private feeder(op: string, fn: Fn, iterable: Iterable<unknown>, rest: unknown[]): { next(): Tracked<Payload> | undefined } {
    const { chunksize = 1 } = pyArgs(`Pool.${op}`, rest, ['chunksize']);
    checkChunksize(op, chunksize as number);
    const it = iterable[Symbol.iterator]();
    const limit = AHEAD_PER_WORKER * this.processes;
    let outstanding = 0;
    let ended = false;
    return {
      next: () => {
        if (ended || outstanding >= limit) return undefined;
        const items: unknown[] = [];
        try {
          for (let r = it.next(); !r.done; r = items.length < (chunksize as number) ? it.next() : { done: true, value: undefined }) items.push(r.value);
        } catch (err) {
          // Python: the iterable's error comes out of the results where its chunk's would have
          // (after every whole chunk before it); the items of the unfinished chunk are dropped.
          ended = true;
          return tracked(Promise.reject(err));
        }
        if (items.length === 0) {
          ended = true;
          return undefined;
        }
        outstanding++;
        const t = tracked(this.submit(op, fn, packNumbers(items, 0, items.length), false));
        t.p.then(() => outstanding--, () => outstanding--);
        this.workers.dispatch();
        return t;
      },
    };
  }

  /** No more work may be submitted; workers exit once the queue is done. */
  close(): void {
    this.workers.close();
  }

  /** Python's repr: `<multiprocessing.pool.Pool state=RUN pool_size=4>` (RUN, CLOSE or TERMINATE). */
  toString(): string {
    const state = { running: 'RUN', closed: 'CLOSE', terminated: 'TERMINATE' }[this.workers.state];
    return `<multiprocessing.pool.Pool state=${state} pool_size=${this.processes}>`;
  }

  /** Stops the workers now; unfinished tasks fail. */
  terminate(): void {
    this.workers.terminate();
  }

  /** Waits for the workers to exit; call close() or terminate() first. */
  async join(): Promise<void> {
    if (this.workers.state === 'running') throw new ValueError('Pool.join: Pool is still running; call close() or terminate() first');
    // Traced as a wait on the pool: a task that never ends (waiting on the caller) is a deadlock.
    await this.waitingFor('Pool.join', this.workers.allExited());
  }

  /**
   * Python's `__enter__`, for `await using p = pool.enter()` on a pool made earlier: the pool
   * itself, or a ValueError once it is closed or terminated. (`await using p = new mp.Pool(…)`
   * needs no enter(): a new pool runs.)
   */
  enter(): this {
    this.checkRunning('enter');
    return this;
  }

  /** The end of an `await using` block: terminate(), as Python's `__exit__`, then join(). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
  }

  /**
   * Python's `pool._pool`, which CPython's tests read: the worker processes now (each once started),
   * with `pid` and `isAlive()`. Workers that exit (`maxtasksperchild`) are replaced by new ones.
   */
  _pool(): Promise<{ pid: number | null; isAlive(): boolean }[]> {
    return this.workers.current();
  }

  /** Python's `pool._repopulate_pool()`: workers that exited are replaced already; resolves once every one has started. */
  async _repopulate_pool(): Promise<void> {
    await this.workers.current();
  }

  /** All results in one array, each chunk's copied to its place as it arrives. */
  private runChunked(op: string, fn: Fn, items: unknown[], star: boolean, chunksize?: number): Promise<unknown[]> {
    const size = chunksize ?? defaultChunksize(items.length, this.processes);
    const parts = this.chunked(op, fn, items, star, size);
    // Allocated once the first chunks have left, so the workers start on them meanwhile.
    const out = new Array<unknown>(items.length);
    const placed = parts.map((part, k) => part.then((r) => unpackInto(out, k * size, r)));
    return Promise.all(placed).then(() => out);
  }

  private chunked(op: string, fn: Fn, items: unknown[], star: boolean, size: number): Promise<Payload>[] {
    checkChunksize(op, size);
    const parts: Promise<Payload>[] = [];
    for (let i = 0; i < items.length; i += size) parts.push(this.submit(op, fn, star ? items.slice(i, i + size) : packNumbers(items, i, i + size), star));
    this.workers.dispatch(); // now: the caller may have more to do before its next await
    return parts;
  }

  /** Python's `_check_running`: a ValueError once the pool is closed or terminated. */
  private checkRunning(op: string): void {
    const state = this.workers.state;
    if (state !== 'running') throw new ValueError(`Pool.${op}: Pool not running: the pool is ${state}; submit work before close()/terminate()`);
  }

  private submit(op: string, fn: Fn, items: Payload, star: boolean): Promise<Payload> {
    try {
      this.checkRunning(op);
    } catch (err) {
      return Promise.reject(err);
    }
    const name = exportedName(`Pool.${op}`, fn);
    // Work in flight keeps this process alive, however the caller awaits it (get, imap, callbacks).
    hold();
    const done = new Promise<Payload>((resolve, reject) => {
      // Shared objects among the arguments (a Lock, a Queue…) travel as handles, as to a Process.
      const sent = Array.isArray(items) ? (transferCodec().encode(items) as unknown[]) : items;
      this.workers.enqueue({ msg: { id: this.nextChunk++, fn: name, items: sent, star }, op, resolve, reject });
    });
    done.then(release, release);
    return done;
  }
}

/** A promise that knows whether it has settled, so waiting on a settled one need not be traced. */
interface Tracked<T> {
  p: Promise<T>;
  done: boolean;
}

function tracked<T>(p: Promise<T>): Tracked<T> {
  const t: Tracked<T> = { p, done: false };
  const settle = (): void => {
    t.done = true;
  };
  p.then(settle, settle);
  return t;
}
