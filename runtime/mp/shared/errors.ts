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

/** What cannot cross processes, and what to pass instead. */
export function notCloneable(what: string, err: unknown): TypeError {
  return new TypeError(
    `${what}: cannot send this value to another process (${(err as Error).message}). Pass plain data (numbers, strings, arrays, objects, Maps, typed arrays) or shared objects; functions and sockets cannot cross processes.`,
  );
}

const BY_NAME: Record<string, new (m: string) => Error> = { Empty, Full, EOFError, BrokenBarrierError, ValueError, TypeError, RangeError };

/** Rebuilds an error that crossed a process boundary, keeping its class when it is one of ours. */
export function reviveError(e: { name: string; message: string }): Error {
  const Ctor = BY_NAME[e.name] ?? Error;
  const err = new Ctor(e.message);
  if (!(e.name in BY_NAME)) err.name = e.name;
  return err;
}
