/**
 * A manager's `set()` (Python's SetProxy): the set lives with the manager; what changes it runs
 * there, what only reads it (union, comparisons…) works on a copy. Python's operators are methods:
 * `s | t` → `or(t)`, `s |= t` → `ior(t)`, `t - s` → `rsub(t)`, `s < t` → `lt(t)`, `x in s` → `has(x)`.
 */
import { SharedObject } from './base.js';
import { KeyError } from './errors.js';
import { checkRunning, stored, type ManagerState } from './manager-state.js';
import type { ObjectImpl } from './registry.js';

class SetImpl implements ObjectImpl {
  private readonly set: Set<unknown>;
  constructor(init: unknown[], private readonly m: ManagerState) {
    this.set = new Set(stored(init));
  }
  handle(method: string, args: unknown[]): unknown {
    checkRunning(this.m, `set proxy ${method}()`);
    const s = this.set;
    const x = args[0];
    const other = (): Set<unknown> => new Set(x as unknown[]);
    switch (method) {
      case 'copy':
        return new Set(s);
      case 'length':
        return s.size;
      case 'has':
        return s.has(x);
      case 'add':
        s.add(x);
        return undefined;
      case 'remove':
        if (!s.delete(x)) throw new KeyError(JSON.stringify(x) ?? String(x));
        return undefined;
      case 'discard':
        s.delete(x);
        return undefined;
      case 'pop': {
        if (s.size === 0) throw new KeyError('pop from an empty set');
        const first = s.values().next().value;
        s.delete(first);
        return first;
      }
      case 'clear':
        s.clear();
        return undefined;
      case 'update':
        for (const v of x as unknown[]) s.add(v);
        return undefined;
      case 'difference_update':
        for (const v of x as unknown[]) s.delete(v);
        return undefined;
      case 'intersection_update': {
        const o = other();
        for (const v of [...s]) if (!o.has(v)) s.delete(v);
        return undefined;
      }
      case 'symmetric_difference_update':
        for (const v of other()) if (!s.delete(v)) s.add(v);
        return undefined;
    }
    throw new Error(`set proxy has no method ${method}`);
  }
}

type Items<T> = Iterable<T>;
const union = <T>(a: Set<T>, b: Items<T>): Set<T> => new Set([...a, ...b]);
const minus = <T>(a: Set<T>, b: Items<T>): Set<T> => {
  const o = new Set(b);
  return new Set([...a].filter((v) => !o.has(v)));
};
const both = <T>(a: Set<T>, b: Items<T>): Set<T> => {
  const o = new Set(b);
  return new Set([...a].filter((v) => o.has(v)));
};
const xor = <T>(a: Set<T>, b: Items<T>): Set<T> => union(minus(a, b), minus(new Set(b), a));
const within = <T>(a: Set<T>, b: Items<T>): boolean => {
  const o = new Set(b);
  return [...a].every((v) => o.has(v));
};

/** A manager's set (`mgr.set()`): every method is awaited; operators are methods (see the file's header). */
export class SetProxy<T = any> extends SharedObject {
  /** @internal */
  static create(init: unknown[], m: ManagerState): SetProxy {
    const s = Object.create(SetProxy.prototype) as SetProxy;
    s.init('SetProxy', new SetImpl(init, m));
    return s;
  }
  /** A plain `Set` with every item (Python's `s.copy()` / `set(s)`). */
  copy(): Promise<Set<T>> {
    return this.call('copy');
  }
  length(): Promise<number> {
    return this.call('length');
  }
  has(x: T): Promise<boolean> {
    return this.call('has', x);
  }
  add(x: T): Promise<void> {
    return this.call('add', x);
  }
  /** Removes `x`; KeyError when it is not there (`discard` does not mind). */
  remove(x: T): Promise<void> {
    return this.call('remove', x);
  }
  discard(x: T): Promise<void> {
    return this.call('discard', x);
  }
  /** Removes and resolves to an item; KeyError when empty. */
  pop(): Promise<T> {
    return this.call('pop');
  }
  clear(): Promise<void> {
    return this.call('clear');
  }
  update(...others: Items<T>[]): Promise<void> {
    return this.call('update', others.flatMap((o) => [...o]));
  }
  intersection_update(other: Items<T>): Promise<void> {
    return this.call('intersection_update', [...other]);
  }
  difference_update(other: Items<T>): Promise<void> {
    return this.call('difference_update', [...other]);
  }
  symmetric_difference_update(other: Items<T>): Promise<void> {
    return this.call('symmetric_difference_update', [...other]);
  }
  /** `s |= t`, `s &= t`, `s -= t`, `s ^= t`: change this set, resolve to it. */
  async ior(other: Items<T>): Promise<this> {
    await this.update(other);
    return this;
  }
  async iand(other: Items<T>): Promise<this> {
    await this.intersection_update(other);
    return this;
  }
  async isub(other: Items<T>): Promise<this> {
    await this.difference_update(other);
    return this;
  }
  async ixor(other: Items<T>): Promise<this> {
    await this.symmetric_difference_update(other);
    return this;
  }
  /** New plain sets: `s | t` (`union`), `s & t` (`intersection`), `s - t` (`difference`), `s ^ t` (`symmetric_difference`), and the reflected forms. */
  async union(...others: Items<T>[]): Promise<Set<T>> {
    return union(await this.copy(), others.flatMap((o) => [...o]));
  }
  async intersection(other: Items<T>): Promise<Set<T>> {
    return both(await this.copy(), other);
  }
  async difference(other: Items<T>): Promise<Set<T>> {
    return minus(await this.copy(), other);
  }
  async symmetric_difference(other: Items<T>): Promise<Set<T>> {
    return xor(await this.copy(), other);
  }
  or(other: Items<T>): Promise<Set<T>> {
    return this.union(other);
  }
  async ror(other: Items<T>): Promise<Set<T>> {
    return union(new Set(other), await this.copy());
  }
  and(other: Items<T>): Promise<Set<T>> {
    return this.intersection(other);
  }
  async rand(other: Items<T>): Promise<Set<T>> {
    return both(new Set(other), await this.copy());
  }
  sub(other: Items<T>): Promise<Set<T>> {
    return this.difference(other);
  }
  async rsub(other: Items<T>): Promise<Set<T>> {
    return minus(new Set(other), await this.copy());
  }
  xor(other: Items<T>): Promise<Set<T>> {
    return this.symmetric_difference(other);
  }
  async rxor(other: Items<T>): Promise<Set<T>> {
    return xor(new Set(other), await this.copy());
  }
  async isdisjoint(other: Items<T>): Promise<boolean> {
    return both(await this.copy(), other).size === 0;
  }
  async issubset(other: Items<T>): Promise<boolean> {
    return within(await this.copy(), other);
  }
  async issuperset(other: Items<T>): Promise<boolean> {
    return within(new Set(other), await this.copy());
  }
  /** `s <= t`, `s < t`, `s >= t`, `s > t`: subset and superset tests. */
  le(other: Items<T>): Promise<boolean> {
    return this.issubset(other);
  }
  async lt(other: Items<T>): Promise<boolean> {
    const o = new Set(other);
    return (await this.length()) < o.size && (await this.issubset(o));
  }
  ge(other: Items<T>): Promise<boolean> {
    return this.issuperset(other);
  }
  async gt(other: Items<T>): Promise<boolean> {
    const o = new Set(other);
    return (await this.length()) > o.size && (await this.issuperset(o));
  }
  /** `for await (const x of s)`: the items, as they were when the loop began. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* await this.copy();
  }
}
