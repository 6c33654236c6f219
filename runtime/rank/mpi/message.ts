/**
 * `MPI.Message`: a message taken by a matched probe (`comm.mprobe`, `comm.improbe`, `Mprobe`,
 * `Improbe`). No other receive can take it; `recv`/`irecv` (objects) or `Recv`/`Irecv` (buffers)
 * receive it, and the message is MPI.MESSAGE_NULL from then on. A probe of MPI.PROC_NULL gives
 * MPI.MESSAGE_NO_PROC, whose receives complete at once with nothing.
 */
import type { CallSite } from '../../contract/trace-events.js';
import { captureCallSite } from '../call-site.js';
import type { Comm } from './comm.js';
import type { BufferSpec } from './datatypes.js';
import { RequestError } from './errors.js';
import type { Envelope } from './matching.js';
import { runtime } from '../current.js';
import { ANY_TAG, PROC_NULL } from './matching.js';
import { Request } from './request.js';
import type { RecvOptions, RecvTagOptions } from './options.js';
import type { Status } from './status.js';

/** What a non-null message is: the matched envelope on its communicator, or MPI.PROC_NULL's. */
interface Matched {
  comm: Comm;
  env: Envelope | undefined;
}

/** The handle of MPI.MESSAGE_NO_PROC: shared by every message a probe of MPI.PROC_NULL returns. */
const NO_PROC: Matched = { comm: undefined as unknown as Comm, env: undefined };

export class Message {
  /** @internal */
  protected handle: Matched | null = null;

  /** `MPI.Message()` is MPI.MESSAGE_NULL; `MPI.Message(other)` another handle to `other`'s message. */
  constructor(message?: Message | null) {
    if (message !== undefined && message !== null && !(message instanceof Message)) {
      throw new TypeError(`MPI.Message: expected nothing or an MPI.Message to copy, got ${typeof message}`);
    }
    if (message) this.handle = message.handle;
  }

  /** @internal */
  static matched(comm: Comm, env: Envelope | undefined): Message {
    const m = new Message();
    m.handle = env ? { comm, env } : NO_PROC;
    return m;
  }

  /** Python's `bool(message)`: false once it is MPI.MESSAGE_NULL (received). */
  __bool__(): boolean {
    return this.handle !== null;
  }

  /** Python's `message == other`: the same message handle. */
  __eq__(other: unknown): boolean {
    return other instanceof Message && other.handle === this.handle;
  }

  /** As a debugger shows it: `Message(matched)` until received, then `Message(MPI.MESSAGE_NULL)`. */
  toString(): string {
    return this.handle === null ? 'Message(MPI.MESSAGE_NULL)' : 'Message(matched)';
  }

  /** Blocking matched probe: `Message.probe(comm, source, tag, status)` is `comm.mprobe(source, tag, status)`. */
  static probe(comm: Comm, source?: number, tag?: number, status?: Status | null): Promise<Message>;
  static probe(comm: Comm, options: RecvOptions): Promise<Message>;
  static probe(comm: Comm, source: number, options: RecvTagOptions): Promise<Message>;
  static probe(comm: Comm, ...args: unknown[]): Promise<Message> {
    return (comm.mprobe as (...a: unknown[]) => Promise<Message>).apply(comm, args);
  }
  /** Nonblocking matched probe: a message, or undefined when none has arrived. */
  static iprobe(comm: Comm, source?: number, tag?: number, status?: Status | null): Message | undefined;
  static iprobe(comm: Comm, options: RecvOptions): Message | undefined;
  static iprobe(comm: Comm, source: number, options: RecvTagOptions): Message | undefined;
  static iprobe(comm: Comm, ...args: unknown[]): Message | undefined {
    return (comm.improbe as (...a: unknown[]) => Message | undefined).apply(comm, args);
  }
  /** Capitalised `Message.Probe(comm, …)`. */
  static Probe(comm: Comm, source?: number, tag?: number, status?: Status | null): Promise<Message>;
  static Probe(comm: Comm, options: RecvOptions): Promise<Message>;
  static Probe(comm: Comm, source: number, options: RecvTagOptions): Promise<Message>;
  static Probe(comm: Comm, ...args: unknown[]): Promise<Message> {
    return (comm.Mprobe as (...a: unknown[]) => Promise<Message>).apply(comm, args);
  }
  /** Capitalised `Message.Iprobe(comm, …)`. */
  static Iprobe(comm: Comm, source?: number, tag?: number, status?: Status | null): Message | undefined;
  static Iprobe(comm: Comm, options: RecvOptions): Message | undefined;
  static Iprobe(comm: Comm, source: number, options: RecvTagOptions): Message | undefined;
  static Iprobe(comm: Comm, ...args: unknown[]): Message | undefined {
    return (comm.Improbe as (...a: unknown[]) => Message | undefined).apply(comm, args);
  }

  /** Receives the message as an object (a lower-case message); the message becomes MPI.MESSAGE_NULL. */
  recv<T = any>(status?: Status | null): Promise<T> {
    const site = captureCallSite();
    const h = this.take('recv');
    return h.env ? h.comm.receiveMatched('recv', site, h.env, undefined, status ?? undefined) : nothing(status) as Promise<T>;
  }

  /** Starts receiving the message as an object; the request's `wait()` gives it. */
  irecv(): Request {
    const h = this.take('irecv');
    return requestFor(h, 'irecv', captureCallSite(), undefined);
  }

  /** Receives the message into a buffer (specification as for `Recv`). */
  async Recv(buf: BufferSpec, status?: Status | null): Promise<void> {
    const site = captureCallSite();
    const h = this.take('Recv');
    if (!h.env) return void nothing(status);
    await h.comm.receiveMatched('Recv', site, h.env, h.comm.bufferArg('Recv', buf), status ?? undefined);
  }

  /** Starts receiving the message into a buffer. */
  Irecv(buf: BufferSpec): Request {
    const h = this.take('Irecv');
    return requestFor(h, 'Irecv', captureCallSite(), buf);
  }

  private take(op: string): Matched {
    const h = this.handle;
    if (!h) throw new RequestError(`${op}: the message is MPI.MESSAGE_NULL (already received); probe for another with comm.mprobe()`);
    if (this !== MESSAGE_NO_PROC) this.handle = null; // the constant itself stays as it is
    return h;
  }
}

function requestFor(h: Matched, op: string, site: CallSite | undefined, buf: BufferSpec | undefined): Request {
  if (!h.env) {
    return Request.settled({ value: undefined, source: PROC_NULL, tag: ANY_TAG, count: 0 }, {
      tracer: runtime.tracer, comm: '', text: `${op}(MESSAGE_NO_PROC)`, wait: { type: 'all', of: [] },
    });
  }
  return h.comm.receiveMatchedRequest(op, site, h.env, buf === undefined ? undefined : h.comm.bufferArg(op, buf));
}

/** A receive from MPI.PROC_NULL: nothing, with its status. */
function nothing(status: Status | null | undefined): Promise<undefined> {
  if (status) {
    status.source = PROC_NULL;
    status.tag = ANY_TAG;
    status.count = 0;
  }
  return Promise.resolve(undefined);
}

/** `MPI.MESSAGE_NULL`. */
export const MESSAGE_NULL: Message = Object.freeze(new Message()) as Message;
/** `MPI.MESSAGE_NO_PROC`: what a matched probe of MPI.PROC_NULL returns; receiving it leaves it as it is. */
export const MESSAGE_NO_PROC = Message.matched(undefined as unknown as Comm, undefined);
