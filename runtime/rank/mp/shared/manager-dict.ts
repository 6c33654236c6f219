/** A manager's `dict()` and `Namespace()`: the dict lives with the manager, every access is awaited. */
import { isDeepStrictEqual } from 'node:util';
import { SharedObject } from './base.js';
import { KeyError, RuntimeError } from './errors.js';
import { checkRunning, stored, type ManagerState } from './manager-state.js';
import type { ObjectImpl } from './registry.js';

class DictImpl implements ObjectImpl {
  readonly map: Map<unknown, unknown>;
  /** Python's server-side dict iterators: each remembers the size it started at. */
  private readonly iters = new Map<number, { it: Iterator<unknown>; size: number }>();
  private nextIter = 1;
  constructor(init: Iterable<[unknown, unknown]>, private readonly m: ManagerState) {
    this.map = new Map(stored([...init]));
  }
  handle(method: string, args: unknown[]): unknown {
    checkRunning(this.m, `dict proxy ${method}()`);
    const [k, v] = args;
    switch (method) {
      case 'iter': {
        const id = this.nextIter++;
        this.iters.set(id, { it: this.map.keys(), size: this.map.size });
        return id;
      }
      case 'next': {
        const state = this.iters.get(k as number);
        if (!state) return { done: true };
        // Python: a dict that changed size under an iterator makes it fail, not skip or repeat.
        if (state.size !== this.map.size) {
          this.iters.delete(k as number);
          throw new RuntimeError('dictionary changed size during iteration');
        }
        const r = state.it.next();
        if (r.done) this.iters.delete(k as number);
        return r.done ? { done: true } : { done: false, value: r.value };
      }
      case 'getitem':
        if (!this.map.has(k)) throw new KeyError(`${JSON.stringify(k)}`);
        return this.map.get(k);
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
  get<T = any>(key: unknown, fallback?: unknown): Promise<T> {
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
  keys<T = any>(): Promise<T[]> {
    return this.call('keys');
  }
  entries(): Promise<[any, any][]> {
    return this.call('entries');
  }
  /** A plain object with every entry (Python's `dict(d)` / `d.copy()`). */
  copy(): Promise<Record<string, any>> {
    return this.call('copy');
  }
  values<T = any>(): Promise<T[]> {
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
  pop<T = any>(key: unknown, ...fallback: [unknown?]): Promise<T> {
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
  setdefault<T = any>(key: unknown, fallback?: unknown): Promise<T> {
    return this.call('setdefault', key, fallback ?? null);
  }
  /** Python's `d |= other`: update(other), then this proxy. */
  async ior(other: Record<string, unknown> | Iterable<[unknown, unknown]>): Promise<this> {
    await this.update(other);
    return this;
  }
  /** Python's `d | other`: a new plain object, `other`'s values winning; this dict is unchanged. */
  async or(other: Record<string, unknown>): Promise<Record<string, any>> {
    return { ...(await this.copy()), ...other };
  }
  /** Python's `other | d`: a new plain object, this dict's values winning. */
  async ror(other: Record<string, unknown>): Promise<Record<string, any>> {
    return { ...other, ...(await this.copy()) };
  }
  /** Python's `reversed(d)`: the keys, last added first. */
  async reversed<T = any>(): Promise<T[]> {
    return (await this.keys()).reverse();
  }
  /** Python's `d.fromkeys(keys, value)`: a new plain object with each key set to `value`. */
  fromkeys(keys: Iterable<string | number>, value: unknown = null): Record<string, unknown> {
    return Object.fromEntries([...keys].map((k) => [k, value]));
  }
  /** Python's `d[key]`: the value, or a KeyError when `key` is missing (`get` gives `fallback`). */
  getitem<T = any>(key: unknown): Promise<T> {
    return this.call('getitem', key);
  }
  /** Python's `d == other`: the same keys with equal values. */
  async equals(other: DictProxy | Record<string, unknown> | Map<unknown, unknown>): Promise<boolean> {
    const mine = new Map(await this.entries());
    const theirs = other instanceof DictProxy ? new Map(await other.entries()) : other instanceof Map ? other : new Map(Object.entries(other));
    return mine.size === theirs.size && [...mine].every(([k, v]) => theirs.has(k) && isDeepStrictEqual(theirs.get(k), v));
  }
  /**
   * `for await (const k of d)`: the keys, as Python's `for k in d`. The iterator lives with the
   * dict, as Python's does: it starts now, and fails with RuntimeError if the dict changes size.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<any> {
    const id = this.call('iter') as Promise<number>;
    id.catch(() => {}); // reported by next()
    const it: AsyncIterableIterator<any> = {
      next: async () => this.call('next', await id) as Promise<IteratorResult<any>>,
      [Symbol.asyncIterator]: () => it,
    };
    return it;
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
  /** Python's `str(ns)`: `Namespace(a=1, name='Bob')`, sorted, leaving out names that start with `_`. */
  async repr(): Promise<string> {
    const shown = (await this.entries()).filter(([k]) => !String(k).startsWith('_'));
    return `Namespace(${shown.map(([k, v]) => `${String(k)}=${pyRepr(v)}`).sort().join(', ')})`;
  }
}

/** Python's repr() of plain data, for Namespace's. */
function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v as number | bigint); // what plain data has left
}
