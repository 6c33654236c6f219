/**
 * `Value` and `Array`: shared numbers. Node processes share no memory, so reads and writes are
 * awaited calls to the owning process (`await v.get()`, `await v.set(x)`); each read or write is
 * atomic, a read-modify-write is not — guard it with `getLock()`, as in the course's lesson.
 * As in Python, `RawValue`/`RawArray` (and `lock: false`) give the bare shared object, which has
 * no `getLock()`/`getObj()`; `Value`/`Array` wrap it with a lock.
 */
import { proxyFor, registerKind, SharedObject } from './base.js';
import { CellsImpl, checkTypecode, coerce, ctypeName, ctypeRepr, lockFor, withLockFact, type LockOption } from './cells.js';
import type { HandleData } from './protocol.js';
import { ValueError } from './errors.js';
import type { Lock, RLock } from './locks.js';

export type { LockOption } from './cells.js';

/**
 * A shared value with no lock: what `RawValue(typecode, value)` and `Value(…, { lock: false })`
 * return (Python's bare ctypes object). `await v.get()` / `await v.set(x)` are Python's `v.value`.
 */
export class SharedValue extends SharedObject {
  constructor(typecode: string, value: unknown = 0) {
    super();
    checkTypecode(new.target === SharedValue ? 'RawValue' : 'Value', typecode);
    this.init(new.target === SharedValue ? 'RawValue' : 'Value', new CellsImpl(typecode, [coerce(typecode, value)]), { typecode });
  }

  get typecode(): string {
    return this.fact('typecode');
  }

  /** Python's `v.value` (read). */
  get<T = any>(): Promise<T> {
    return this.call('get', 0);
  }

  /** Python's `v.value = x`: numbers are truncated as the typecode's C type does. */
  set(value: unknown): Promise<void> {
    return this.call('set', 0, value);
  }

  /**
   * Python's repr, synchronously: `c_int(5)` for a RawValue, `<Synchronized wrapper for c_int(5)>`
   * for a Value. The number lives in the process that created it: elsewhere it reads
   * `c_int(unknown)` (await `get()` for the value).
   */
  toString(): string {
    const raw = ctypeRepr(this.typecode, this.ownedImpl<CellsImpl>()?.peek(0));
    return this._h.kind === 'RawValue' ? raw : `<Synchronized wrapper for ${raw}>`;
  }
}

/** A shared value guarded by a lock (Python's `Value`): adds `getLock()` and `getObj()`. */
export class Value extends SharedValue {
  private lockObj: Lock | RLock | undefined;

  /** `new Value(typecode, value = 0, lock = true)`; `lock: false` gives the bare `SharedValue`. */
  constructor(typecode: string, value: unknown = 0, lock?: LockOption) {
    checkTypecode('Value', typecode);
    const l = lockFor(lock, 'Value');
    // Python returns the raw object for lock=False: no get_lock, no get_obj (and nothing else is made).
    if (l === false) return RawValue(typecode, value) as Value;
    super(typecode, value);
    this.lockObj = l;
  }

  /** @internal the lock travels with the value */
  handle(): HandleData {
    return withLockFact(this, this.lockObj);
  }

  /** The lock that guards this value (an RLock unless another was given, as in Python). */
  getLock(): Lock | RLock {
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): Lock | RLock {
    return this.getLock();
  }

  /** Python's `get_obj()`: the value itself (reads and writes go through it either way). */
  getObj(): this {
    return this;
  }

  get_obj(): this {
    return this;
  }
}

/** Python's `RawValue(typecode, value)`: a shared value with no lock (no `getLock`, no `getObj`). */
export function RawValue(typecode: string, value: unknown = 0): SharedValue {
  return new SharedValue(typecode, value);
}

/** Python's `RawArray(typecode, sizeOrInit)`: a shared array with no lock (no `getLock`, no `getObj`). */
export function RawArray(typecode: string, sizeOrInit: number | Iterable<unknown>): SharedArray {
  return new SharedArray(typecode, sizeOrInit);
}

