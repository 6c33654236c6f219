/**
 * The storage behind `Value` and `Array`: cells in the owning process, written as Python's ctypes
 * types store numbers, and the `lock` option both classes take.
 */
import { SharedObject } from './base.js';
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

export function coerce(typecode: string, x: unknown): unknown {
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

export class CellsImpl implements ObjectImpl {
  constructor(private readonly typecode: string, private readonly cells: unknown[]) {}

  /** The value in cell `i`, read synchronously by the owner's toString(). */
  peek(i: number): unknown {
    return this.cells[i];
  }

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

export function checkTypecode(what: string, typecode: string): void {
  // Python: TypeError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)").
  if (typeof typecode !== 'string' || !(typecode in TYPECODES)) throw new TypeError(`${what}: bad typecode ${JSON.stringify(typecode)} (must be one of ${Object.keys(TYPECODES).join(' ')}, e.g. 'i' int, 'd' double)`);
}

/** Python's `lock=True` or `None` (a new RLock), `lock=False` (none) or a lock to share; also `{ lock }`. */
export type LockOption = boolean | null | Lock | RLock | { lock?: boolean | null | Lock | RLock };

/** The ctypes type name Python prints for `typecode` (`c_int` for 'i'). */
export function ctypeName(typecode: string): string {
  const names: Record<string, string> = { b: 'byte', B: 'ubyte', h: 'short', H: 'ushort', i: 'int', I: 'uint', l: 'long', L: 'ulong', q: 'longlong', Q: 'ulonglong', f: 'float', d: 'double', c: 'char', u: 'wchar' };
  return `c_${names[typecode] ?? typecode}`;
}

/** Python's repr of a ctypes scalar: `c_int(5)`, `c_double(1.5)`, `c_char(b'a')`, `c_wchar('a')`. */
export function ctypeRepr(typecode: string, v: unknown): string {
  let text: string;
  if (v === undefined) text = 'unknown';
  else if (typecode === 'c') text = `b'${typeof v === 'string' ? v : String.fromCharCode(...(v as Uint8Array))}'`;
  else if (typecode === 'u') text = `'${v as string}'`;
  else if ((typecode === 'd' || typecode === 'f') && Number.isInteger(v)) text = `${v as number}.0`;
  else text = String(v as number | bigint | boolean); // the other typecodes hold numbers (q/Q: bigints, ?: booleans)
  return `${ctypeName(typecode)}(${text})`;
}

export function lockFor(option: LockOption | undefined, what = 'Value'): Lock | RLock | false {
  if (option && typeof option === 'object' && !(option instanceof SharedObject)) {
    // Python's Value/Array take only `lock` as a keyword: anything else is a TypeError naming it.
    for (const k of Object.keys(option)) if (k !== 'lock') throw new TypeError(`${what}() got an unexpected keyword argument '${k}'; it takes lock`);
  }
  const o: unknown = option && typeof option === 'object' && !(option instanceof SharedObject) ? option.lock : option;
  if (o === undefined || o === null || o === true) return new RLock();
  if (o === false) return false;
  if (o instanceof Lock || o instanceof RLock) return o;
  // Python: AttributeError("'navalue' has no method 'acquire'").
  throw new AttributeError(`lock: ${JSON.stringify(o)} has no method 'acquire'; pass true, false, null, or an mp.Lock / mp.RLock`);
}

/** The handle, carrying the lock's handle too, so every process guards with the same lock. */
export function withLockFact(obj: SharedObject, lock: Lock | RLock | undefined): HandleData {
  const h = SharedObject.prototype.handle.call(obj);
  if (lock && !h.facts?.lock) obj._h = { ...h, facts: { ...h.facts, lock: lock.handle() } };
  return obj._h;
}
