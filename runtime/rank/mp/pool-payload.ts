/**
 * How a chunk's items (and its results) travel between a `Pool` and its workers. Numbers are
 * packed in a typed array: v8 then copies bytes instead of tagging every element, which is most of
 * the cost of mapping a cheap function over many numbers. Whole numbers go as 32-bit integers:
 * half the bytes of doubles, and they unpack as small integers, so the array a map returns keeps
 * V8's compact integer form instead of being converted (a copy) to one of doubles.
 */

/** A chunk's values as they travel: a plain array, or packed numbers. Always lossless. */
export type Payload = unknown[] | Int32Array | Float64Array;

/** Below this many values, packing saves nothing. */
const PACK_MIN = 64;
/** Arrays packed here: nothing else holds them, so they may be sent without a copy. */
const packedHere = new WeakSet<object>();

export function isPacked(x: unknown): x is Int32Array | Float64Array {
  return typeof x === 'object' && x !== null && packedHere.has(x);
}

/** `values[start, end)` to send, packed when they are all numbers; `values` is not sliced first. */
export function packNumbers(values: unknown[], start = 0, end = values.length): Payload {
  if (end - start < PACK_MIN) return values.slice(start, end);
  let ints = true;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (typeof v !== 'number') return values.slice(start, end);
    // -0 is not an int32 (it would come back as 0).
    if (ints && ((v | 0) !== v || (v === 0 && 1 / v < 0))) ints = false;
  }
  const packed = ints ? new Int32Array(end - start) : new Float64Array(end - start);
  for (let i = start; i < end; i++) packed[i - start] = values[i] as number;
  packedHere.add(packed);
  return packed;
}

/**
 * Copies a received payload into `out` from `offset`. Results go straight into the one array a
 * map returns: building per-chunk arrays and joining them costs as much again as the work (large
 * arrays are slow to allocate: each is fresh memory the OS must map in).
 */
export function unpackInto(out: unknown[], offset: number, payload: Payload): void {
  for (let i = 0; i < payload.length; i++) out[offset + i] = payload[i];
}
