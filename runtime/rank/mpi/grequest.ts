/**
 * `MPI.Grequest`: a generalized request (MPI 3.1 §12.2). The program starts it with three
 * callbacks and completes it itself (`Complete()`, typically from some other asynchronous work);
 * waits and tests treat it like any request. On completion MPI calls `query_fn(status)` to fill
 * the status, then `free_fn()`; `Cancel()` calls `cancel_fn(completed)`. An exception in a callback
 * comes back as an `MPI.Exception` of its error class (ERR_OTHER for a non-MPI error), as mpi4py's.
 */
import { runtime } from '../current.js';
import { ERR_OTHER, MPIException } from './errors.js';
import { ANY_SOURCE, ANY_TAG } from './matching.js';
import { Operation, Request } from './request.js';
import { Status } from './status.js';

type Callback = ((...args: any[]) => unknown) | null | undefined;

interface Callbacks {
  query: Callback;
  free: Callback;
  cancel: Callback;
  args: unknown[];
}

export class Grequest extends Request {
  private callbacks: Callbacks | undefined;
  private completeNow: ((value?: unknown) => void) | undefined;

  /** `MPI.Grequest(other)`: another handle to the generalized request `other`. */
  constructor(request?: Grequest | null) {
    if (request !== undefined && request !== null && !(request instanceof Grequest)) {
      throw new TypeError(`MPI.Grequest: expected nothing or an MPI.Grequest to copy, got ${(request as unknown) instanceof Request ? `an ${(request as object).constructor.name}` : typeof request}`);
    }
    super(request);
    this.callbacks = request?.callbacks;
    this.completeNow = request?.completeNow;
  }

  /**
   * Starts a generalized request: `query_fn(status, ...args)` fills the status at completion,
   * `free_fn(...args)` releases what the request holds, `cancel_fn(completed, ...args)` is called by
   * `Cancel()`. `args` (mpi4py's `args=`) are passed to each. Any callback may be null; with none,
   * `complete(value)` hands a value to the lower-case `wait()`/`test()`.
   */
  static Start(query_fn: Callback = null, free_fn: Callback = null, cancel_fn: Callback = null, args: unknown[] | { args?: unknown[] } = []): Grequest {
    const extra = Array.isArray(args) ? args : args.args ?? [];
    const g = new Grequest();
    const op = new Operation({
      tracer: runtime.tracer, comm: 'world', text: 'Grequest', wait: { type: 'opaque', what: 'a generalized request (its Complete())' },
    });
    g.handle = op;
    g.active = op;
    g.callbacks = { query: query_fn, free: free_fn, cancel: cancel_fn, args: extra };
    // Settled at once, so a Test() right after Complete() sees it, as MPI's does.
    g.completeNow = (value?: unknown) => op.complete({ value, source: ANY_SOURCE, tag: ANY_TAG, count: 0 });
    return g;
  }

  /** Tells MPI the operation is over: a wait on the request can now return. */
  Complete(): void {
    this.complete();
  }

  /** Lower-case `complete(obj)`: completes the request; the lower-case `wait()`/`test()` then return `obj`. */
  complete(obj?: unknown): void {
    if (!this.completeNow || !this.active) throw new MPIException('Complete: the request is not an active generalized request (MPI.Grequest.Start)', ERR_OTHER);
    this.completeNow(obj);
  }

  /** Calls `cancel_fn(completed)`; an exception there is raised here as an MPI.Exception. */
  override Cancel(): void {
    const cb = this.callbacks;
    if (!cb || !this.active) return;
    if (cb.cancel) call(() => cb.cancel!(this.active?.settled ?? false, ...cb.args));
  }

  /** @internal Completion: `query_fn` fills the status, then `free_fn` runs; the first error is raised. */
  override consume(o: Operation, op: string, site: Parameters<Request['consume']>[2], status: Status | null | undefined): unknown {
    const cb = this.callbacks;
    const st = status ?? new Status();
    const value = super.consume(o, op, site, st);
    if (!cb) return value;
    let failure: unknown;
    try {
      if (cb.query) call(() => cb.query!(st, ...cb.args));
    } catch (err) {
      failure = err;
    }
    try {
      if (cb.free) call(() => cb.free!(...cb.args));
    } catch (err) {
      failure ??= err;
    }
    if (failure !== undefined) throw failure as unknown; // the callback's own exception, as it threw it
    return value;
  }
}

/** Runs a user callback; a non-MPI exception becomes MPI.Exception(ERR_OTHER), printed as mpi4py prints it. */
function call(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof MPIException) {
      console.error(`Traceback (most recent call last):\n${err.stack ?? err.message}`);
      throw err;
    }
    console.error(`Traceback (most recent call last):\n${(err as Error)?.stack ?? String(err)}`);
    throw new MPIException(`a generalized request's callback raised ${(err as Error)?.name ?? 'an error'}: ${(err as Error)?.message ?? String(err)}`, ERR_OTHER);
  }
}
