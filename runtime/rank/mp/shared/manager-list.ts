/** A manager's `list()`: the list lives with the manager, every access is awaited. */
import { isDeepStrictEqual } from 'node:util';
import { SharedObject } from './base.js';
import { ValueError } from './errors.js';
import { checkRunning, stored, type ManagerState } from './manager-state.js';
import type { ObjectImpl } from './registry.js';

class ListImpl implements ObjectImpl {
  private readonly items: unknown[];
  constructor(init: unknown[], private readonly m: ManagerState) {
    this.items = stored(init);
  }
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
      case 'item':
        // Python iterates a list proxy by index until IndexError: later changes are seen.
        return i < this.items.length ? { done: false, value: this.items[i] } : { done: true };
      case 'set':
        this.items[at(i)] = v;
        return undefined;
      case 'delete':
        this.items.splice(at(i), 1);
        return undefined;
      case 'includes':
        return this.items.some((x) => isDeepStrictEqual(x, args[0]));
      case 'imul': {
        const copy = [...this.items];
        this.items.length = 0;
        for (let r = 0; r < (args[0] as number); r++) this.items.push(...copy);
        return undefined;
      }
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
  get<T = any>(index: number): Promise<T> {
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
  pop<T = any>(index = -1): Promise<T> {
    return this.call('pop', index);
  }
  length(): Promise<number> {
    return this.call('length');
  }
  /** A plain array with every item (Python's `list(l)`). */
  copy<T = any>(): Promise<T[]> {
    return this.call('copy');
  }
  /** Python's `l[start:end]`, as a plain array. */
  slice<T = any>(start?: number, end?: number): Promise<T[]> {
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
  /** Python's `del l[index]`. */
  delete(index: number): Promise<void> {
    return this.call('delete', index);
  }
  /** Python's `value in l`: whether an item equals `value`. */
  includes(value: unknown): Promise<boolean> {
    return this.call('includes', value);
  }
  /** Python's `l += values` (extends this list in place). */
  async iadd(values: Iterable<unknown>): Promise<this> {
    await this.extend(values);
    return this;
  }
  /** Python's `l *= n`: the items repeated `n` times, in place. */
  async imul(n: number): Promise<this> {
    if (!Number.isInteger(n)) throw new TypeError(`can't multiply sequence by non-int ${JSON.stringify(n)}`);
    await this.call('imul', n);
    return this;
  }
  /** Python's `l + values`: a new plain array; this list is unchanged. */
  async add<T = any>(values: Iterable<unknown>): Promise<T[]> {
    return [...(await this.copy()), ...values];
  }
  /** Python's `l * n` (and `n * l`): a new plain array, the items repeated `n` times. */
  async mul<T = any>(n: number): Promise<T[]> {
    const items = await this.copy();
    return Array.from({ length: Math.max(0, n) }, () => items).flat();
  }
  /** Python's `reversed(l)`: the items last to first, as a plain array. */
  async reversed<T = any>(): Promise<T[]> {
    return (await this.copy()).reverse();
  }
  /**
   * `for await (const x of l)`: the items, as Python's `for x in l`: read one at a time by index,
   * so an item changed before it is reached is seen changed.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<any> {
    let i = 0;
    let ended = false; // an exhausted iterator stays exhausted, as Python's
    const it: AsyncIterableIterator<any> = {
      next: async () => {
        const r: IteratorResult<any> = ended ? { done: true, value: undefined } : await this.call('item', i);
        if (r.done) ended = true;
        else i++;
        return r;
      },
      [Symbol.asyncIterator]: () => it,
    };
    return it;
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
