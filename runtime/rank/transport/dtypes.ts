/** The typed-array kinds that capitalised MPI methods move as raw bytes, with their wire codes. */

export type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array
  | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

type TypedArrayConstructor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number; name: string };

const KINDS: TypedArrayConstructor[] = [
  Uint8Array, // 0: also the code of clone payloads, never looked up for them
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

export function dtypeCode(a: TypedArray): number {
  // A subclass (Node's Buffer is a Uint8Array) travels as the kind it extends.
  let ctor: unknown = a.constructor;
  let i = KINDS.indexOf(ctor as TypedArrayConstructor, 1);
  while (i < 0 && typeof ctor === 'function' && ctor !== Function.prototype) {
    ctor = Object.getPrototypeOf(ctor);
    i = KINDS.indexOf(ctor as TypedArrayConstructor, 1);
  }
  if (i < 0) throw new TypeError(`rankscope: unsupported buffer type ${a.constructor.name}`);
  return i;
}

export function dtypeName(code: number): string {
  return KINDS[code]?.name ?? `dtype ${code}`;
}

/** The bytes of a typed array, as a view (no copy). */
export function bytesOf(a: TypedArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** A new typed array of kind `code` holding a copy of `bytes`. */
export function typedArrayCopy(code: number, bytes: Uint8Array): TypedArray {
  const Ctor = KINDS[code] ?? Uint8Array;
  const copy = new Uint8Array(bytes);
  return new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
}

/** A typed array of one of the kinds above itself (not a Buffer, not a subclass). */
export function isPlainTypedArray(x: unknown): x is TypedArray {
  return isTypedArray(x) && KINDS.indexOf(x.constructor as TypedArrayConstructor, 1) > 0;
}

/** A typed array of kind `code` over `bytes` (no copy); `bytes` must be aligned for the kind. */
export function typedArrayOver(code: number, bytes: Uint8Array): TypedArray {
  const Ctor = KINDS[code] ?? Uint8Array;
  return new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
}