/**
 * A shared fixed-length array with no lock: what `RawArray` and `Array(…, { lock: false })`
 * return. Python's `arr[i]` is `await arr.get(i)`, `arr[a:b]` is `await arr.slice(a, b)`,
 * `arr[a:b] = xs` is `await arr.setSlice(a, b, xs)`, `len(arr)` is `arr.length`.
 */
export class SharedArray extends SharedObject {
  constructor(typecode: string, sizeOrInit: number | Iterable<unknown>) {
    super();
    const kind = new.target === SharedArray ? 'RawArray' : 'Array';
    checkTypecode(kind, typecode);
    if (typeof sizeOrInit === 'number' && (!Number.isInteger(sizeOrInit) || sizeOrInit < 0)) throw new ValueError(`${kind}: size must be an integer >= 0, got ${sizeOrInit}`);
    const cells = typeof sizeOrInit === 'number' ? new globalThis.Array<unknown>(sizeOrInit).fill(0) : [...sizeOrInit].map((x) => coerce(typecode, x));
    this.init(kind, new CellsImpl(typecode, cells), { typecode, length: cells.length });
  }

  get typecode(): string {
    return this.fact('typecode');
  }

  get length(): number {
    return this.fact('length');
  }

  get<T = any>(i: number): Promise<T> {
    return this.call('get', i);
  }

  set(i: number, value: unknown): Promise<void> {
    return this.call('set', i, value);
  }

  getItem<T = any>(i: number): Promise<T> {
    return this.get(i);
  }

  setItem(i: number, value: unknown): Promise<void> {
    return this.set(i, value);
  }

  /** Python's `arr[start:stop]`: a copy of those elements (negative indices count from the end; null is an open end). */
  slice<T = any>(start?: number | null, stop?: number | null): Promise<T[]> {
    return this.call('slice', start, stop);
  }

  /** Python's `arr[start:stop] = values`: as many values as the slice holds (ValueError otherwise). */
  setSlice(start: number | null | undefined, stop: number | null | undefined, values: Iterable<unknown>): Promise<void> {
    return this.call('setSlice', start, stop, [...values]);
  }

  /** A copy of every element (Python's `arr[:]` or `list(arr)`). */
  toArray<T = any>(): Promise<T[]> {
    return this.call('all');
  }

  /**
   * Python's repr (a ctypes array has no value in it, only its type and where it lives):
   * `<multiprocessing.sharedctypes.c_int_Array_3 object at 1234:5>`, wrapped as
   * `<SynchronizedArray wrapper for …>` for an Array.
   */
  toString(): string {
    const raw = `<multiprocessing.sharedctypes.${ctypeName(this.typecode)}_Array_${this.length} object at ${this.objKey}>`;
    return this._h.kind === 'RawArray' ? raw : `<SynchronizedArray wrapper for ${raw}>`;
  }
}

/** A shared array guarded by a lock (Python's `Array`): adds `getLock()` and `getObj()`. */
export class Array extends SharedArray {
  private lockObj: Lock | RLock | undefined;

  /** `new Array(typecode, sizeOrInit, lock = true)`; `lock: false` gives the bare `SharedArray`. */
  constructor(typecode: string, sizeOrInit: number | Iterable<unknown>, lock?: LockOption) {
    const init = typeof sizeOrInit === 'number' ? sizeOrInit : [...sizeOrInit]; // an iterator is read once
    checkTypecode('Array', typecode);
    const l = lockFor(lock, 'Array');
    if (l === false) return RawArray(typecode, init) as Array;
    super(typecode, init);
    this.lockObj = l;
  }

  /** @internal the lock travels with the array */
  handle(): HandleData {
    return withLockFact(this, this.lockObj);
  }

  /** The lock that guards this array (an RLock unless another was given, as in Python). */
  getLock(): Lock | RLock {
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): Lock | RLock {
    return this.getLock();
  }

  /** Python's `get_obj()`: the array itself. */
  getObj(): this {
    return this;
  }

  get_obj(): this {
    return this;
  }
}

registerKind('Value', Value);
registerKind('Array', Array);
registerKind('RawValue', SharedValue);
registerKind('RawArray', SharedArray);
