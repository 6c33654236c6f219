/**
 * `await mp.Manager()`: shared dicts, lists and namespaces. Python runs a manager as a server
 * process; here the manager's objects live in the process that created it (which already serves
 * its other shared objects), and every access is an awaited call: `await d.set(k, v)`,
 * `await d.get(k)`, `await d.copy()`.
 */
import { isDeepStrictEqual } from 'node:util';
import { registerAsyncResult } from '../../rank/await-hint.js';
import { registerKind, SharedObject } from './base.js';
import { KeyError, ValueError } from './errors.js';
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
      case 'values':
        return [...this.map.values()];
      case 'clear':
        this.map.clear();
        return undefined;
      case 'pop':
        return this.pop(k, args.length > 1, v);
      case 'popitem': {
        // Python's popitem takes the last entry added (LIFO).
        const last = [...this.map.keys()].pop();
        if (this.map.size === 0) throw new KeyError('popitem(): dictionary is empty');
        const value = this.map.get(last);
        this.map.delete(last);
        return [last, value];
      }
      case 'update':
        for (const [key, value] of k as [unknown, unknown][]) this.map.set(key, value);
        return undefined;
      case 'setdefault':
        if (!this.map.has(k)) this.map.set(k, v);
        return this.map.get(k);
    }
    throw new Error(`dict proxy has no method ${method}`);
  }

  private pop(k: unknown, hasDefault: boolean, fallback: unknown): unknown {
    if (!this.map.has(k)) {
      if (hasDefault) return fallback;
      throw new KeyError(`pop(): no key ${JSON.stringify(k)}`);
    }
    const value = this.map.get(k);
    this.map.delete(k);
    return value;
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
  values(): Promise<any[]> {
    return this.call('values');
  }
  /** Python's `d.items()`: `[key, value]` pairs. */
  items(): Promise<[any, any][]> {
    return this.call('entries');
  }
  clear(): Promise<void> {
    return this.call('clear');
  }
  /** Removes `key` and resolves to its value; without `fallback`, a missing key is a KeyError. */
  pop(key: unknown, ...fallback: [unknown?]): Promise<any> {
    return this.call('pop', key, ...fallback);
  }
  /** Removes and resolves to the last `[key, value]` added; KeyError when empty. */
  popitem(): Promise<[any, any]> {
    return this.call('popitem');
  }
  /** Python's `d.update(other)`: from a plain object, a Map or `[key, value]` pairs. */
  update(other: Record<string, unknown> | Iterable<[unknown, unknown]>): Promise<void> {
    const pairs = Symbol.iterator in Object(other) ? [...(other as Iterable<[unknown, unknown]>)] : Object.entries(other);
    return this.call('update', pairs);
  }
  /** The value of `key`, setting it to `fallback` first when missing. */
  setdefault(key: unknown, fallback?: unknown): Promise<any> {
    return this.call('setdefault', key, fallback ?? null);
  }
  /** `for await (const k of d)`: the keys, as Python's `for k in d`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<any> {
    yield* await this.keys();
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
      case 'slice':
        return this.items.slice(...(args as [number?, number?]));
      case 'insert': {
        // Python's insert clamps the index, as slices do.
        const n = this.items.length;
        const j = Math.min(n, Math.max(0, i < 0 ? n + i : i));
        this.items.splice(j, 0, v);
        return undefined;
      }
      case 'remove':
        this.items.splice(this.indexOf(args[0], 'remove'), 1);
        return undefined;
      case 'index':
        return this.indexOf(args[0], 'index');
      case 'count':
        return this.items.filter((x) => isDeepStrictEqual(x, args[0])).length;
      case 'clear':
        this.items.length = 0;
        return undefined;
      case 'reverse':
        this.items.reverse();
        return undefined;
      case 'sort':
        this.items.sort(pythonOrder);
        if (args[0]) this.items.reverse();
        return undefined;
    }
    throw new Error(`list proxy has no method ${method}`);
  }

  /** Python compares by value (`==`); the items are copies, so equality is deep. */
  private indexOf(x: unknown, method: string): number {
    const j = this.items.findIndex((y) => isDeepStrictEqual(x, y));
    if (j < 0) throw new ValueError(`list.${method}(x): x not in list`);
    return j;
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
  /** Python's `l[start:end]`, as a plain array. */
  slice(start?: number, end?: number): Promise<any[]> {
    return this.call('slice', ...[start, end].filter((x) => x !== undefined));
  }
  insert(index: number, value: unknown): Promise<void> {
    return this.call('insert', index, value);
  }
  /** Removes the first item equal to `value`; ValueError when there is none. */
  remove(value: unknown): Promise<void> {
    return this.call('remove', value);
  }
  /** The index of the first item equal to `value`; ValueError when there is none. */
  index(value: unknown): Promise<number> {
    return this.call('index', value);
  }
  count(value: unknown): Promise<number> {
    return this.call('count', value);
  }
  clear(): Promise<void> {
    return this.call('clear');
  }
  reverse(): Promise<void> {
    return this.call('reverse');
  }
  /**
   * Sorts in place in Python's order (numbers by value, strings by code point); `{ reverse: true }`
   * descends. A `key` function cannot cross to the process that holds the list: sort a copy.
   */
  sort(options: { reverse?: boolean } = {}): Promise<void> {
    for (const k of Object.keys(options)) if (k !== 'reverse') throw new TypeError(`ListProxy.sort() got an unexpected keyword argument '${k}'${k === 'key' ? ': a function cannot cross processes; sort a copy instead' : ''}`);
    return this.call('sort', Boolean(options.reverse));
  }
  /** `for await (const x of l)`: the items, as Python's `for x in l`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<any> {
    yield* await this.copy();
  }
}

/** Python's `<` for what a list usually holds: numbers by value, strings by code point. */
function pythonOrder(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pythonOrder(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TypeError(`'<' not supported between ${typeof a} and ${typeof b}`);
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
