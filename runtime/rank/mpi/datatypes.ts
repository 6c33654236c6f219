/**
 * MPI datatypes, and mpi4py's buffer specifications: `buf`, `[buf, type]`, `[buf, count, type]`,
 * `[buf, count, displ, type]` (and `null` for an empty buffer). A specification resolves to a view
 * of exactly the elements it names, so every buffer call moves `count` elements of `type` starting
 * at element `displ`, not the whole array.
 */
import { inspect } from 'node:util';
import { bytesOf, isTypedArray, typedArrayOver, type TypedArray } from '../transport/dtypes.js';
import { ABSOLUTE, BOTTOM, memoryOf } from './addresses.js';
import { BufferError, CountError, DatatypeError } from './errors.js';
import { Datatype } from './datatype.js';
import { pack, span, unpack } from './typemap.js';

export { Datatype, ORDER_C, ORDER_FORTRAN } from './datatype.js';

/** The predefined datatypes (`MPI.INT`, `MPI.DOUBLE`, …), each with the typed-array kind its elements live in. */
export const DATATYPES = {
  /** MPI.BYTE: raw bytes (Uint8Array). */
  BYTE: new Datatype('MPI.BYTE', 1, 2),
  /** MPI.CHAR: C char (Int8Array). */
  CHAR: new Datatype('MPI.CHAR', 1, 1),
  /** MPI.SIGNED_CHAR: C signed char (Int8Array). */
  SIGNED_CHAR: new Datatype('MPI.SIGNED_CHAR', 1, 1),
  /** MPI.UNSIGNED_CHAR: C unsigned char (Uint8Array). */
  UNSIGNED_CHAR: new Datatype('MPI.UNSIGNED_CHAR', 1, 2),
  /** MPI.SHORT: C short (Int16Array). */
  SHORT: new Datatype('MPI.SHORT', 2, 4),
  /** MPI.UNSIGNED_SHORT: C unsigned short (Uint16Array). */
  UNSIGNED_SHORT: new Datatype('MPI.UNSIGNED_SHORT', 2, 5),
  /** MPI.INT: C int, 4 bytes (Int32Array). */
  INT: new Datatype('MPI.INT', 4, 6),
  /** MPI.UNSIGNED: C unsigned int (Uint32Array). */
  UNSIGNED: new Datatype('MPI.UNSIGNED', 4, 7),
  /** MPI.LONG: C long, 8 bytes (BigInt64Array). */
  LONG: new Datatype('MPI.LONG', 8, 10),
  /** MPI.UNSIGNED_LONG: C unsigned long, 8 bytes (BigUint64Array). */
  UNSIGNED_LONG: new Datatype('MPI.UNSIGNED_LONG', 8, 11),
  /** MPI.LONG_LONG: C long long (BigInt64Array). */
  LONG_LONG: new Datatype('MPI.LONG_LONG', 8, 10),
  /** MPI.UNSIGNED_LONG_LONG: C unsigned long long (BigUint64Array). */
  UNSIGNED_LONG_LONG: new Datatype('MPI.UNSIGNED_LONG_LONG', 8, 11),
  /** MPI.INT8_T: int8_t (Int8Array). */
  INT8_T: new Datatype('MPI.INT8_T', 1, 1),
  /** MPI.UINT8_T: uint8_t (Uint8Array). */
  UINT8_T: new Datatype('MPI.UINT8_T', 1, 2),
  /** MPI.INT16_T: int16_t (Int16Array). */
  INT16_T: new Datatype('MPI.INT16_T', 2, 4),
  /** MPI.UINT16_T: uint16_t (Uint16Array). */
  UINT16_T: new Datatype('MPI.UINT16_T', 2, 5),
  /** MPI.INT32_T: int32_t (Int32Array). */
  INT32_T: new Datatype('MPI.INT32_T', 4, 6),
  /** MPI.UINT32_T: uint32_t (Uint32Array). */
  UINT32_T: new Datatype('MPI.UINT32_T', 4, 7),
  /** MPI.INT64_T: int64_t (BigInt64Array). */
  INT64_T: new Datatype('MPI.INT64_T', 8, 10),
  /** MPI.UINT64_T: uint64_t (BigUint64Array). */
  UINT64_T: new Datatype('MPI.UINT64_T', 8, 11),
  /** MPI.FLOAT: C float, 4 bytes (Float32Array). */
  FLOAT: new Datatype('MPI.FLOAT', 4, 8),
  /** MPI.DOUBLE: C double, 8 bytes (Float64Array). */
  DOUBLE: new Datatype('MPI.DOUBLE', 8, 9),
} as const;

