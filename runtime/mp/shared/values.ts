/**
 * `Value` and `Array`: shared numbers. Node processes share no memory, so reads and writes are
 * awaited calls to the owning process (`await v.get()`, `await v.set(x)`); each read or write is
 * atomic, a read-modify-write is not — guard it with `getLock()`, as in the course's lesson.
 * As in Python, `RawValue`/`RawArray` (and `lock: false`) give the bare shared object, which has
 * no `getLock()`/`getObj()`; `Value`/`Array` wrap it with a lock.
 */
import { proxyFor, registerKind, SharedObject } from './base.js';
import type { HandleData } from './protocol.js';
import { AttributeError, ValueError } from './errors.js';
import { Lock, RLock } from './locks.js';
import type { ObjectImpl } from './registry.js';

/**
 * Python's ctypes typecodes (Linux sizes: `l`/`L` are 64-bit). A stored integer is truncated and
 * wraps around as its C type does (`Value('b', 200)` holds -56; values are numbers, so 64-bit ones
 * beyond 2^53 are rounded); `f` keeps a C float's precision;
 * 'c' and 'u' hold text (or a one-byte `Uint8Array` for 'c', Python's bytes).
 */
const TYPECODES: Record<string, { bits?: number; signed?: boolean; float?: boolean; text?: boolean }> = {
  b: { bits: 8, signed: true }, B: { bits: 8 }, h: { bits: 16, signed: true }, H: { bits: 16 }, i: { bits: 32, signed: true }, I: { bits: 32 },
  l: { bits: 64, signed: true }, L: { bits: 64 }, q: { bits: 64, signed: true }, Q: { bits: 64 },
  f: { float: true }, d: {}, c: { text: true }, u: { text: true },
};

function coerce(typecode: string, x: unknown): unknown {
  const t = TYPECODES[typecode];
  if (!t || t.text) return x;
  if (typeof x === 'boolean') return Number(x);
  if (typeof x !== 'number') throw new TypeError(`typecode '${typecode}' holds numbers, got ${typeof x} ${JSON.stringify(x)}; use 'u' for text`);
  if (t.float) return Math.fround(x);
  if (!t.bits || !Number.isFinite(x)) return x;
  const n = BigInt(Math.trunc(x));
  return Number(t.signed ? BigInt.asIntN(t.bits, n) : BigInt.asUintN(t.bits, n));
}

/** Python's slice bounds: negative counts from the end, clamped to the length (as JS's slice). */
function bound(i: number | null | undefined, length: number, dflt: number): number {
  if (i === undefined || i === null) return dflt;
  if (!Number.isInteger(i)) throw new TypeError(`slice indices must be integers, got ${i}`);
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}

class CellsImpl implements ObjectImpl {
  constructor(private readonly typecode: string, private readonly cells: unknown[]) {}

  private index(i: unknown): number {
    const n = this.cells.length;
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new TypeError(`array indices must be integers, got ${JSON.stringify(i)}`);
    const j = i < 0 ? i + n : i; // Python's arr[-1]
    if (j < 0 || j >= n) throw new RangeError(`Array index ${i} out of range (length ${n})`);
    return j;
  }

  handle(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'get':
        return this.cells[this.index(args[0] ?? 0)];
      case 'set':
        this.cells[this.index(args[0] ?? 0)] = coerce(this.typecode, args[1]);
        return undefined;
      case 'all':
        return [...this.cells];
      case 'slice': {
        const n = this.cells.length;
        return this.cells.slice(bound(args[0] as number | undefined, n, 0), bound(args[1] as number | undefined, n, n));
      }
      case 'setSlice': {
        const n = this.cells.length;
        const a = bound(args[0] as number | undefined, n, 0);
        const b = Math.max(a, bound(args[1] as number | undefined, n, n));
        const values = [...(args[2] as Iterable<unknown>)];
        // ctypes arrays have a fixed length: `arr[2:5] = [1, 2]` is Python's ValueError too.
        if (values.length !== b - a) throw new ValueError(`Can only assign sequence of same size: the slice [${a}:${b}] has ${b - a} items, got ${values.length}`);
        const coerced = values.map((x) => coerce(this.typecode, x));
        this.cells.splice(a, b - a, ...coerced);
        return undefined;
      }
    }
    throw new Error(`no method ${method}`);
  }
}

