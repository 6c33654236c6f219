/**
 * mpi4py's test/arrayimpl.py for TypeScript: one array backend, typed arrays, over the typecodes
 * of mpi4py's default TypeMap that have a typed-array kind (`g`, long double, has none).
 * `array(value, typecode, n)` fills n elements; `as_mpi()` is `[buf, datatype]`, `as_mpi_c(count)`
 * `[buf, count, datatype]`, `as_mpi_v(counts, displs)` `[buf, [counts, displs], datatype]`.
 */
import { MPI } from 'rankscope/mpi';

type Kind = { new (n: number): any; BYTES_PER_ELEMENT: number; name: string };

const TYPES: Record<string, [Kind, InstanceType<typeof MPI.Datatype>]> = {
  b: [Int8Array, MPI.SIGNED_CHAR],
  h: [Int16Array, MPI.SHORT],
  i: [Int32Array, MPI.INT],
  l: [BigInt64Array, MPI.LONG],
  q: [BigInt64Array, MPI.LONG_LONG],
  f: [Float32Array, MPI.FLOAT],
  d: [Float64Array, MPI.DOUBLE],
};

export type Typecode = keyof typeof TYPES;

export class TArray {
  readonly array: any;
  /** `array(value, typecode, shape)`: `shape` a length or a `[rows, cols]` pair (stored flat). */
  constructor(value: number | Iterable<number>, readonly typecode: string, shape?: number | [number, number]) {
    const [Kind] = TYPES[typecode];
    const n = shape === undefined ? 1 : typeof shape === 'number' ? shape : shape[0] * shape[1];
    const values = typeof value === 'number' ? Array(n).fill(value) : Array.from(value);
    this.array = new Kind(values.length);
    values.forEach((v, i) => (this.array[i] = convert(typecode, v)));
  }
  get length(): number {
    return this.array.length;
  }
  get mpidtype() {
    return TYPES[this.typecode][1];
  }
  get itemsize(): number {
    return TYPES[this.typecode][0].BYTES_PER_ELEMENT;
  }
  /** Python's `a[i]` (negative from the end). */
  at(i: number): unknown {
    return this.array.at(i);
  }
  /** Python's `a[start:end]` as a list. */
  slice(start?: number, end?: number): unknown[] {
    return Array.from(this.array.slice(start, end));
  }
  /** numpy's `a.flat`: the elements in order, writable. */
  get flat(): any {
    return this.array;
  }
  /** Python's `enumerate(a)`. */
  enumerate(): [number, unknown][] {
    return Array.from(this.array as ArrayLike<unknown>, (v, i) => [i, v]);
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.array[Symbol.iterator]();
  }
  as_raw(): any {
    return this.array;
  }
  as_mpi(): [any, unknown] {
    return [this.array, this.mpidtype];
  }
  as_mpi_c(count: number): [any, number, unknown] {
    return [this.array, count, this.mpidtype];
  }
  /** `(buf, (cnt, dsp), type)`; two single numbers take the four-item form `[buf, cnt, dsp, type]` (README.md). */
  as_mpi_v(cnt: unknown, dsp: unknown): unknown[] {
    if (typeof cnt === 'number' && typeof dsp === 'number') return [this.array, cnt, dsp, this.mpidtype];
    return [this.array, [cnt, dsp], this.mpidtype];
  }
}

function convert(typecode: string, v: number): number | bigint {
  return typecode === 'l' || typecode === 'q' ? BigInt(Math.trunc(v)) : v;
}

/** The datatype of each typecode (arrayimpl's `array.TypeMap`). */
export const TypeMap = Object.fromEntries(Object.entries(TYPES).map(([k, [, d]]) => [k, d]));

/** Python's `range(n)` / `range(a, b)`. */
export function range(a: number, b?: number): number[] {
  const [from, to] = b === undefined ? [0, a] : [a, b];
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}

/** The loop's current typecode, for `scalar` (arrayimpl's module-level context). */
let current: string = 'i';

/** `for array, typecode in arrayimpl.loop()`: every typecode, with the array class. */
export function* loop(): Generator<[typeof TArray, string]> {
  for (const typecode of Object.keys(TYPES)) {
    current = typecode;
    yield [TArray, typecode];
  }
}

/** `arrayimpl.scalar(x)`: `x` as an element of the current typecode holds it. */
export function scalar(x: number): unknown {
  return new TArray(x, current, 1).at(0);
}

/** The subTest parameters `with arrayimpl.test(self)` names. */
export function params(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { typecode: current, backend: 'typedarray', ...extra };
}
