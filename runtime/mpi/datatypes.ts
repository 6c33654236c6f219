/** MPI datatypes, for `Status.Get_count(datatype)` and the `[buf, MPI.DOUBLE]` buffer form. */
import type { TypedArray } from '../transport/dtypes.js';

export class Datatype {
  constructor(readonly name: string, readonly size: number) {}
  Get_size(): number {
    return this.size;
  }
  toString(): string {
    return this.name;
  }
}

export const DATATYPES = {
  BYTE: new Datatype('MPI.BYTE', 1),
  CHAR: new Datatype('MPI.CHAR', 1),
  SIGNED_CHAR: new Datatype('MPI.SIGNED_CHAR', 1),
  UNSIGNED_CHAR: new Datatype('MPI.UNSIGNED_CHAR', 1),
  SHORT: new Datatype('MPI.SHORT', 2),
  UNSIGNED_SHORT: new Datatype('MPI.UNSIGNED_SHORT', 2),
  INT: new Datatype('MPI.INT', 4),
  UNSIGNED: new Datatype('MPI.UNSIGNED', 4),
  LONG: new Datatype('MPI.LONG', 8),
  UNSIGNED_LONG: new Datatype('MPI.UNSIGNED_LONG', 8),
  INT64_T: new Datatype('MPI.INT64_T', 8),
  FLOAT: new Datatype('MPI.FLOAT', 4),
  DOUBLE: new Datatype('MPI.DOUBLE', 8),
} as const;

/** A typed-array constructor also names a datatype (`Float64Array` ≡ MPI.DOUBLE). */
export type DatatypeLike = Datatype | { BYTES_PER_ELEMENT: number };

export function datatypeSize(d: DatatypeLike): number {
  return d instanceof Datatype ? d.size : d.BYTES_PER_ELEMENT;
}

/** mpi4py's buffer specifications: `buf`, `[buf, MPI.DOUBLE]` or `[buf, count, MPI.DOUBLE]`. */
export type BufferSpec = TypedArray | [TypedArray, ...unknown[]];
