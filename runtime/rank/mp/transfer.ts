/**
 * How values cross to a child process: shared objects (queues, locks, pipe ends, proxies) are
 * replaced by handles and revived on the other side; everything else is a v8 structured clone.
 * The shared-object module installs its codec here, so Process does not depend on it.
 */
import { serialize, deserialize } from 'node:v8';

export interface TransferCodec {
  encode(value: unknown): unknown;
  decode(value: unknown): unknown;
  /**
   * A child is being started with `value`: once `child` gives its index, it holds references to
   * the shared objects inside (e.g. pipe ends). Decided now, at `start()`, so that the parent's
   * own `close()` of such an end right after an un-awaited `start()` waits for the child's hold.
   */
  handOver(value: unknown, child: Promise<number>): void;
  /** Child `index` has exited: drop every reference it held. */
  release(index: number): void;
}

let codec: TransferCodec = {
  encode: (v) => v,
  decode: (v) => v,
  handOver: () => {},
  release: () => {},
};

export function installTransferCodec(c: TransferCodec): void {
  codec = c;
}

export function transferCodec(): TransferCodec {
  return codec;
}

export class TransferError extends Error {
  override name = 'TransferError';
}

/** Serialises what a child needs, with an error that says what cannot cross and what to pass instead. */
export function packForChild(what: string, value: unknown): Uint8Array {
  try {
    return serialize(codec.encode(value));
  } catch (err) {
    throw new TransferError(
      `${what}: cannot send it to the child process (${(err as Error).message}). Pass plain data (numbers, strings, arrays, objects, typed arrays) or shared objects (Queue, Pipe, Lock, Value, Manager proxies); functions, sockets and class instances with methods cannot cross processes.`,
    );
  }
}

export function unpackInChild(payload: Uint8Array): unknown {
  return codec.decode(deserialize(payload));
}
