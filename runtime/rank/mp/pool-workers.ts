/**
 * The worker processes behind one `mp.Pool`: starting them (and replacing those that exit), the
 * pool's own Unix socket they connect back on, dealing queued chunks out to them, failing the
 * tasks of a worker that dies, and telling the deadlock detector who holds work. What the caller
 * sees (map, imap, close, join) is pool.ts.
 */
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import { runtime } from '../current.js';
import { currentIdentity } from '../identity.js';
import { signalChild, spawnChild, waitForExit } from './children.js';
import { remoteError } from './pool-calls.js';
import { Dealer, type Chunk, type Worker } from './pool-dealer.js';
import { onPoolMessages, POOL_PROTOCOL_VERSION, sendPoolMessage, type TaskChunk, type WorkerSetup, type WorkerToPool } from './pool-protocol.js';
import { traceDealt, traceResult } from './pool-trace.js';
import { packForChild, TransferError } from './transfer.js';

export interface WorkerOptions {
  processes: number;
  /** Exported names and arguments, as the workers look them up. */
  initializer: string | undefined;
  initargs: unknown[];
  maxtasks: number | undefined;
  /** The pool's name in trace events (`<pid>:pool-<n>`). */
  key: string;
  /** The pool's number in this process, for its socket's name. */
  n: number;
}

let workersStarted = 0;

export class PoolWorkers {
  state: 'running' | 'closed' | 'terminated' = 'running';
  /** Chunks no worker holds yet, oldest first. */
  private readonly queue: Chunk[] = [];
  private readonly socketPath: string;
  private readonly server: net.Server;
  private readonly workers = new Map<number, Worker>();
  private nextWorker = 0;
  private readonly exits: Promise<unknown>[] = [];
  /** Settle when each worker (replacements too) has been started. */
  private readonly starts = new Map<number, Promise<unknown>>();
  private readonly dealer = new Dealer();
  /** What the launcher last heard of this pool's workers. */
  private toldTasks = '';
  private dispatchQueued = false;

  constructor(private readonly o: WorkerOptions) {
    const dir = currentIdentity().jobDir ?? os.tmpdir();
    this.socketPath = path.join(dir, `pool-${process.pid}-${o.n}.sock`);
    this.server = net.createServer((s) => this.accept(s));
    this.server.listen(this.socketPath);
    this.server.unref();
    for (let i = 0; i < o.processes; i++) this.startWorker();
  }

  /** Queues a chunk; it is dealt out once this turn of the event loop is over (or at `dispatch`). */
  enqueue(chunk: Chunk): void {
    this.queue.push(chunk);
    this.scheduleDispatch();
  }

  /** No more work comes; workers exit once the queue is done. */
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

  /** Settles once every worker has exited (replacements started while closing too); closes the socket. */
  async allExited(): Promise<void> {
    for (let seen = 0; seen < this.exits.length; ) {
      seen = this.exits.length;
      await Promise.all(this.exits);
    }
    this.server.close();
  }

  /** The workers now, once each has been started: their pids, and whether each still runs. */
  async current(): Promise<{ pid: number | null; isAlive(): boolean }[]> {
    await Promise.all(this.starts.values());
    return [...this.workers.values()].map((w) => ({ pid: w.pid ?? null, isAlive: () => this.workers.has(this.idOf(w)) }));
  }

  private idOf(w: Worker): number {
    for (const [id, x] of this.workers) if (x === w) return id;
    return -1;
  }

  /** One dispatch per turn of the event loop, however many tasks were submitted in it. */
  private scheduleDispatch(): void {
    if (this.dispatchQueued) return;
    this.dispatchQueued = true;
    process.nextTick(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  /** Deals queued chunks to the workers that may take them now. */
  dispatch(): void {
    const batches = this.dealer.deal(this.queue, this.workers.values());
    // The launcher hears a worker is busy before the worker can start (and perhaps block).
    this.tellDetector();
    for (const [w, chunks] of batches) {
      for (const c of chunks) traceDealt(this.o.key, c);
      this.send(w.socket!, chunks);
    }
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
    runtime.tracer.poolTasks(this.o.key, workers, busy);
  }

  private startWorker(): void {
    const worker: Worker = { index: undefined, socket: undefined, inFlight: new Map(), tasks: 0, budget: this.o.maxtasks };
    const id = this.nextWorker++;
    this.workers.set(id, worker);
    const { initializer, initargs, maxtasks } = this.o;
    const setup: WorkerSetup = { socket: this.socketPath, worker: id, initializer, initargs, maxtasks };
    const spawned = spawnChild(`SpawnPoolWorker-${++workersStarted}`, true, { kind: 'pool-worker', name: this.socketPath }, packForChild('mp.Pool initargs', { args: [setup], fields: {}, identity: [] }));
    this.starts.set(id, spawned.catch(() => {}));
    this.exits.push(spawned.then(async ({ index, pid }) => {
      worker.index = index;
      worker.pid = pid;
      this.tellDetector();
      const exit = await waitForExit(index);
      this.workerGone(id, worker, exit.code, exit.signal);
    }));
  }

  private accept(socket: net.Socket): void {
    // Workers are daemonic (as Python's): an idle pool's sockets do not keep this process alive;
    // work in flight does (Pool.submit holds the process until each task settles).
    socket.unref();
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
        traceResult(this.o.key, c.msg, r);
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
    this.starts.delete(id);
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
