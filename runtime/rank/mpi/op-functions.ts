/**
 * What MPI's predefined reduction ops compute (mpi4py's opimpl.pxi): `fn(x, y)` with `x` the
 * earlier ranks' partial. Scalar ops apply element by element to arrays and typed arrays (as to
 * numpy arrays under mpi4py); MAXLOC/MINLOC take whole `[value, index]` pairs.
 */
import { isTypedArray, type TypedArray } from '../transport/dtypes.js';
import { OpError } from './errors.js';

export interface Predefined {
  readonly name: string;
  readonly commute: boolean;
  /** Scalar ops apply element-wise to arrays; *LOC get whole pairs. */
  readonly elementwise: boolean;
  readonly fn: (x: any, y: any) => any;
}

const bool = (x: unknown): boolean => Boolean(x);
/** A logical op's result in the kind of its operands: a boolean for booleans (Python's bool), else 0/1. */
const asBoolNumber = (x: boolean, like: unknown): unknown => (typeof like === 'boolean' ? x : typeof like === 'bigint' ? BigInt(x) : Number(x));

/** Python's `x < y`: sequences compare element by element (mpi4py compares `[1] < [2]` so). */
function lt(x: any, y: any): boolean {
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (lt(x[i], y[i])) return true;
      if (lt(y[i], x[i])) return false;
    }
    return x.length < y.length;
  }
  return x < y;
}

/** MAXLOC/MINLOC: the better value, or on a tie the lower index (MPI's rule). */
function loc(name: string, better: (x: any, y: any) => boolean) {
  return (x: unknown, y: unknown): [unknown, unknown] => {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== 2 || y.length !== 2) {
      throw new OpError(`MPI.${name}: each rank must contribute a [value, index] pair`);
    }
    const [u, i] = x;
    const [v, j] = y;
    if (better(u, v)) return [u, i];
    if (better(v, u)) return [v, j];
    return lt(j, i) ? [v, j] : [u, i];
  };
}

const op = (name: string, fn: (x: any, y: any) => any, commute = true, elementwise = true): Predefined => ({ name, commute, elementwise, fn });

export const PREDEFINED = {
  SUM: op('SUM', (a, b) => a + b),
  PROD: op('PROD', (a, b) => a * b),
  MAX: op('MAX', (a, b) => (lt(a, b) ? b : a)),
  MIN: op('MIN', (a, b) => (lt(b, a) ? b : a)),
  LAND: op('LAND', (a, b) => asBoolNumber(bool(a) && bool(b), a)),
  LOR: op('LOR', (a, b) => asBoolNumber(bool(a) || bool(b), a)),
  LXOR: op('LXOR', (a, b) => asBoolNumber(bool(a) !== bool(b), a)),
  BAND: op('BAND', (a, b) => a & b),
  BOR: op('BOR', (a, b) => a | b),
  BXOR: op('BXOR', (a, b) => a ^ b),
  MAXLOC: op('MAXLOC', loc('MAXLOC', (x, y) => lt(y, x)), true, false),
  MINLOC: op('MINLOC', loc('MINLOC', lt), true, false),
  /** Keeps the later value (MPI.REPLACE, for accumulate-style use). */
  REPLACE: op('REPLACE', (_a, b) => b, false),
  /** Keeps the earlier value: the result is the lowest rank's (MPI.NO_OP). */
  NO_OP: op('NO_OP', (a, _b) => a, false),
} as const;

/** Applies a predefined op to two partial results of the same shape. */
export function combineElementwise(p: Predefined, a: unknown, b: unknown): unknown {
  if (!p.elementwise) return p.fn(a, b);
  if (isTypedArray(a) && isTypedArray(b)) return zipTyped(p, a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) throw new OpError(`MPI.${p.name}: arrays of different lengths (${a.length} and ${b.length}) cannot be reduced element-wise`);
    return a.map((x, i) => combineElementwise(p, x, b[i]));
  }
  return p.fn(a, b);
}

function zipTyped(p: Predefined, a: TypedArray, b: TypedArray): TypedArray {
  if (a.length !== b.length) throw new OpError(`MPI.${p.name}: buffers of different lengths (${a.length} and ${b.length}) cannot be reduced`);
  const out = a.slice() as TypedArray;
  for (let i = 0; i < out.length; i++) (out as any)[i] = p.fn((a as any)[i], (b as any)[i]);
  return out;
}
