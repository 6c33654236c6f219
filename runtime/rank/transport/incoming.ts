/**
 * A connection a peer opened to this rank, read without the event loop when asked (`pump`).
 *
 * A polling loop (`while (!req.Test()) {}`) never yields, so Node never reads the socket for it.
 * On Linux a connected socket's handle has its file descriptor, which libuv made non-blocking:
 * `fs.readSync` on it is one read(2) that returns the bytes waiting or fails with EAGAIN. JavaScript
 * runs on one thread, so bytes read here enter the same frame decoder as the 'data' handler's, in
 * order; libuv's epoll is level-triggered, so it simply finds nothing left the next time it looks.
 * Where there is no descriptor (Windows), `pump` does nothing and frames wait for the event loop.
 */
import * as fs from 'node:fs';
import type * as net from 'node:net';
import type { FrameDecoder } from './frames.js';

/** One read's worth, shared: what arrives is copied out (payload views outlive the read). */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** The parts of Node's socket internals used here (not in its type declarations). */
interface WithHandle {
  _handle?: { fd?: number } | null;
}

export class Incoming {
  private ended = false;

  constructor(private readonly socket: net.Socket, private readonly decoder: FrameDecoder) {}

  /** Feeds the decoder everything the socket holds now; never blocks. */
  pump(): void {
    if (this.ended) return;
    const fd = this.fd();
    if (fd < 0) return;
    // Chunks Node has read but not yet handed to 'data' come first: read() hands them over now.
    while (this.socket.readableLength > 0 && this.socket.read() !== null);
    for (;;) {
      const n = readNow(fd);
      if (n < 0) return;
      if (n === 0) {
        this.ended = true; // closed or failed: the event loop reports that as usual
        return;
      }
      this.decoder.push(Buffer.from(scratch.subarray(0, n)));
      if (n < scratch.length) return; // took all there was; more would be a failed read
    }
  }

  /** The descriptor, while the socket has one: after `destroy` its number may name another file. */
  private fd(): number {
    if (this.socket.destroyed) return -1;
    return (this.socket as unknown as WithHandle)._handle?.fd ?? -1;
  }
}

/**
 * One non-blocking read into `scratch`: the byte count; -1 when nothing is waiting; 0 at the end
 * of the stream or when the socket failed (its 'error' and 'close' come through the event loop).
 * The error Node makes for EAGAIN skips its stack trace: a polling loop fails here over and over.
 */
function readNow(fd: number): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fs.readSync(fd, scratch, 0, scratch.length, null);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EAGAIN' || code === 'EWOULDBLOCK' ? -1 : 0;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
