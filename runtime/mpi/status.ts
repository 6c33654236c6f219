/** `MPI.Status`: who sent a received message, with which tag, and how big it was. */
import { datatypeSize, type DatatypeLike } from './datatypes.js';

export class Status {
  source = -1;
  tag = -1;
  error = 0;
  /** Payload size in bytes (of the serialised object for lower-case methods, as in mpi4py). */
  count = 0;
  cancelled = false;

  Get_source(): number {
    return this.source;
  }
  Get_tag(): number {
    return this.tag;
  }
  Get_error(): number {
    return this.error;
  }
  /** Bytes by default; elements of `datatype` when given (MPI.DOUBLE or a typed-array class). */
  Get_count(datatype?: DatatypeLike): number {
    return datatype ? Math.floor(this.count / datatypeSize(datatype)) : this.count;
  }
  Get_elements(datatype: DatatypeLike): number {
    return this.Get_count(datatype);
  }
  Is_cancelled(): boolean {
    return this.cancelled;
  }
}
