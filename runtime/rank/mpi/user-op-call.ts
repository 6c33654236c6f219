/**
 * Calling a user-defined reduction op inside a collective. An exception there happens deep in the
 * reduction algorithm, on whichever rank combines two partials, so the bare error would read as a
 * failure of the collective. As mpi4py prints "exception in user-defined reduction operation",
 * the error is wrapped in an MPI.OpError that says so, names the op, the call and the rank, and
 * keeps the op's own stack frames first, so the failure report points at the op's line.
 */
import { currentIdentity } from '../identity.js';
import { OpError } from './errors.js';

export class UserOpError extends OpError {
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = 'OpError';
    (this as { cause?: unknown }).cause = cause; // the op's own error
  }
}

/** `fn(...args)`, with an exception it throws reported as coming from the user op `opName` in `method`. */
export function callUserOp(opName: string, method: string | undefined, fn: (...a: any[]) => unknown, args: unknown[]): unknown {
  // Deep enough that the op's error also reaches the program's own frames, below the reduction
  // algorithm's (the collective's call, e.g. `await comm.Allreduce(…)`).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, 50);
  try {
    return fn(...args);
  } catch (err) {
    if (err instanceof UserOpError) throw err; // an op calling an op: report the innermost once
    const inner = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const where = method ? ` in ${method}` : '';
    const e = new UserOpError(`exception in user-defined reduction operation (${opName}${where}, ${currentIdentity().name}): ${inner}`, err);
    // The op's frames first: the report's "at" line is the first frame in the program.
    const frames = err instanceof Error && err.stack ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
    if (frames.length > 0) e.stack = [`${e.name}: ${e.message}`, ...frames].join('\n');
    throw e;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
