/**
 * Buffered mode (`bsend`, `Bsend`, `Ibsend`, `Bsend_init`): the user attaches a buffer with
 * `MPI.Attach_buffer`, and a buffered send copies its message into it and returns at once, whether
 * or not a receive is posted. Here the copy is the packed message itself; the attached buffer's
 * size is the budget: a send that does not fit in what the messages still in flight leave is
 * MPI's buffer error, as with MPI_Bsend.
 */
import { BufferError } from './errors.js';

/** `MPI.BSEND_OVERHEAD`: bytes each buffered message takes in the attached buffer beyond its data. */
export const BSEND_OVERHEAD = 96;

let attached: Uint8Array | undefined;
let inUse = 0;
const inFlight = new Set<Promise<unknown>>();

/** `MPI.Attach_buffer(buf)`: the buffer buffered sends use. */
export function attachBuffer(buf: Uint8Array | ArrayBufferView): void {
  if (attached) throw new BufferError('Attach_buffer: a buffer is already attached; detach it first (await MPI.Detach_buffer())');
  if (!ArrayBuffer.isView(buf)) throw new BufferError('Attach_buffer: expected a typed array (MPI.Alloc_mem(size) makes one)');
  attached = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** `MPI.Detach_buffer()`: waits until every buffered message has left, then returns the buffer. */
export async function detachBuffer(): Promise<Uint8Array> {
  if (!attached) throw new BufferError('Detach_buffer: no buffer is attached (MPI.Attach_buffer(buf) attaches one)');
  await Promise.allSettled([...inFlight]);
  const buf = attached;
  attached = undefined;
  return buf;
}

/**
 * Reserves room for a message of `bytes` until `sent` settles; throws MPI's buffer error when
 * none is attached or it is full.
 */
export function reserve(op: string, bytes: number, sent: () => Promise<unknown>): void {
  if (!attached) throw new BufferError(`${op}: no buffer is attached for buffered sends; call MPI.Attach_buffer(MPI.Alloc_mem(size)) first`);
  const need = bytes + BSEND_OVERHEAD;
  if (inUse + need > attached.byteLength) {
    throw new BufferError(`${op}: the attached buffer (${attached.byteLength} bytes, ${attached.byteLength - inUse} free) cannot hold this message (${bytes} bytes + MPI.BSEND_OVERHEAD ${BSEND_OVERHEAD}); attach a larger buffer`);
  }
  inUse += need;
  const p = sent().finally(() => {
    inUse -= need;
    inFlight.delete(p);
  });
  p.catch(() => {});
  inFlight.add(p);
}
