/**
 * Buffered mode (`bsend`, `Bsend`, `Ibsend`, `Bsend_init`): the user attaches a buffer with
 * `MPI.Attach_buffer` (the process's) or `comm.Attach_buffer` (one communicator's, MPI 4.1), and a
 * buffered send copies its message into it and returns at once, whether or not a receive is
 * posted. Here the copy is the packed message itself; the attached buffer's size is the budget: a
 * send that does not fit in what the messages still in flight leave is MPI's buffer error, as with
 * MPI_Bsend. A send uses its communicator's buffer when one is attached, else the process's (MPI
 * 4.1's order; there are no sessions here). `MPI.BUFFER_AUTOMATIC` attached in place of a buffer
 * sets no budget.
 */
import { hold, release } from '../liveness.js';
import type { WaitFor } from '../../contract/trace-events.js';
import type { Tracer } from '../tracer.js';
import { BufferError } from './errors.js';
import { ANY_SOURCE, ANY_TAG } from './matching.js';
import { Request } from './request.js';

/** `MPI.BSEND_OVERHEAD`: bytes each buffered message takes in the attached buffer beyond its data. */
export const BSEND_OVERHEAD = 96;

/** `MPI.BUFFER_AUTOMATIC` (MPI 4.1): attached instead of a buffer, buffered sends take the room they need. */
export const BUFFER_AUTOMATIC: Uint8Array = Object.freeze(new Uint8Array(0));

/** A buffered message not yet delivered: when it will be, and what it waits for (a rendezvous receive). */
interface InFlight {
  done: Promise<unknown>;
  wait: WaitFor | undefined;
}

/** One attachable buffer: the process's, or one communicator's. `owner` names it in errors. */
export class SendBuffer {
  private attached: Uint8Array | undefined;
  private inUse = 0;
  private readonly inFlight = new Set<InFlight>();

  constructor(private readonly owner: string) {}

  get isAttached(): boolean {
    return this.attached !== undefined;
  }

  /** `Attach_buffer(buf)`: a typed array (`MPI.Alloc_mem(size)`) or `MPI.BUFFER_AUTOMATIC`. */
  attach(buf: unknown): void {
    if (this.attached) throw new BufferError(`${this.owner}.Attach_buffer: a buffer is already attached; detach it first (await ${this.owner}.Detach_buffer())`);
    if (!ArrayBuffer.isView(buf)) throw new BufferError(`${this.owner}.Attach_buffer: expected a typed array (MPI.Alloc_mem(size) makes one) or MPI.BUFFER_AUTOMATIC`);
    this.attached = buf === BUFFER_AUTOMATIC ? BUFFER_AUTOMATIC : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** `Detach_buffer()`: waits until every buffered message has left, then returns the buffer. */
  async detach(): Promise<Uint8Array> {
    if (!this.attached) throw new BufferError(`${this.owner}.Detach_buffer: no buffer is attached (${this.owner}.Attach_buffer(buf) attaches one)`);
    const buf = this.attached;
    await this.flushed();
    // Detached once its messages are out; a second Detach_buffer meanwhile finds nothing attached.
    if (this.attached === buf) this.attached = undefined;
    return buf;
  }

  /** `Flush_buffer()`: settles once every message buffered so far has been delivered (at once with none). */
  async flushed(): Promise<void> {
    await Promise.allSettled([...this.inFlight].map((m) => m.done));
  }

  /** What a flush waits for, for the deadlock detector: the buffered sends still waiting for their receive. */
  pendingWait(): WaitFor {
    return { type: 'all', of: [...this.inFlight].flatMap((m) => (m.wait ? [m.wait] : [])) };
  }

  /** `Iflush_buffer()`: a request that completes when `Flush_buffer()` would return. */
  flushRequest(tracer: Tracer, comm: string): Request {
    const done = this.flushed().then(() => ({ value: undefined, source: ANY_SOURCE, tag: ANY_TAG, count: 0 }));
    return Request.started(done, { tracer, comm, text: `${this.owner}.Iflush_buffer()`, wait: this.pendingWait() });
  }

  /**
   * Reserves room for a message of `bytes` until the send `sent` starts has settled; throws MPI's
   * buffer error when it is full.
   */
  reserve(op: string, bytes: number, sent: () => InFlight): void {
    const buf = this.attached;
    if (!buf) throw new BufferError(`${op}: no buffer is attached for buffered sends; call MPI.Attach_buffer(MPI.Alloc_mem(size)) or comm.Attach_buffer(…) first`);
    const need = bytes + BSEND_OVERHEAD;
    if (buf !== BUFFER_AUTOMATIC && this.inUse + need > buf.byteLength) {
      throw new BufferError(`${op}: the buffer attached to ${this.owner} (${buf.byteLength} bytes, ${buf.byteLength - this.inUse} free) cannot hold this message (${bytes} bytes + MPI.BSEND_OVERHEAD ${BSEND_OVERHEAD}); attach a larger buffer or MPI.BUFFER_AUTOMATIC`);
    }
    this.inUse += need;
    const m = sent();
    const entry: InFlight = { done: m.done, wait: m.wait };
    this.inFlight.add(entry);
    // A buffered message still to be delivered keeps the process alive (MPI delivers it before
    // Finalize): the program may end, or await Detach_buffer, while its receiver is not yet ready.
    hold();
    m.done.then(() => {}, () => {}).finally(() => {
      release();
      this.inUse -= need;
      this.inFlight.delete(entry);
    });
  }
}

/** The process's buffer (`MPI.Attach_buffer`), used by communicators with none of their own. */
export const processBuffer = new SendBuffer('MPI');
