/**
 * `Value` and `Array`: shared numbers. Node processes share no memory, so reads and writes are
 * awaited calls to the owning process (`await v.get()`, `await v.set(x)`); each read or write is
 * atomic, a read-modify-write is not — guard it with `getLock()`, as in the course's lesson.
 */
import { proxyFor, registerKind, SharedObject } from './base.js';
import type { HandleData } from './protocol.js';
import { ValueError } from './errors.js';
import { Lock, RLock } from './locks.js';
import type { ObjectImpl } from './registry.js';

/** Python's array/ctypes typecodes: integers are truncated as ctypes does; 'c' and 'u' hold text. */
const TYPECODES: Record<string, { int: boolean; text?: boolean }> = {
  b: { int: true }, B: { int: true }, h: { int: true }, H: { int: true }, i: { int: true }, I: { int: true },
  l: { int: true }, L: { int: true }, q: { int: true }, Q: { int: true },
  f: { int: false }, d: { int: false }, c: { int: false, text: true }, u: { int: false, text: true },
};

function coerce(typecode: string, x: unknown): unknown {
  const t = TYPECODES[typecode];
  if (!t || t.text) return x;
  if (typeof x === 'boolean') return Number(x);
  if (typeof x !== 'number') throw new TypeError(`typecode '${typecode}' holds numbers, got ${typeof x} ${JSON.stringify(x)}; use 'u' for text`);
  return t.int ? Math.trunc(x) : x;
}

class CellsImpl implements ObjectImpl {
  constructor(private readonly typecode: string, private readonly cells: unknown[]) {}

  handle(method: string, args: unknown[]): unknown {
    const i = (args[0] as number | undefined) ?? 0;
    if ((method === 'get' || method === 'set') && (i < 0 || i >= this.cells.length || !Number.isInteger(i))) {
      throw new RangeError(`Array index ${i} out of range (length ${this.cells.length})`);
    }
    switch (method) {
      case 'get':
        return this.cells[i];
      case 'set':
        this.cells[i] = coerce(this.typecode, args[1]);
        return undefined;
      case 'all':
        return [...this.cells];
    }
    throw new Error(`no method ${method}`);
  }
}

function checkTypecode(what: string, typecode: string): void {
  // Python: TypeError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)").
  if (!(typecode in TYPECODES)) throw new TypeError(`${what}: unknown typecode '${typecode}'; use one of ${Object.keys(TYPECODES).join(' ')} (e.g. 'i' int, 'd' double)`);
}

/** Python's `lock=True` (a new RLock), `lock=False` (none) or a lock to share; also `{ lock }`. */
export type LockOption = boolean | Lock | RLock | { lock?: boolean | Lock | RLock };

function lockFor(option: LockOption | undefined): Lock | RLock | undefined {
  const o = option && typeof option === 'object' && !(option instanceof SharedObject) ? option.lock : option;
  if (o === undefined || o === true) return new RLock();
  if (o === false) return undefined;
  if (o instanceof Lock || o instanceof RLock) return o;
  throw new ValueError('lock: pass true, false, or an mp.Lock / mp.RLock');
}

function noLock(what: string): never {
  throw new ValueError(`${what}.getLock(): it was created with lock: false; create it with a lock (the default) to guard read-modify-writes`);
}

export class Value extends SharedObject {
  private lockObj: Lock | RLock | undefined;

  constructor(typecode: string, value: unknown = 0, lock?: LockOption) {
    super();
    checkTypecode('Value', typecode);
    this.lockObj = lockFor(lock);
    this.init('Value', new CellsImpl(typecode, [coerce(typecode, value)]), { typecode });
  }

  get(): Promise<any> {
    return this.call('get', 0);
  }

  set(value: unknown): Promise<void> {
    return this.call('set', 0, value);
  }

  /** @internal the lock travels with the value */
  handle(): HandleData {
    return withLockFact(this, this.lockObj);
  }

  /** The lock that guards this value (an RLock unless another was given, as in Python). */
  getLock(): Lock | RLock {
    if (!this.lockObj && !this.fact('lock')) noLock('Value');
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): Lock | RLock {
    return this.getLock();
  }

  /** Python's `get_obj()`: the value itself (reads and writes go through it either way). */
  getObj(): this {
    return this;
  }
}

/** Python's `RawValue(typecode, value)`: a shared value with no lock. */
export function RawValue(typecode: string, value: unknown = 0): Value {
  return new Value(typecode, value, false);
}

/** Python's `RawArray(typecode, sizeOrInit)`: a shared array with no lock. */
export function RawArray(typecode: string, sizeOrInit: number | readonly unknown[]): Array {
  return new Array(typecode, sizeOrInit, false);
}

export class Array extends SharedObject {
  private lockObj: Lock | RLock | undefined;

  constructor(typecode: string, sizeOrInit: number | readonly unknown[], lock?: LockOption) {
    super();
    checkTypecode('Array', typecode);
    if (typeof sizeOrInit === 'number' && (!Number.isInteger(sizeOrInit) || sizeOrInit < 0)) throw new ValueError(`Array: size must be an integer >= 0, got ${sizeOrInit}`);
    const cells = typeof sizeOrInit === 'number' ? new globalThis.Array<unknown>(sizeOrInit).fill(0) : sizeOrInit.map((x) => coerce(typecode, x));
    this.lockObj = lockFor(lock);
    this.init('Array', new CellsImpl(typecode, cells), { typecode, length: cells.length });
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

  /** A copy of every element (Python's `arr[:]`). */
  toArray(): Promise<any[]> {
    return this.call('all');
  }

  /** @internal the lock travels with the array */
  handle(): HandleData {
    return withLockFact(this, this.lockObj);
  }

  getLock(): Lock | RLock {
    if (!this.lockObj && !this.fact('lock')) noLock('Array');
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): Lock | RLock {
    return this.getLock();
  }

  /** Python's `get_obj()`: the array itself. */
  getObj(): this {
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