/** mpi4py's typecode strings (`[buf, 'i']`), as Python's array module spells them. */
const TYPECODES: Record<string, Datatype> = {
  c: DATATYPES.CHAR, b: DATATYPES.SIGNED_CHAR, B: DATATYPES.UNSIGNED_CHAR, h: DATATYPES.SHORT, H: DATATYPES.UNSIGNED_SHORT,
  i: DATATYPES.INT, I: DATATYPES.UNSIGNED, l: DATATYPES.LONG, L: DATATYPES.UNSIGNED_LONG,
  q: DATATYPES.LONG_LONG, Q: DATATYPES.UNSIGNED_LONG_LONG, f: DATATYPES.FLOAT, d: DATATYPES.DOUBLE,
};

/** A typed-array constructor also names a datatype (`Float64Array` ≡ MPI.DOUBLE). */
export type DatatypeLike = Datatype | { BYTES_PER_ELEMENT: number } | string;

export function datatypeSize(d: DatatypeLike): number {
  return d instanceof Datatype ? d.size : typeof d === 'string' ? (TYPECODES[d]?.size ?? 1) : d.BYTES_PER_ELEMENT;
}

/**
 * mpi4py's buffer specifications: a typed array, `null` (no data: with MPI.PROC_NULL or count 0),
 * `[buf, type]`, `[buf, count, type]` or `[buf, count, displ, type]` (count and displ in elements
 * of `type`; `type` an MPI datatype, a typed-array class or a typecode such as `'i'`).
 */
export type BufferSpec = TypedArray | null | [TypedArray | null | typeof BOTTOM, ...unknown[]];

/** `MPI.DATATYPE_NULL`: no datatype; a buffer specification with it is an error. */
export const DATATYPE_NULL = new Datatype('MPI.DATATYPE_NULL', 0, 2);

function asDatatype(op: string, t: unknown): Datatype | undefined {
  if (t === undefined || t === null) return undefined;
  if (t === DATATYPE_NULL) throw new DatatypeError(`${op}: MPI.DATATYPE_NULL cannot describe a buffer; use MPI.INT, MPI.DOUBLE, …`);
  if (t instanceof Datatype) return t;
  if (typeof t === 'string' && TYPECODES[t]) return TYPECODES[t];
  if (typeof t === 'function' && typeof (t as { BYTES_PER_ELEMENT?: unknown }).BYTES_PER_ELEMENT === 'number') {
    const d = Object.values(DATATYPES).find((x) => x.code === kindCode(t as Function));
    if (d) return d;
  }
  throw new DatatypeError(`${op}: ${inspect(t)} is not an MPI datatype; use MPI.INT, MPI.DOUBLE, … or a typed-array class`);
}

const KIND_CODES: [Function, number][] = [
  [Int8Array, 1], [Uint8Array, 2], [Uint8ClampedArray, 3], [Int16Array, 4], [Uint16Array, 5],
  [Int32Array, 6], [Uint32Array, 7], [Float32Array, 8], [Float64Array, 9], [BigInt64Array, 10], [BigUint64Array, 11],
];

