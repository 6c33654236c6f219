/**
 * `MPI.Get_address` and `MPI.BOTTOM`. JavaScript has no pointers, so an address here is
 * `buffer number × 2^32 + byte offset`: each ArrayBuffer whose address is taken gets a number,
 * and a datatype built from such addresses (Create_struct with Get_address displacements) used
 * with `MPI.BOTTOM` as its buffer finds its bytes again through this table.
 */
import type { TypedArray } from '../transport/dtypes.js';
import { BufferError } from './errors.js';
import type { Memory } from './typemap.js';

/** mpi4py's `MPI.BOTTOM`: the buffer argument meaning "displacements are absolute addresses". */
export const BOTTOM: unique symbol = Symbol('MPI.BOTTOM');

const SPAN = 2 ** 32;
const numbers = new WeakMap<ArrayBufferLike, number>();
const buffers = new Map<number, WeakRef<ArrayBufferLike>>();

/** The address of `location`'s first byte (mpi4py's `MPI.Get_address(buf)`). */
export function getAddress(location: TypedArray): number {
  let n = numbers.get(location.buffer);
  if (n === undefined) {
    n = buffers.size + 1;
    numbers.set(location.buffer, n);
    buffers.set(n, new WeakRef(location.buffer));
  }
  return n * SPAN + location.byteOffset;
}

/** Memory addressed by absolute addresses (a datatype's displacements, with MPI.BOTTOM). */
export const ABSOLUTE: Memory = {
  bytes(address: number, len: number): Uint8Array {
    const buffer = buffers.get(Math.floor(address / SPAN))?.deref();
    const at = address % SPAN;
    if (!buffer || at + len > buffer.byteLength) {
      throw new BufferError(`address ${address} is not in a buffer whose address MPI.Get_address gave; with MPI.BOTTOM, build the datatype from MPI.Get_address(buf) displacements`);
    }
    return new Uint8Array(buffer, at, len);
  },
};

/** Memory of one typed array, addressed from its first byte. */
export function memoryOf(buf: TypedArray): Memory {
  return {
    bytes: (disp, len) => new Uint8Array(buf.buffer, buf.byteOffset + disp, len),
  };
}