function checkTypecode(what: string, typecode: string): void {
  // Python: TypeError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)").
  if (typeof typecode !== 'string' || !(typecode in TYPECODES)) throw new TypeError(`${what}: bad typecode ${JSON.stringify(typecode)} (must be one of ${Object.keys(TYPECODES).join(' ')}, e.g. 'i' int, 'd' double)`);
}

/** Python's `lock=True` or `None` (a new RLock), `lock=False` (none) or a lock to share; also `{ lock }`. */
export type LockOption = boolean | null | Lock | RLock | { lock?: boolean | null | Lock | RLock };

function lockFor(option: LockOption | undefined): Lock | RLock | false {
  const o: unknown = option && typeof option === 'object' && !(option instanceof SharedObject) ? option.lock : option;
  if (o === undefined || o === null || o === true) return new RLock();
  if (o === false) return false;
  if (o instanceof Lock || o instanceof RLock) return o;
  // Python: AttributeError("'navalue' has no method 'acquire'").
  throw new AttributeError(`lock: ${JSON.stringify(o)} has no method 'acquire'; pass true, false, null, or an mp.Lock / mp.RLock`);
}

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
  get(): Promise<any> {
    return this.call('get', 0);
  }

  /** Python's `v.value = x`: numbers are truncated as the typecode's C type does. */
  set(value: unknown): Promise<void> {
    return this.call('set', 0, value);
  }
}

/** A shared value guarded by a lock (Python's `Value`): adds `getLock()` and `getObj()`. */
export class Value extends SharedValue {
  private lockObj: Lock | RLock | undefined;

  /** `new Value(typecode, value = 0, lock = true)`; `lock: false` gives the bare `SharedValue`. */
  constructor(typecode: string, value: unknown = 0, lock?: LockOption) {
    super(typecode, value);
    const l = lockFor(lock);
    // Python returns the raw object for lock=False: no get_lock, no get_obj.
    if (l === false) return RawValue(typecode, value) as Value;
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

  get(i: number): Promise<any> {
    return this.call('get', i);
  }

  set(i: number, value: unknown): Promise<void> {
    return this.call('set', i, value);
  }

  getItem(i: number): Promise<any> {
    return this.get(i);
  }

  setItem(i: number, value: unknown): Promise<void> {
    return this.set(i, value);
  }

  /** Python's `arr[start:stop]`: a copy of those elements (negative indices count from the end; null is an open end). */
  slice(start?: number | null, stop?: number | null): Promise<any[]> {
    return this.call('slice', start, stop);
  }

  /** Python's `arr[start:stop] = values`: as many values as the slice holds (ValueError otherwise). */
  setSlice(start: number | null | undefined, stop: number | null | undefined, values: Iterable<unknown>): Promise<void> {
    return this.call('setSlice', start, stop, [...values]);
  }

  /** A copy of every element (Python's `arr[:]` or `list(arr)`). */
  toArray(): Promise<any[]> {
    return this.call('all');
  }
}

/** A shared array guarded by a lock (Python's `Array`): adds `getLock()` and `getObj()`. */
export class Array extends SharedArray {
  private lockObj: Lock | RLock | undefined;

  /** `new Array(typecode, sizeOrInit, lock = true)`; `lock: false` gives the bare `SharedArray`. */
  constructor(typecode: string, sizeOrInit: number | Iterable<unknown>, lock?: LockOption) {
    const init = typeof sizeOrInit === 'number' ? sizeOrInit : [...sizeOrInit]; // an iterator is read once
    super(typecode, init);
    const l = lockFor(lock);
    if (l === false) return RawArray(typecode, init) as Array;
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

/** The handle, carrying the lock's handle too, so every process guards with the same lock. */
function withLockFact(obj: SharedObject, lock: Lock | RLock | undefined): HandleData {
  const h = SharedObject.prototype.handle.call(obj);
  if (lock && !h.facts?.lock) obj._h = { ...h, facts: { ...h.facts, lock: lock.handle() } };
  return obj._h;
}

registerKind('Value', Value);
registerKind('Array', Array);
registerKind('RawValue', SharedValue);
registerKind('RawArray', SharedArray);