/** Int8Array, Uint8Array, Uint8ClampedArray: bytes, whatever they hold. */
function isByteKind(code: number): boolean {
  return code <= 3;
}

function kindCode(ctor: Function): number {
  return KIND_CODES.find(([c]) => c === ctor)?.[1] ?? 2;
}

/** The datatype a buffer specification names, if it names one (`[buf, MPI.INT]`, `[buf, count, 'i']`). */
export function specDatatype(spec: unknown): Datatype | undefined {
  if (!Array.isArray(spec) || spec.length < 2 || !isDatatypeLike(spec[spec.length - 1])) return undefined;
  try {
    return asDatatype('', spec[spec.length - 1]);
  } catch {
    return undefined; // a bad datatype is reported where the buffer is resolved
  }
}

/** The predefined datatype a typed array's elements are (Int32Array: MPI.INT, Uint8Array: MPI.BYTE). */
export function datatypeOfKind(a: TypedArray): Datatype {
  const code = kindCode(a.constructor);
  return Object.values(DATATYPES).find((d) => d.code === code) ?? DATATYPES.BYTE;
}

function nonNegativeInt(op: string, what: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new CountError(`${op}: the ${what} in the buffer specification must be an integer >= 0, got ${String(x)}`);
  return x;
}

/**
 * The elements a buffer specification names, as a typed array of the datatype's kind over the
 * caller's memory (no copy): what is sent, or where a message lands. For a buffer of `blocks`
 * blocks, one per rank (a Gather's receive buffer, a Scatter's send buffer), a count counts the
 * elements of one block, as MPI's recvcount and sendcount do.
 */
export function resolveBuffer(op: string, spec: unknown, blocks = 1): TypedArray {
  const parts = Array.isArray(spec) ? spec : [spec];
  const [buf, ...rest] = parts;
  if (buf !== null && buf !== undefined && buf !== BOTTOM && !isTypedArray(buf)) {
    throw new BufferError(`${op}: expected a typed array (e.g. Float64Array, Int32Array) as the buffer, got ${describe(buf)}; use the lower-case method to send other values`);
  }
  let count: unknown;
  let displ: unknown;
  let type: unknown;
  // mpi4py's forms: [buf, type], [buf, count], [buf, (count, displ)], [buf, count, type], [buf, count, displ, type].
  if (rest.length === 1 && (typeof rest[0] === 'number' || Array.isArray(rest[0]))) [count] = rest;
  else if (rest.length === 1) [type] = rest;
  else if (rest.length === 2) [count, type] = rest;
  else if (rest.length === 3) [count, displ, type] = rest;
  else if (rest.length > 3) throw new BufferError(`${op}: a buffer specification is [buf], [buf, type], [buf, count, type] or [buf, count, displ, type]; got ${parts.length} items`);
  if (Array.isArray(count) && rest.length <= 2) {
    if (count.length !== 2) throw new BufferError(`${op}: a [count, displ] pair in a buffer specification has 2 items, got ${count.length}`);
    [count, displ] = count;
  }
  count ??= undefined; // mpi4py's None: as many as the buffer holds
  displ ??= 0;
  const datatype = asDatatype(op, type);
  datatype?.checkLive(op, true);
  if (buf === BOTTOM || (datatype?.packed && buf !== null && buf !== undefined)) {
    return derivedView(op, buf, count, displ, datatype, blocks);
  }
  if (buf === null || buf === undefined) {
    const n = count === undefined ? 0 : nonNegativeInt(op, 'count', count);
    if (n !== 0) throw new BufferError(`${op}: the buffer is null but the count is ${n}; pass a typed array, or count 0`);
    return new Uint8Array(0);
  }
  const code = datatype?.code ?? kindCode(buf.constructor);
  const size = datatype?.size ?? buf.BYTES_PER_ELEMENT;
  const d = nonNegativeInt(op, 'displacement', displ);
  const available = Math.floor((buf.byteLength - d * size) / size);
  if (count === undefined && available >= 0 && (buf.byteLength - d * size) % size !== 0) {
    throw new BufferError(`${op}: the buffer's ${buf.byteLength - d * size} bytes${d ? ` from element ${d}` : ''} are not a whole number of ${datatype?.name ?? 'elements'} (${size} bytes each); give a count`);
  }
  const n = count === undefined ? Math.max(available, 0) : nonNegativeInt(op, 'count', count) * blocks;
  if (n > available) {
    throw new BufferError(`${op}: the buffer specification asks for ${n} elements${d ? ` from element ${d}` : ''}${datatype ? ` of ${datatype.name}` : ''}, but the buffer holds ${Math.max(available, 0)} there; make the buffer larger or the count smaller`);
  }
  if (!datatype || code === kindCode(buf.constructor)) return buf.subarray(d, d + n) as TypedArray;
  // Raw bytes (a Uint8Array, like mpi4py's bytearray) may hold any datatype, and MPI.BYTE-like
  // types any buffer; otherwise the elements are of one kind and the datatype must say so.
  if (!isByteKind(code) && !isByteKind(kindCode(buf.constructor))) {
    throw new DatatypeError(`${op}: the buffer is a ${buf.constructor.name} but the datatype is ${datatype.name}; pass a buffer of ${datatype.name}'s elements, or the datatype of this buffer's`);
  }
  const byteOffset = buf.byteOffset + d * size;
  if (byteOffset % size !== 0) throw new BufferError(`${op}: ${datatype.name} elements at byte offset ${byteOffset} are not aligned; use a buffer of ${datatype.name}'s kind`);
  return typedArrayOver(code, new Uint8Array(buf.buffer, byteOffset, n * size));
}

