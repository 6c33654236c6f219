/**
 * `await mp.Manager()`: shared dicts, lists and namespaces. Python runs a manager as a server
 * process; here the manager's objects live in the process that created it (which already serves
 * its other shared objects), and every access is an awaited call: `await d.set(k, v)`,
 * `await d.get(k)`, `await d.copy()`.
 */
import { registerAsyncResult } from '../../await-hint.js';
import { pyArgs } from '../py-args.js';
import { registerKind } from './base.js';
import { Barrier, Condition, Event } from './events.js';
import { BoundedSemaphore, Lock, RLock, Semaphore } from './locks.js';
import { DictProxy, NamespaceProxy } from './manager-dict.js';
import { ListProxy } from './manager-list.js';
import { PoolProxy } from './manager-pool.js';
import { SetProxy } from './manager-set.js';
import { Pool } from '../pool.js';
import { RemoteError, RuntimeError } from './errors.js';
import { checkRunning, type ManagerState } from './manager-state.js';
import { JoinableQueue, Queue } from './queues.js';
import { Array as SharedArray, Value, type LockOption } from './values.js';
import type { BarrierOptions, ConditionOptions, NoOptions, PoolOptions, QueueOptions, SemaphoreOptions } from '../options.js';

/** `new C(...args)` with the loose arguments a manager method forwards (C checks them as a direct call would). */
function make<T>(C: abstract new (...a: any[]) => T, args: unknown[]): T {
  return new (C as unknown as new (...a: unknown[]) => T)(...args);
}

export { DictProxy, NamespaceProxy, ListProxy, PoolProxy, SetProxy };

/** A manager's Lock is Python's threading.Lock: releasing it unlocked is a RuntimeError (not ValueError). */
class ManagerLock extends Lock {
  override async release(): Promise<void> {
    try {
      await super.release();
    } catch (e) {
      throw (e as Error)?.name === 'ValueError' ? new RuntimeError((e as Error).message) : e;
    }
  }
}

export class SyncManager {
  private readonly state: ManagerState = { running: true };

  private check(what: string): void {
    checkRunning(this.state, `Manager.${what}`);
  }

  dict(init: Record<string, unknown> | Iterable<[unknown, unknown]> = []): DictProxy {
    this.check('dict');
    return DictProxy.create(Symbol.iterator in Object(init) ? (init as Iterable<[unknown, unknown]>) : Object.entries(init), this.state);
  }

  list(init: Iterable<unknown> = []): ListProxy {
    this.check('list');
    return ListProxy.create(init, this.state);
  }

  Namespace(init: Record<string, unknown> = {}): NamespaceProxy {
    this.check('Namespace');
    return NamespaceProxy.create(Object.entries(init), this.state);
  }

