/**
 * Runs one user-visible MPI call as a traced operation: a start event (with what it waits for, if
 * it can block), the work itself holding the process alive, and an end event.
 */
import { holding } from '../liveness.js';
import type { EndFields, StartFields, Tracer } from '../tracer.js';
import { MPIException } from './errors.js';

/** What a call with nothing left to wait for returns: one settled promise, shared. */
export const DONE: Promise<void> = Promise.resolve();

export async function traced<T>(
  tracer: Tracer,
  fields: StartFields,
  work: Promise<T> | (() => Promise<T>),
  endFields?: (result: T) => EndFields | undefined,
): Promise<T> {
  const id = tracer.start(fields);
  try {
    const p = typeof work === 'function' ? work() : work;
    const result = fields.wait ? await holding(p) : await p;
    tracer.end(id, endFields?.(result));
    return result;
  } catch (err) {
    tracer.end(id, errorFields(err));
    throw err;
  }
}

/** A failed call's end; a receive that failed on its buffer still names the message it consumed. */
export function errorFields(err: unknown): EndFields {
  const msg = err instanceof MPIException ? err.matchedMsg : undefined;
  return { error: err instanceof Error ? err.message : String(err), msg };
}

export function fmtRank(r: number): string {
  return r < 0 ? 'ANY' : String(r);
}
