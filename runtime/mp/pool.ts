/**
 * `mp.Pool`: worker processes that run exported functions on chunks of inputs. Chunks are sent
 * over the pool's own Unix socket (not through the launcher) with many chunks in flight per
 * worker, and results come back in order. A worker that dies fails the tasks it held, instead of
 * hanging the pool as Python's does.
 */
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import { parseArgs } from '../mpi/args.js';
import { traced } from '../mpi/traced.js';
import { captureCallSite } from '../rank/call-site.js';
import { runtime } from '../rank/current.js';
import { currentIdentity } from '../rank/identity.js';
import { hold, release } from '../rank/liveness.js';
import { AsyncResult } from './async-result.js';
import { signalChild, spawnChild, waitForExit } from './children.js';
import { context } from './context.js';
import { checkChunksize, defaultChunksize, exportedName, remoteError } from './pool-calls.js';
import { Dealer, type Chunk, type Worker } from './pool-dealer.js';
import { packNumbers, unpackInto, type Payload } from './pool-payload.js';
import { onPoolMessages, POOL_PROTOCOL_VERSION, sendPoolMessage, type TaskChunk, type WorkerSetup, type WorkerToPool } from './pool-protocol.js';
import { packForChild, transferCodec, TransferError } from './transfer.js';

type Fn = (...args: any[]) => unknown;

let pools = 0;
let workersStarted = 0;

export class Pool {
  readonly processes: number;
  private readonly initializer: string | undefined;
  private readonly initargs: unknown[];
  private readonly maxtasks: number | undefined;
  private readonly socketPath: string;
  private readonly server: net.Server;
  private readonly workers = new Map<number, Worker>();
  private nextWorker = 0;
  private readonly queue: Chunk[] = [];
  private nextChunk = 1;
  private state: 'running' | 'closed' | 'terminated' = 'running';
  private exits: Promise<unknown>[] = [];
  private readonly dealer = new Dealer();
  /** This pool's name in trace events (`<pid>:pool-<n>`), and what the launcher last heard of it. */
  private readonly key: string;
  private toldTasks = '';

  constructor(...args: unknown[]) {
    if (!context.mayCreateProcesses()) throw new Error('mp.Pool: create pools inside mp.main(async () => { … }), like processes');
    const a = parseArgs('Pool', args, 0, ['processes', 'initializer', 'initargs', 'maxtasksperchild']);
    this.processes = (a.processes as number | undefined) ?? os.availableParallelism();
    if (!Number.isInteger(this.processes) || this.processes < 1) throw new RangeError(`mp.Pool: processes must be an integer >= 1, got ${String(a.processes)}`);
    this.initializer = a.initializer === undefined ? undefined : exportedName('Pool initializer', a.initializer);
    this.initargs = (a.initargs as unknown[] | undefined) ?? [];
    this.maxtasks = a.maxtasksperchild as number | undefined;
    const dir = currentIdentity().jobDir ?? os.tmpdir();
    const n = ++pools;
    this.socketPath = path.join(dir, `pool-${process.pid}-${n}.sock`);
    this.key = `${process.pid}:pool-${n}`;
    this.server = net.createServer((s) => this.accept(s));
    this.server.listen(this.socketPath);
    this.server.unref();
    for (let i = 0; i < this.processes; i++) this.startWorker();
  }

  async apply(fn: Fn, args: unknown[] = []): Promise<any> {
    return this.applyAsync(fn, args).get();
  }

  applyAsync(fn: Fn, args: unknown[] = [], callback?: (v: any) => void, errorCallback?: (e: unknown) => void): AsyncResult<any> {
    return new AsyncResult(this.submit('applyAsync', fn, [args], true).then((r) => r[0]), callback, errorCallback, this.key);
  }

  async map(fn: Fn, iterable: Iterable<unknown>, chunksize?: number): Promise<any[]> {
    return this.waitingFor('Pool.map', this.mapped(fn, iterable, chunksize));
  }

  mapAsync(fn: Fn, iterable: Iterable<unknown>, chunksize?: number, callback?: (v: any[]) => void, errorCallback?: (e: unknown) => void): AsyncResult<any[]> {
    return new AsyncResult(this.mapped(fn, iterable, chunksize), callback, errorCallback, this.key);
  }

