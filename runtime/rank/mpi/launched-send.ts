/**
 * A blocking send in two steps, so that finding its call site costs the message no latency:
 * launching puts an eager message on the wire at once; the public method the user called then
 * captures its call site itself (from there V8 walks the fewest frames) and `finish` writes the
 * trace while the message travels. A send that waits (ssend, rendezvous) starts only in `finish`,
 * traced from its start as a blocking call.
 */
import type { CallSite, CallTemplate } from '../../contract/trace-events.js';
import type { StartFields, Tracer } from '../tracer.js';
import { DONE, errorFields, traced } from './traced.js';

export interface LaunchedSend {
  /** Whether `finish` traces the call, and so wants its call site (not after an error, nor for PROC_NULL). */
  readonly wantsSite: boolean;
  finish(site: CallSite | undefined): Promise<void>;
}

/** An eager message, on the wire since `t`; `rest` is what remains (a large payload draining). */
export class EagerSend implements LaunchedSend {
  readonly wantsSite = true;

  constructor(
    private readonly tracer: Tracer,
    private readonly call: CallTemplate,
    private readonly bytes: number,
    private readonly msgRank: number,
    private readonly msgSeq: number,
    private readonly t: number,
    private readonly rest: Promise<void> | undefined,
  ) {}

  finish(site: CallSite | undefined): Promise<void> {
    const tracer = this.tracer;
    const id = tracer.startCall(this.call, site, this.bytes, this.msgRank, this.msgSeq, this.t);
    if (!this.rest) {
      tracer.end(id);
      return DONE;
    }
    return this.rest.then(
      () => tracer.end(id),
      (err) => {
        tracer.end(id, errorFields(err));
        throw err;
      },
    );
  }
}

/** A send that waits for its receive: `start` runs in `finish`, inside its trace. */
export class WaitingSend implements LaunchedSend {
  readonly wantsSite = true;

  constructor(private readonly tracer: Tracer, private readonly fields: Omit<StartFields, 'site'>, private readonly start: () => Promise<void>) {}

  finish(site: CallSite | undefined): Promise<void> {
    return traced(this.tracer, { ...this.fields, site }, this.start);
  }
}

/** A send to MPI.PROC_NULL: nothing to do. */
export const NO_SEND: LaunchedSend = { wantsSite: false, finish: () => DONE };

/** A call that failed before anything was sent: `finish` rejects, as an async call would. */
export function failedSend(err: unknown): LaunchedSend {
  return { wantsSite: false, finish: () => Promise.reject(err) };
}