/**
 * The elements of a derived datatype (or of MPI.BOTTOM's absolute addresses), packed into a fresh
 * contiguous array: what is sent, or where a message lands before `landed` unpacks it into the
 * caller's memory. A count of elements counts whole datatype elements, `extent` bytes apart.
 */
function derivedView(op: string, buf: TypedArray | typeof BOTTOM, count: unknown, displ: unknown, datatype: Datatype | undefined, blocks: number): TypedArray {
  if (!datatype) throw new DatatypeError(`${op}: MPI.BOTTOM needs a datatype, e.g. [MPI.BOTTOM, 1, MPI.Datatype.Create_struct(…)]`);
  const t = datatype.map;
  const mem = buf === BOTTOM ? ABSOLUTE : memoryOf(buf);
  const start = nonNegativeInt(op, 'displacement', displ) * t.extent;
  let n: number;
  if (count !== undefined) n = nonNegativeInt(op, 'count', count) * blocks;
  else if (buf === BOTTOM) n = 0; // mpi4py's [MPI.BOTTOM, type]: an empty message
  else if (t.extent <= 0) throw new BufferError(`${op}: ${datatype.name} has extent ${t.extent}; with it, give a count`);
  else n = Math.floor((buf.byteLength - start) / t.extent);
  if (start < 0) throw new BufferError(`${op}: a displacement of ${String(displ)} elements of ${datatype.name} (extent ${t.extent}) starts before the buffer`);
  const [first, end] = span(start, n, t);
  if (buf !== BOTTOM && (first < 0 || end > buf.byteLength)) {
    throw new BufferError(`${op}: ${n} elements of ${datatype.name} from byte ${start} reach bytes ${first}..${end}, but the buffer has ${buf.byteLength}; make the buffer larger or the count smaller`);
  }
  const view = typedArrayOver(datatype.code, pack(mem, start, n, t));
  landings.set(view, () => unpack(bytesOf(view), mem, start, n, t));
  return view;
}

const landings = new WeakMap<TypedArray, () => void>();

/**
 * Called once data has landed in a view `resolveBuffer` gave: a derived datatype's elements are
 * unpacked into the caller's memory (for a plain buffer the view is that memory: nothing to do).
 */