  /** `mgr.Queue(maxsize?)` or `mgr.Queue({ maxsize })`. */
  Queue(maxsize?: number): Queue;
  Queue(options: QueueOptions): Queue;
  Queue(...args: unknown[]): Queue {
    return make(Queue, args);
  }
  /** `mgr.JoinableQueue(maxsize?)` or `mgr.JoinableQueue({ maxsize })`. */
  JoinableQueue(maxsize?: number): JoinableQueue;
  JoinableQueue(options: QueueOptions): JoinableQueue;
  JoinableQueue(...args: unknown[]): JoinableQueue {
    return make(JoinableQueue, args);
  }
  Lock(): Lock {
    const l = new ManagerLock();
    l._h = { ...l._h, kind: 'ManagerLock' }; // its proxies elsewhere are ManagerLocks too
    return l;
  }
  /**
   * Python's `mgr.set(iterable)`: a set living here (a plain object or Map gives its keys). Anything
   * else is a RemoteError, as Python's server reports the set() it could not make.
   */
  set(init: Iterable<unknown> | Record<string, unknown> = []): SetProxy {
    this.check('set');
    if (init instanceof Map) return SetProxy.create([...init.keys()], this.state);
    if (init !== null && typeof init === 'object' && !(Symbol.iterator in init)) return SetProxy.create(Object.keys(init), this.state);
    if (typeof (init as Iterable<unknown>)?.[Symbol.iterator] !== 'function') throw new RemoteError(`set(${JSON.stringify(init)}): TypeError: '${typeof init}' object is not iterable`);
    return SetProxy.create([...(init as Iterable<unknown>)], this.state);
  }
  /** Python's `mgr.Pool(...)`: a pool living here, whose proxy other processes may be given. */
  Pool(processes?: number | null, initializer?: ((...args: any[]) => unknown) | null, initargs?: readonly unknown[], maxtasksperchild?: number | null): PoolProxy;
  Pool(options: PoolOptions): PoolProxy;
  Pool(...args: unknown[]): PoolProxy {
    this.check('Pool');
    return PoolProxy.create(make(Pool, args), this.state);
  }
  /** Python's `manager.start()`: the objects are served by this process already; nothing to start. */
  async start(): Promise<void> {}
  /** `mgr.RLock()`: a reentrant lock. */
  RLock(options?: NoOptions): RLock;
  RLock(...args: unknown[]): RLock {
    return make(RLock, args);
  }
  /** `mgr.Semaphore(value?)` or `mgr.Semaphore({ value })`. */
  Semaphore(value?: number): Semaphore;
  Semaphore(options: SemaphoreOptions): Semaphore;
  Semaphore(...args: unknown[]): Semaphore {
    return make(Semaphore, args);
  }
  /** `mgr.BoundedSemaphore(value?)` or `mgr.BoundedSemaphore({ value })`. */
  BoundedSemaphore(value?: number): BoundedSemaphore;
  BoundedSemaphore(options: SemaphoreOptions): BoundedSemaphore;
  BoundedSemaphore(...args: unknown[]): BoundedSemaphore {
    return make(BoundedSemaphore, args);
  }
  /** `mgr.Event()`: a shared flag. */
  Event(options?: NoOptions): Event;
  Event(...args: unknown[]): Event {
    return make(Event, args);
  }
  /** `mgr.Condition(lock?)` or `mgr.Condition({ lock })`. */
  Condition(lock?: Lock | RLock | null): Condition;
  Condition(options: ConditionOptions): Condition;
  Condition(...args: unknown[]): Condition {
    return make(Condition, args);
  }
  /** `mgr.Barrier(parties, action?, timeout?)` or with `{ action, timeout }` after `parties`. */
  Barrier(parties: number, action?: (() => unknown) | null, timeout?: number | null): Barrier;
  Barrier(options: BarrierOptions): Barrier;
  Barrier(parties: number, options: Omit<BarrierOptions, 'parties'>): Barrier;
  Barrier(...args: unknown[]): Barrier {
    return make(Barrier, args);
  }
  /** Python's `mgr.Value(typecode, value, lock=True)`. */
  Value(typecode: string, value?: unknown, lock?: LockOption): Value {
    return new Value(typecode, value, lock);
  }
  Array(typecode: string, sizeOrInit: number | unknown[]): SharedArray {
    return new SharedArray(typecode, sizeOrInit);
  }

  /** Ends the manager: its dict/list/Namespace proxies fail from now on, in every process. */
  async shutdown(): Promise<void> {
    this.state.running = false;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}

export function Manager(options?: NoOptions): Promise<SyncManager>;
export async function Manager(...args: unknown[]): Promise<SyncManager> {
  pyArgs('Manager', args, []); // Python's `Manager()` takes no arguments: an unknown option is named
  return new SyncManager();
}

registerAsyncResult('mp.Manager()', 'mp.Manager()', SyncManager.prototype);
registerKind('DictProxy', DictProxy);
registerKind('ListProxy', ListProxy);
registerKind('NamespaceProxy', NamespaceProxy);
registerKind('ManagerLock', ManagerLock);
registerKind('SetProxy', SetProxy);
