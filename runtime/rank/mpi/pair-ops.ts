/**
 * MPI.MAXLOC and MPI.MINLOC in buffer reductions: the operands are MPI's pair types (MPI.DOUBLE_INT,
 * …). A buffer of pairs travels packed (datatypes.ts: value bytes, then the int index's, no
 * padding), so each element is decoded into the `[value, index]` pair the predefined op combines
 * (op-functions.ts: the better value, on a tie the lower index) and encoded back. The pair types
 * themselves are defined here too (MPI.DOUBLE_INT, …).
 */
import type { TypedArray } from '../transport/dtypes.js';
import { Datatype, type PairValue } from './datatype.js';
import { OpError } from './errors.js';
import type { Predefined } from './op-functions.js';
import { combine, predefinedMap, resized } from './typemap.js';

/**
 * One of MPI's pair types: a C struct `{ value; int index }`, padded as a C compiler pads it
 * (MPI.DOUBLE_INT: index at byte 8, extent 16, size 12). Its buffers travel packed (12 bytes).
 */
function pairType(name: string, value: PairValue): Datatype {
  const at = Math.ceil(value.size / 4) * 4;
  const align = Math.max(value.size, 4);
  const fields = combine([{ disp: 0, count: 1, type: predefinedMap(value.size, value.code) }, { disp: at, count: 1, type: predefinedMap(4, 6) }]);
  return new Datatype(name, value.size + 4, 2, resized(fields, 0, Math.ceil((at + 4) / align) * align), value);
}

/**
 * MPI's pair types, the operands of MPI.MAXLOC and MPI.MINLOC in buffer reductions: each element
 * is a C struct `{ value; int index }` with C's padding, so a buffer of them is an ArrayBuffer seen
 * through two typed arrays (MPI.DOUBLE_INT: value k at `Float64Array[2k]`, index at `Int32Array[4k + 2]`).
 * MPI.LONG_DOUBLE_INT is left out: no typed array holds a C long double.
 */
export const PAIR_DATATYPES = {
  /** MPI.SHORT_INT: a `{ short value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  SHORT_INT: pairType('MPI.SHORT_INT', { size: 2, code: 4 }),
  /** MPI.INT_INT: a `{ int value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  INT_INT: pairType('MPI.INT_INT', { size: 4, code: 6 }),
  /** MPI.LONG_INT: a `{ long value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  LONG_INT: pairType('MPI.LONG_INT', { size: 8, code: 10 }),
  /** MPI.FLOAT_INT: a `{ float value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  FLOAT_INT: pairType('MPI.FLOAT_INT', { size: 4, code: 8 }),
  /** MPI.DOUBLE_INT: a `{ double value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  DOUBLE_INT: pairType('MPI.DOUBLE_INT', { size: 8, code: 9 }),
} as const;


/** Typed arrays use the platform's byte order; a DataView must be told it. */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Value = number | bigint;

function read(view: DataView, at: number, v: PairValue): Value {
  switch (v.code) {
    case 4: return view.getInt16(at, LITTLE);
    case 6: return view.getInt32(at, LITTLE);
    case 8: return view.getFloat32(at, LITTLE);
    case 9: return view.getFloat64(at, LITTLE);
    default: return view.getBigInt64(at, LITTLE);
  }
}

function write(view: DataView, at: number, v: PairValue, x: Value): void {
  switch (v.code) {
    case 4: return view.setInt16(at, Number(x), LITTLE);
    case 6: return view.setInt32(at, Number(x), LITTLE);
    case 8: return view.setFloat32(at, Number(x), LITTLE);
    case 9: return view.setFloat64(at, Number(x), LITTLE);
    default: return view.setBigInt64(at, BigInt(x), LITTLE);
  }
}

const dataView = (a: TypedArray): DataView => new DataView(a.buffer, a.byteOffset, a.byteLength);

/** Ops that are defined on pairs: the *LOC ones, and those that only pick an operand. */
const ON_PAIRS = new Set(['MAXLOC', 'MINLOC', 'REPLACE', 'NO_OP']);

/** `p` applied pair by pair to two packed buffers of `datatype` (`x` the earlier ranks' partial). */
export function reducePairs(p: Predefined, datatype: Datatype, x: TypedArray, y: TypedArray): TypedArray {
  const v = datatype.pair!;
  if (!ON_PAIRS.has(p.name)) {
    throw new OpError(`MPI.${p.name} is not defined on ${datatype.name}; pair types reduce with MPI.MAXLOC or MPI.MINLOC`);
  }
  if (x.byteLength !== y.byteLength) throw new OpError(`MPI.${p.name}: buffers of different lengths (${x.byteLength} and ${y.byteLength} bytes) cannot be reduced`);
  const out = new Uint8Array(x.byteLength);
  const [a, b, o] = [dataView(x), dataView(y), dataView(out)];
  for (let at = 0; at + datatype.size <= out.length; at += datatype.size) {
    const idx = at + v.size;
    const [value, index] = p.fn([read(a, at, v), a.getInt32(idx, LITTLE)], [read(b, at, v), b.getInt32(idx, LITTLE)]) as [Value, number];
    write(o, at, v, value);
    o.setInt32(idx, index, LITTLE);
  }
  return out;
}

/** Why MAXLOC/MINLOC cannot reduce a buffer that is not of a pair type. */
export function notPairs(p: Predefined, datatype: Datatype | undefined): OpError {
  const what = datatype ? datatype.name : 'a buffer without a pair datatype';
  return new OpError(`MPI.${p.name} reduces [value, index] pairs, not ${what}; give the buffers a pair type: [buf, MPI.DOUBLE_INT] (MPI.SHORT_INT, MPI.INT_INT, MPI.LONG_INT, MPI.FLOAT_INT)`);
}