export function landed(view: TypedArray): void {
  landings.get(view)?.();
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a plain array';
  return typeof x === 'object' ? (x as object).constructor?.name ?? 'object' : typeof x;
}

/** A vector buffer (the v-collectives): the elements, and each rank's count and displacement in them. */
export interface VectorBuffer {
  buf: TypedArray;
  counts: number[];
  displs: number[];
}

/**
 * mpi4py's vector buffer specifications, for `blocks` ranks: `buf` (counts split as evenly as
 * possible), `[buf, counts]`, `[buf, counts, type]`, `[buf, [counts, displs], type]`,
 * `[buf, counts, displs, type]`; a count given as one number is every rank's, a displacement given
 * as one number is a stride, none means contiguous blocks. (mpi4py's `(counts, displs)` tuple is a
 * two-item array here when either item is an array or null; two single numbers go in the four-item form.)
 */
export function resolveVector(op: string, spec: unknown, blocks: number): VectorBuffer {
  const parts = Array.isArray(spec) ? spec : [spec];
  if (parts.length > 4) throw new BufferError(`${op}: a vector buffer specification has 1 to 4 items, got ${parts.length}`);
  let [buf, counts, displs, type] = parts as unknown[];
  if (parts.length === 2 && isDatatypeLike(counts)) [counts, type] = [undefined, counts];
  // Three items are mpi4py's [buf, counts, type]; [buf, counts, displs] (displacements an array) is kept as well.
  if (parts.length === 3 && !Array.isArray(displs)) [displs, type] = [undefined, displs];
  if (parts.length <= 3 && Array.isArray(counts) && counts.length === 2 && counts.some((x) => Array.isArray(x) || x === null || x === undefined)) {
    [counts, displs] = counts as [unknown, unknown];
  }
  const whole = resolveBuffer(op, type === undefined ? buf : [buf, type]);
  const c = vectorCounts(op, counts, whole.length, blocks);
  const d = vectorDispls(op, displs, c);
  c.forEach((n, i) => {
    if (d[i] + n > whole.length) {
      throw new BufferError(`${op}: block ${i} (${n} elements from element ${d[i]}) runs past the end of the buffer (${whole.length} elements); check counts and displacements`);
    }
  });
  return { buf: whole, counts: c, displs: d };
}

function isDatatypeLike(x: unknown): boolean {
  return x instanceof Datatype || typeof x === 'string' || (typeof x === 'function' && typeof (x as { BYTES_PER_ELEMENT?: unknown }).BYTES_PER_ELEMENT === 'number');
}

function vectorCounts(op: string, counts: unknown, length: number, blocks: number): number[] {
  if (counts === undefined || counts === null) return Array.from({ length: blocks }, (_, i) => Math.floor(length / blocks) + (length % blocks > i ? 1 : 0));
  if (typeof counts === 'number') return Array(blocks).fill(nonNegativeInt(op, 'count', counts));
  if (!Array.isArray(counts) || counts.length !== blocks) {
    throw new CountError(`${op}: expected ${blocks} counts (one per rank), got ${Array.isArray(counts) ? counts.length : typeof counts}`);
  }
  return counts.map((x) => nonNegativeInt(op, 'count', x));
}

function vectorDispls(op: string, displs: unknown, counts: number[]): number[] {
  if (displs === undefined || displs === null) {
    let at = 0;
    return counts.map((n) => (at += n) - n);
  }
  if (typeof displs === 'number') return counts.map((_, i) => nonNegativeInt(op, 'displacement', displs) * i);
  if (!Array.isArray(displs) || displs.length !== counts.length) {
    throw new CountError(`${op}: expected ${counts.length} displacements (one per rank), got ${Array.isArray(displs) ? displs.length : typeof displs}`);
  }
  return displs.map((x) => nonNegativeInt(op, 'displacement', x));
}
