/**
 * `Value` and `Array`: shared numbers. Node processes share no memory, so reads and writes are
 * awaited calls to the owning process (`await v.get()`, `await v.set(x)`); each read or write is
 * atomic, a read-modify-write is not — guard it with `getLock()`, as in the course's lesson.
 */
import { proxyFor, registerKind, SharedObject } from './base.js';
import type { HandleData } from './protocol.js';
import { ValueError } from './errors.js';
import { RLock } from './locks.js';
import type { ObjectImpl } from './registry.js';

const TYPECODES: Record<string, { int: boolean; min?: number; max?: number }> = {
  b: { int: true, min: -128, max: 127 }, B: { int: true, min: 0, max: 255 }, h: { int: true }, H: { int: true },
  i: { int: true }, I: { int: true }, l: { int: true }, L: { int: true }, q: { int: true }, Q: { int: true },
  f: { int: false }, d: { int: false }, c: { int: false }, u: { int: false },
};

function coerce(typecode: string, x: unknown): unknown {
  const t = TYPECODES[typecode];
  if (!t || typeof x !== 'number') return x;
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
  if (!(typecode in TYPECODES)) throw new ValueError(`${what}: unknown typecode '${typecode}'; use one of ${Object.keys(TYPECODES).join(' ')} (e.g. 'i' int, 'd' double)`);
}

export class Value extends SharedObject {
  private lockObj: RLock | undefined;

  constructor(typecode: string, value: unknown = 0) {
    super();
    checkTypecode('Value', typecode);
    this.lockObj = new RLock();
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
    return withLockFact(this, this.getLock());
  }

  /** The lock that guards this value (an RLock, as in Python). */
  getLock(): RLock {
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): RLock {
    return this.getLock();
  }
}

export class Array extends SharedObject {
  private lockObj: RLock | undefined;

  constructor(typecode: string, sizeOrInit: number | readonly unknown[]) {
    super();
    checkTypecode('Array', typecode);
    const cells = typeof sizeOrInit === 'number' ? new globalThis.Array<unknown>(sizeOrInit).fill(0) : sizeOrInit.map((x) => coerce(typecode, x));
    this.lockObj = new RLock();
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
    return withLockFact(this, this.getLock());
  }

  getLock(): RLock {
    return (this.lockObj ??= proxyFor(this.fact('lock')) as RLock);
  }

  get_lock(): RLock {
    return this.getLock();
  }
}

function withLockFact(obj: SharedObject, lock: RLock): HandleData {
  const h = SharedObject.prototype.handle.call(obj);
  if (!h.facts?.lock) obj._h = { ...h, facts: { ...h.facts, lock: lock.handle() } };
  return obj._h;
}

registerKind('Value', Value);
registerKind('Array', Array);
