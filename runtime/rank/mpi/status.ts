/** `MPI.Status`: who sent a received message, with which tag, and how big it was. */
import { datatypeSize, type DatatypeLike } from './datatypes.js';
import { ANY_SOURCE, ANY_TAG, UNDEFINED } from './matching.js';

/** `MPI.SUCCESS`: the error field of a status that reports no error. */
export const SUCCESS = 0;

// Slots of the status's memory (`tomemory()`), as MPI_Status holds them in C.
const SOURCE = 0;
const TAG = 1;
const ERROR = 2;
const COUNT_LO = 3;
const COUNT_HI = 4;
const CANCELLED = 5;

export class Status {
  /** The fields, in one block of memory as in C: `tomemory()` hands it out. */
  private readonly mem = new Int32Array(6);

  /**
   * `MPI.Status()`: source MPI.ANY_SOURCE, tag MPI.ANY_TAG, error MPI.SUCCESS, count 0;
   * `MPI.Status(other)` copies `other`.
   */
  constructor(status?: Status) {
    if (status !== undefined && !(status instanceof Status)) {
      throw new TypeError(`MPI.Status: expected nothing or an MPI.Status to copy, got ${typeof status}`);
    }
    if (status) this.mem.set(status.mem);
    else {
      this.mem[SOURCE] = ANY_SOURCE;
      this.mem[TAG] = ANY_TAG;
    }
  }

  /** The sender's rank in the communicator. */
  get source(): number {
    return this.mem[SOURCE];
  }
  set source(v: number) {
    this.mem[SOURCE] = v;
  }
  /** The message's tag. */
  get tag(): number {
    return this.mem[TAG];
  }
  set tag(v: number) {
    this.mem[TAG] = v;
  }
  /** An MPI error class; MPI.SUCCESS when the operation succeeded. */
  get error(): number {
    return this.mem[ERROR];
  }
  set error(v: number) {
    this.mem[ERROR] = v;
  }
  /** Payload size in bytes (of the serialised object for lower-case methods, as in mpi4py). */
  get count(): number {
    return this.mem[COUNT_HI] * 2 ** 32 + (this.mem[COUNT_LO] >>> 0);
  }
  set count(v: number) {
    this.mem[COUNT_LO] = v % 2 ** 32;
    this.mem[COUNT_HI] = Math.floor(v / 2 ** 32);
  }
  /** Whether the operation was cancelled (`Request.Cancel`). */
  get cancelled(): boolean {
    return this.mem[CANCELLED] !== 0;
  }
  set cancelled(v: boolean) {
    this.mem[CANCELLED] = v ? 1 : 0;
  }

  /** The sender's rank in the communicator (MPI.ANY_SOURCE before any receive). */
  Get_source(): number {
    return this.source;
  }
  /** Sets the source field (MPI_Status_set_source). */
  Set_source(source: number): void {
    this.source = source;
  }
  /** The message's tag (MPI.ANY_TAG before any receive). */
  Get_tag(): number {
    return this.tag;
  }
  /** Sets the tag field. */
  Set_tag(tag: number): void {
    this.tag = tag;
  }
  /** The error class of the operation: MPI.SUCCESS unless it failed. */
  Get_error(): number {
    return this.error;
  }
  /** Sets the error field. */
  Set_error(error: number): void {
    this.error = error;
  }
  /**
   * Number of whole `datatype` elements received (bytes when none is given; MPI.DOUBLE or a
   * typed-array class); MPI.UNDEFINED when the byte count is not a whole number of them.
   */
  Get_count(datatype?: DatatypeLike): number {
    if (!datatype) return this.count;
    const size = datatypeSize(datatype);
    return size === 0 ? 0 : this.count % size === 0 ? this.count / size : UNDEFINED;
  }
  /** Basic elements of `datatype` received (for predefined types, `Get_count`). */
  Get_elements(datatype: DatatypeLike): number {
    return this.Get_count(datatype);
  }
  /** Sets the count to `count` elements of `datatype` (MPI_Status_set_elements). */
  Set_elements(datatype: DatatypeLike, count: number): void {
    this.count = count * datatypeSize(datatype);
  }
  /** Whether the operation was cancelled (`Request.Cancel` before it matched). */
  Is_cancelled(): boolean {
    return this.cancelled;
  }
  /** Sets whether the status reports a cancelled operation (MPI_Status_set_cancelled). */
  Set_cancelled(flag: boolean): void {
    this.cancelled = flag;
  }
  /** As a debugger shows it: `Status(source=1, tag=7, count=24, error=0)`. */
  toString(): string {
    const source = this.source === ANY_SOURCE ? 'ANY_SOURCE' : String(this.source);
    const tag = this.tag === ANY_TAG ? 'ANY_TAG' : String(this.tag);
    return `Status(source=${source}, tag=${tag}, count=${this.count}, error=${this.error}${this.Is_cancelled() ? ', cancelled' : ''})`;
  }

  /** The status's memory (source, tag, error, count, cancelled as 32-bit integers), writable, as mpi4py's `tomemory()`. */
  tomemory(): Int32Array {
    return this.mem;
  }
}
