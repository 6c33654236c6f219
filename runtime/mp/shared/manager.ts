/**
 * `await mp.Manager()`: shared dicts, lists and namespaces. Python runs a manager as a server
 * process; here the manager's objects live in the process that created it (which already serves
 * its other shared objects), and every access is an awaited call: `await d.set(k, v)`,
 * `await d.get(k)`, `await d.copy()`.
 */
import { registerAsyncResult } from '../../rank/await-hint.js';
import { registerKind, SharedObject } from './base.js';
import { ValueError } from './errors.js';
import { Barrier, Condition, Event } from './events.js';
import { BoundedSemaphore, Lock, RLock, Semaphore } from './locks.js';
import { JoinableQueue, Queue } from './queues.js';
import type { ObjectImpl } from './registry.js';
import { Array as SharedArray, Value } from './values.js';

/** Shared by a manager and its proxies' state: after shutdown() every proxy call fails. */
interface ManagerState {
  running: boolean;
}

function checkRunning(m: ManagerState, what: string): void {
  if (!m.running) throw new ValueError(`${what}: the manager was shut down; call mgr.shutdown() only after every process is done with its proxies`);
}

class DictImpl implements ObjectImpl {
  readonly map: Map<unknown, unknown>;
  constructor(init: Iterable<[unknown, unknown]>, private readonly m: ManagerState) {
    this.map = new Map(init);
  }
  handle(method: string, args: unknown[]): unknown {
    checkRunning(this.m, `dict proxy ${method}()`);
    const [k, v] = args;
    switch (method) {
      case 'get':
        return this.map.has(k) ? this.map.get(k) : v;
      case 'set':
        this.map.set(k, v);
        return undefined;
      case 'delete':
        return this.map.delete(k);
      case 'has':
        return this.map.has(k);
      case 'length':
        return this.map.size;
      case 'keys':
        return [...this.map.keys()];
      case 'copy':
        return Object.fromEntries(this.map);
      case 'entries':
        return [...this.map.entries()];
    }
    throw new Error(`dict proxy has no method ${method}`);
  }
}

export class DictProxy extends SharedObject {
  /** @internal */
  static create(init: Iterable<[unknown, unknown]>, m: ManagerState): DictProxy {
    const d = Object.create(DictProxy.prototype) as DictProxy;
    d.init('DictProxy', new DictImpl(init, m));
    return d;
  }
  get(key: unknown, fallback?: unknown): Promise<any> {
    return this.call('get', key, fallback);
  }
  set(key: unknown, value: unknown): Promise<void> {
    return this.call('set', key, value);
  }
  delete(key: unknown): Promise<boolean> {
    return this.call('delete', key);
  }
  has(key: unknown): Promise<boolean> {
    return this.call('has', key);
  }
  length(): Promise<number> {
    return this.call('length');
  }
  keys(): Promise<any[]> {
    return this.call('keys');
  }
  entries(): Promise<[any, any][]> {
    return this.call('entries');
  }
  /** A plain object with every entry (Python's `dict(d)` / `d.copy()`). */
  copy(): Promise<Record<string, any>> {
    return this.call('copy');
  }
}

class ListImpl implements ObjectImpl {
  constructor(private readonly items: unknown[], private readonly m: ManagerState) {}
  handle(method: string, args: unknown[]): unknown {
    checkRunning(this.m, `list proxy ${method}()`);
    const [i, v] = args as [number, unknown];
    const at = (n: number): number => {
      const j = n < 0 ? this.items.length + n : n;
      if (!Number.isInteger(j) || j < 0 || j >= this.items.length) throw new RangeError(`list index ${n} out of range (length ${this.items.length})`);
      return j;
    };
    switch (method) {
      case 'get':
        return this.items[at(i)];
      case 'set':
        this.items[at(i)] = v;
        return undefined;
      case 'append':
        this.items.push(args[0]);
        return undefined;
      case 'extend':
        this.items.push(...(args[0] as unknown[]));
        return undefined;
      case 'pop':
        return this.items.splice(at(i ?? -1), 1)[0];
      case 'length':
        return this.items.length;
      case 'copy':
        return [...this.items];
    }
    throw new Error(`list proxy has no method ${method}`);
  }
}

export class ListProxy extends SharedObject {
  /** @internal */
  static create(init: Iterable<unknown>, m: ManagerState): ListProxy {
    const l = Object.create(ListProxy.prototype) as ListProxy;
    l.init('ListProxy', new ListImpl([...init], m));
    return l;
  }
  get(index: number): Promise<any> {
    return this.call('get', index);
  }
  set(index: number, value: unknown): Promise<void> {
    return this.call('set', index, value);
  }
  append(value: unknown): Promise<void> {
    return this.call('append', value);
  }
  extend(values: Iterable<unknown>): Promise<void> {
    return this.call('extend', [...values]);
  }
  pop(index = -1): Promise<any> {
    return this.call('pop', index);
  }
  length(): Promise<number> {
    return this.call('length');
  }
  /** A plain array with every item (Python's `list(l)`). */
  copy(): Promise<any[]> {
    return this.call('copy');
  }
}

/** Python's `manager.Namespace()`: named attributes, read with `get` and written with `set`. */
export class NamespaceProxy extends DictProxy {
  /** @internal */
  static create(init: Iterable<[unknown, unknown]>, m: ManagerState): NamespaceProxy {
    const n = Object.create(NamespaceProxy.prototype) as NamespaceProxy;
    n.init('NamespaceProxy', new DictImpl(init, m));
    return n;
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

  Queue(maxsize = 0): Queue {
    return new Queue(maxsize);
  }
  JoinableQueue(maxsize = 0): JoinableQueue {
    return new JoinableQueue(maxsize);
  }
  Lock(): Lock {
    return new Lock();
  }
  RLock(): RLock {
    return new RLock();
  }
  Semaphore(n = 1): Semaphore {
    return new Semaphore(n);
  }
  BoundedSemaphore(n = 1): BoundedSemaphore {
    return new BoundedSemaphore(n);
  }
  Event(): Event {
    return new Event();
  }
  Condition(lock?: Lock | RLock): Condition {
    return new Condition(lock);
  }
  Barrier(parties: number, action?: () => unknown, timeout?: number): Barrier {
    return new Barrier(parties, action, timeout);
  }
  Value(typecode: string, value?: unknown): Value {
    return new Value(typecode, value);
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

export async function Manager(): Promise<SyncManager> {
  return new SyncManager();
}

registerAsyncResult('mp.Manager()', 'mp.Manager()', SyncManager.prototype);
registerKind('DictProxy', DictProxy);
registerKind('ListProxy', ListProxy);
registerKind('NamespaceProxy', NamespaceProxy);
