/** The exceptions of Python's multiprocessing, with the same names. */

export class Empty extends Error {
  constructor(message = 'the queue is empty') {
    super(message);
    this.name = 'Empty';
  }
}

export class Full extends Error {
  constructor(message = 'the queue is full') {
    super(message);
    this.name = 'Full';
  }
}

/** Raised by `Connection.recv()` once the other end is closed in every process and drained. */
export class EOFError extends Error {
  constructor(message = 'the other end of the pipe is closed and no data is left') {
    super(message);
    this.name = 'EOFError';
  }
}

export class BrokenBarrierError extends Error {
  constructor(message = 'the barrier is broken') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** Python's RuntimeError: releasing an RLock this process does not hold, a dict proxy's iterator after the dict changed size. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Python's AttributeError: `Value(typecode, v, { lock: x })` with an `x` that has no `acquire`. */
export class AttributeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributeError';
  }
}

/** Python's OSError: an operation on a closed handle (`empty()` of a queue this process closed after using it). */
export class OSError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OSError';
  }
}

/** Python's `queue.ShutDown`: `put` on a queue that was shut down, or `get` on one shut down and drained. */
export class ShutDown extends Error {
  constructor(message = 'the queue was shut down') {
    super(message);
    this.name = 'ShutDown';
  }
}

/** Python's `multiprocessing.BufferTooShort`: `recvBytesInto` got a message longer than the buffer; `args[0]` is the whole message. */
export class BufferTooShort extends Error {
  readonly args: [Uint8Array];
  constructor(message: Uint8Array | string = 'the buffer is too short for the message') {
    super(typeof message === 'string' ? message : `the buffer is too short for the message of ${message.length} bytes (the message is e.args[0])`);
    this.name = 'BufferTooShort';
    this.args = [typeof message === 'string' ? new Uint8Array() : message];
  }
}

/** Python's `multiprocessing.AuthenticationError`: the two ends of a Listener/Client connection, or a BaseManager and its client, hold different authkeys. */
export class AuthenticationError extends Error {
  constructor(message = 'digest received was wrong') {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** What cannot cross processes, and what to pass instead. */
export function notCloneable(what: string, err: unknown): TypeError {
  return new TypeError(
    `${what}: cannot send this value to another process (${(err as Error).message}). Pass plain data (numbers, strings, arrays, objects, Maps, typed arrays) or shared objects; functions and sockets cannot cross processes.`,
  );
}

/** A missing key (Python's KeyError): a dict proxy's `pop` or `popitem`. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/** The manager could not do what a call asked (Python's `multiprocessing.managers.RemoteError`). */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** A task's result could not be sent back from its pool worker (Python's MaybeEncodingError). */
export class MaybeEncodingError extends Error {
  /** Why the result could not be sent, as text (Python's `repr(exc)`). */
  exc?: string;
  /** The result that could not be sent, as text (Python's `repr(value)`). */
  value?: string;
  constructor(message: string) {
    super(message);
    this.name = 'MaybeEncodingError';
  }
}

const BY_NAME: Record<string, new (m: string) => Error> = {
  MaybeEncodingError, KeyError, RuntimeError, AttributeError, Empty, Full, EOFError, OSError, ShutDown, BrokenBarrierError, ValueError, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, BufferTooShort, RemoteError, AuthenticationError,
};

/** An error as it crosses a process boundary: its class's name, and its own fields that clone. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  props?: Record<string, unknown>;
  /** A pool task's error: the worker's traceback with source lines (RemoteTraceback). */
  tb?: string;
}

/**
 * Rebuilds an error that crossed a process boundary with its class, as Python unpickles an
 * exception: one of ours or JavaScript's by name, or an error class the program exports (found
 * where every process finds it, in the re-imported program; its constructor is not run, as its
 * arguments are unknown here).
 */
export function reviveError(e: ErrorData, exported?: Record<string, unknown>): Error {
  const own = exported?.[e.name];
  const err = typeof own === 'function' && own.prototype instanceof Error ? (Object.create(own.prototype) as Error) : new (BY_NAME[e.name] ?? Error)(e.message);
  if (err.message !== e.message) Object.defineProperty(err, 'message', { value: e.message, writable: true, configurable: true });
  if (err.name !== e.name) err.name = e.name;
  Object.assign(err, e.props);
  return err;
}

/** What `reviveError` needs of an error, with the own fields that can be sent. */
export function errorData(err: unknown): ErrorData {
  const e = err instanceof Error ? err : new Error(String(err));
  const props: Record<string, unknown> = {};
  for (const k of Object.keys(e)) {
    try {
      structuredClone(e[k as keyof Error]);
      props[k] = e[k as keyof Error];
    } catch {
      // a field that cannot cross (a function, a socket) stays behind
    }
  }
  return { name: e.name, message: e.message, stack: e.stack ?? '', props };
}