  async starmap(fn: Fn, iterable: Iterable<unknown[]>, chunksize?: number): Promise<any[]> {
    return this.waitingFor('Pool.starmap', this.starmapped(fn, iterable, chunksize));
  }

  starmapAsync(fn: Fn, iterable: Iterable<unknown[]>, chunksize?: number): AsyncResult<any[]> {
    return new AsyncResult(this.starmapped(fn, iterable, chunksize), undefined, undefined, this.key);
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

  /** Results in input order, each as soon as it (and those before it) are done. */
  async *imap(fn: Fn, iterable: Iterable<unknown>, chunksize = 1): AsyncGenerator<any> {
    const chunks = this.chunked('imap', fn, Array.from(iterable), false, chunksize).map(tracked);
    for (const c of chunks) for (const r of await this.whenReady('Pool.imap', c)) yield r;
  }

  /** Results in completion order. */
  async *imapUnordered(fn: Fn, iterable: Iterable<unknown>, chunksize = 1): AsyncGenerator<any> {
    const pending = new Map(this.chunked('imapUnordered', fn, Array.from(iterable), false, chunksize).map((p, i) => [i, tracked(p.then((r) => [i, r] as const))]));
    while (pending.size > 0) {
      const ready = [...pending.values()].find((t) => t.done);
      const [i, results] = await (ready?.p ?? this.waitingFor('Pool.imapUnordered', Promise.race([...pending.values()].map((t) => t.p))));
      pending.delete(i);
      yield* results;
    }
  }

  /** No more work may be submitted; workers exit once the queue is done. */
  close(): void {
    if (this.state === 'running') this.state = 'closed';
    this.releaseIdleWorkers();
  }

  /** Stops the workers now; unfinished tasks fail. */
  terminate(): void {
    this.state = 'terminated';
    for (const w of this.workers.values()) if (w.index !== undefined) signalChild(w.index, 'SIGTERM');
    const err = new Error('Pool was terminated before the task finished');
    for (const c of this.queue.splice(0)) c.reject(err);
    for (const w of this.workers.values()) for (const c of w.inFlight.values()) c.reject(err);
    this.server.close();
  }

  /** Waits for the workers to exit; call close() or terminate() first. */
  async join(): Promise<void> {
    if (this.state === 'running') throw new Error('Pool.join: call close() or terminate() first');
    // Traced as a wait on the pool: a task that never ends (waiting on the caller) is a deadlock.
    await this.waitingFor('Pool.join', this.allExited());
    this.server.close();
  }

  /** Workers replaced while closing add their own exits; settles once none is left. */
  private async allExited(): Promise<void> {
    for (let seen = 0; seen < this.exits.length; ) {
      seen = this.exits.length;
      await Promise.all(this.exits);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
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
    this.dispatch(); // now: the caller may have more to do before its next await
    return parts;
  }

  private submit(op: string, fn: Fn, items: Payload, star: boolean): Promise<Payload> {
    if (this.state !== 'running') return Promise.reject(new Error(`Pool.${op}: the pool is ${this.state}; submit work before close()/terminate()`));
    const name = exportedName(`Pool.${op}`, fn);
    // Work in flight keeps this process alive, however the caller awaits it (get, imap, callbacks).
    hold();
    const done = new Promise<Payload>((resolve, reject) => {
      // Shared objects among the arguments (a Lock, a Queue…) travel as handles, as to a Process.
      const sent = Array.isArray(items) ? (transferCodec().encode(items) as unknown[]) : items;
      this.queue.push({ msg: { id: this.nextChunk++, fn: name, items: sent, star }, op, resolve, reject });
      this.scheduleDispatch();
    });
    done.then(release, release);
    return done;
  }

  private dispatchQueued = false;

  /** One dispatch per turn of the event loop, however many tasks were submitted in it. */
  private scheduleDispatch(): void {
    if (this.dispatchQueued) return;
    this.dispatchQueued = true;
    process.nextTick(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    const batches = this.dealer.deal(this.queue, this.workers.values());
    // The launcher hears a worker is busy before the worker can start (and perhaps block).
    this.tellDetector();
    for (const [w, chunks] of batches) this.send(w.socket!, chunks);
    this.releaseIdleWorkers();
  }

  /**
   * Sends chunks to a worker. A chunk that cannot be cloned (a function or a socket among the
   * arguments) fails its task with a message that says so; the others go on. Found only when the
   * whole batch fails, so good batches are serialised once.
   */
  private send(socket: net.Socket, chunks: TaskChunk[]): void {
    try {
      sendPoolMessage(socket, { t: 'batch', chunks });
      return;
    } catch {
      // find the culprits below
    }
    const good = chunks.filter((c) => {
      try {
        serialize(c);
        return true;
      } catch (err) {
        this.failUnsendable(c, err as Error);
        return false;
      }
    });
    if (good.length > 0) sendPoolMessage(socket, { t: 'batch', chunks: good });
  }

  private failUnsendable(msg: TaskChunk, err: Error): void {
    for (const w of this.workers.values()) {
      const c = w.inFlight.get(msg.id);
      if (!c) continue;
      w.inFlight.delete(msg.id);
      w.tasks -= msg.items.length;
      c.reject(new TransferError(`Pool.${c.op ?? 'map'}: the arguments of ${msg.fn}() cannot be sent to a worker process (${err.message}). Pass plain data (numbers, strings, arrays, objects, typed arrays) or shared objects (Queue, Lock, Value, Manager proxies); functions and sockets cannot cross processes.`));
    }
    this.tellDetector();
  }

  /** Tells the deadlock detector which workers wait for work and which hold tasks, when that changes. */
  private tellDetector(): void {
    const connected = [...this.workers.values()].filter((w) => w.socket && w.index !== undefined);
    const workers = connected.map((w) => w.index!);
    const busy = connected.filter((w) => w.inFlight.size > 0).map((w) => w.index!);
    const told = `${workers}|${busy}`;
    if (told === this.toldTasks) return;
    this.toldTasks = told;
    runtime.tracer.poolTasks(this.key, workers, busy);
  }

  private startWorker(): void {
    const worker: Worker = { index: undefined, socket: undefined, inFlight: new Map(), tasks: 0 };
    const id = this.nextWorker++;
    this.workers.set(id, worker);
    const setup: WorkerSetup = { socket: this.socketPath, worker: id, initializer: this.initializer, initargs: this.initargs, maxtasks: this.maxtasks };
    const spawned = spawnChild(`SpawnPoolWorker-${++workersStarted}`, true, { kind: 'pool-worker', name: this.socketPath }, packForChild('mp.Pool initargs', { args: [setup], fields: {}, identity: [] }));
    this.exits.push(spawned.then(async ({ index }) => {
      worker.index = index;
      this.tellDetector();
      const exit = await waitForExit(index);
      this.workerGone(id, worker, exit.code, exit.signal);
    }));
  }

  private accept(socket: net.Socket): void {
    socket.on('error', () => {});
    let worker: Worker | undefined;
    onPoolMessages<WorkerToPool>(socket, (msg) => {
      if (msg.t === 'worker') {
        if (msg.v !== POOL_PROTOCOL_VERSION) return;
        worker = this.workers.get(msg.worker);
        if (!worker) return;
        worker.socket = socket;
        this.dispatch();
        return;
      }
      for (const r of msg.results) {
        const c = worker?.inFlight.get(r.id);
        if (!worker || !c) continue;
        this.dealer.finished(worker, c, r.ms);
        if (r.t === 'done') c.resolve(r.results);
        else c.reject(remoteError(r.error));
      }
      this.dispatch();
    });
  }

  private workerGone(id: number, worker: Worker, code: number | null, signal: string | null): void {
    worker.socket = undefined;
    if (worker.inFlight.size > 0 && this.state !== 'terminated') {
      const why = new Error(`a Pool worker process died (${signal ? `killed by ${signal}` : `exit code ${code}`}) while running ${[...worker.inFlight.values()][0].msg.fn}(); its tasks failed`);
      for (const c of worker.inFlight.values()) c.reject(why);
    }
    this.workers.delete(id);
    this.tellDetector();
    // Replace it (maxtasksperchild, or a crash) while work may still come.
    if (this.state === 'running' || (this.state === 'closed' && this.queue.length > 0)) this.startWorker();
  }

  /** Tells idle workers of a closed pool to exit. */
  private releaseIdleWorkers(): void {
    if (this.state !== 'closed' || this.queue.length > 0) return;
    for (const w of this.workers.values()) if (w.socket && w.inFlight.size === 0) sendPoolMessage(w.socket, { t: 'shutdown' });
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
