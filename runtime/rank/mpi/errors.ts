/**
 * MPI errors, thrown on the calling rank. Class names and error classes follow MPI (MPI_ERR_RANK,
 * MPI_ERR_TRUNCATE, …); messages start with the call's name and say what to change.
 */

export const ERR_BUFFER = 1;
export const ERR_COUNT = 2;
export const ERR_TAG = 4;
export const ERR_COMM = 5;
export const ERR_RANK = 6;
export const ERR_REQUEST = 7;
export const ERR_ROOT = 8;
export const ERR_OP = 10;
export const ERR_ARG = 12;
export const ERR_TRUNCATE = 15;
export const ERR_OTHER = 16;
export const ERR_TYPE = 3;
export const ERR_PENDING = 18;

export class MPIException extends Error {
  /** The message (its trace id) a failed receive matched and so consumed: it was received. */
  matchedMsg?: string;

  readonly errorClass: number;

  /** `new MPI.Exception(message, errorClass?)`, or mpi4py's `MPI.Exception(ierr)` with an error class alone. */
  constructor(message: string | number, errorClass: number = ERR_OTHER) {
    super(typeof message === 'number' ? `MPI error class ${message}` : message);
    this.errorClass = typeof message === 'number' ? message : errorClass;
    this.name = new.target.name;
  }

  Get_error_class(): number {
    return this.errorClass;
  }

  Get_error_code(): number {
    return this.errorClass;
  }

  Get_error_string(): string {
    return this.message;
  }
}

export class ArgumentError extends MPIException {
  constructor(message: string) { super(message, ERR_ARG); }
}
export class CountError extends MPIException {
  constructor(message: string) { super(message, ERR_COUNT); }
}
export class RankError extends MPIException {
  constructor(message: string) { super(message, ERR_RANK); }
}
export class RootError extends MPIException {
  constructor(message: string) { super(message, ERR_ROOT); }
}
export class TagError extends MPIException {
  constructor(message: string) { super(message, ERR_TAG); }
}
export class CommError extends MPIException {
  constructor(message: string) { super(message, ERR_COMM); }
}
export class TruncateError extends MPIException {
  constructor(message: string) { super(message, ERR_TRUNCATE); }
}
export class BufferError extends MPIException {
  constructor(message: string) { super(message, ERR_BUFFER); }
}
export class OpError extends MPIException {
  constructor(message: string) { super(message, ERR_OP); }
}
export class RequestError extends MPIException {
  constructor(message: string) { super(message, ERR_REQUEST); }
}
/** MPI_ERR_TYPE: something given as a datatype is none, or the datatypes of a send and its receive differ. */
export class DatatypeError extends MPIException {
  constructor(message: string) { super(message, ERR_TYPE); }
}
export const ERR_GROUP = 9;
/** MPI_ERR_UNSUPPORTED_OPERATION: a call the implementation does not support. */
export const ERR_UNSUPPORTED_OPERATION = 52;
/** MPI_ERR_GROUP: a group argument is MPI.GROUP_NULL, or a rank named is not in the group. */
export class GroupError extends MPIException {
  constructor(message: string) { super(message, ERR_GROUP); }
}
/** Python's `NotImplementedError`: a call of a newer MPI than the one reported by `MPI.Get_version()`. */
export class NotImplementedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotImplementedError';
  }
}
