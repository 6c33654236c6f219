/**
 * One outgoing connection to a peer, as sends see it. A write counts as done once the kernel has
 * its bytes, not once Node's stream has queued them: a send that has returned has left the
 * process, even if its event loop stops right after (a breakpoint, SIGSTOP). Frames written
 * before the connection is up wait for it, and so do their sends.
 *
 * An idle connected socket is written synchronously (libuv tries the write at once), so most
 * writes are done when `write` returns: those return undefined, and cost no promise.
 *
 * What the kernel cannot take at once, libuv writes when the event loop runs. A frame written
 * inside a polling loop (`PeerMesh.pollSync`: a rendezvous payload sent on the receiver's Cts) is
 * written by `writeNow` instead: straight to the socket's descriptor, the rest by later polls
 * (`pump`), until the event loop runs and hands what is left to the socket. Later frames queue
 * behind it, so the order on the wire stays the order of the writes.
 */
import * as fs from 'node:fs';
import type * as net from 'node:net';

/** A frame `writeNow` has not finished: its buffers still to write, the first maybe in part. */
interface DirectFrame {
  chunks: Buffer[];
  done: () => void;
}

/** The parts of Node's socket internals used here (not in its type declarations). */
interface WithHandle {
  _handle?: { fd?: number } | null;
}

export class Link {
  private socket: net.Socket | undefined;
  private state: 'connecting' | 'up' | 'gone' | 'failed' = 'connecting';
  private failure: Error | undefined;
  /** Frames written before the connection is up, in order. */
  private queued: Buffer[][] = [];
  /** Writes handed over (to the socket, or queued for it), and how many of those are done. */
  private handed = 0;
  private done = 0;
  /** Frames written by `writeNow` that the kernel has not all taken, in order. */
  private direct: DirectFrame[] = [];
  private handOverQueued = false;
  /** Sends waiting for write number `n` to be done, in order of `n`. */
  private readonly waiters: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  /** One callback for every write: Node then counts them rather than queueing one tick each. */
  private readonly onWritten = (): void => {
    this.done++;
    this.wake();
  };

  /**
   * Writes a frame (its buffers in order, as one batch). Resolves once the kernel has it;
   * undefined when it already does. `copyIfQueued`: keep copies of buffers the caller owns.
   */
  write(bufs: Buffer[], copyIfQueued: boolean): Promise<void> | undefined {
    switch (this.state) {
      case 'up':
        return this.put(bufs);
      case 'connecting':
        this.queued.push(copyIfQueued ? bufs.map((b) => Buffer.from(b)) : bufs);
        return this.until(++this.handed);
      case 'gone':
        return undefined; // nobody will receive it; the launcher reports that peer's fate
      case 'failed':
        return Promise.reject(this.failure!); // set whenever the state is 'failed'
    }
  }

  /**
   * Writes a frame without waiting for the event loop (inside a polling loop): `done` runs once the
   * kernel has all of it, in this call or a later `pump`. Where the socket has no descriptor, or
   * Node still holds earlier writes, it is an ordinary `write`.
   */
  writeNow(bufs: Buffer[], done: () => void, fail: (err: unknown) => void): void {
    const s = this.socket;
    if (this.state !== 'up' || !s || descriptor(s) < 0 || (this.direct.length === 0 && s.writableLength > 0)) {
      const w = this.write(bufs, true);
      if (w) w.then(done, fail);
      else done();
      return;
    }
    this.handed++;
    this.direct.push({ chunks: bufs.slice(), done });
    this.pump();
    if (this.direct.length > 0 && !this.handOverQueued) {
      this.handOverQueued = true;
      setImmediate(() => this.handOver());
    }
  }

  /** Writes on what `writeNow` left, as far as the kernel takes it now; never blocks. */
  pump(): void {
    if (this.direct.length === 0) return;
    const fd = this.socket ? descriptor(this.socket) : -1;
    while (this.direct.length > 0) {
      const f = this.direct[0];
      while (f.chunks.length > 0) {
        const n = fd < 0 ? -2 : writeSome(fd, f.chunks[0]);
        if (n === -2) return this.dropDirect(); // closed or failed: the peer has gone
        if (n < f.chunks[0].length) {
          if (n > 0) f.chunks[0] = f.chunks[0].subarray(n);
          return; // the kernel is full; the next pump (or the event loop) goes on
        }
        f.chunks.shift();
      }
      this.direct.shift();
      this.onWritten();
      f.done();
    }
  }

  /** The event loop runs: the socket takes over what `writeNow` left, in order. */
  private handOver(): void {
    this.handOverQueued = false;
    this.pump();
    const s = this.socket;
    if (!s) return;
    for (const f of this.direct.splice(0)) {
      if (f.chunks.length > 1) s.cork();
      for (let i = 0; i < f.chunks.length - 1; i++) s.write(f.chunks[i]);
      s.write(f.chunks[f.chunks.length - 1], () => {
        this.onWritten();
        f.done();
      });
      if (f.chunks.length > 1) s.uncork();
    }
  }

  /** Nobody will read what `writeNow` left: its sends are over (the launcher reports the peer). */
  private dropDirect(): void {
    this.settleAll();
  }

  /** The connection is up: what was queued goes out first, in order. */
  connected(socket: net.Socket): void {
    this.socket = socket;
    this.state = 'up';
    // A socket that closes (its peer exited) completes no more writes: nobody waits for them.
    socket.on('close', () => this.settleAll());
    const queued = this.queued;
    this.queued = [];
    for (const bufs of queued) this.writeFrame(socket, bufs);
  }

  /** The peer has exited: its frames are dropped, and the sends waiting for them return. */
  gone(): void {
    this.state = 'gone';
    this.queued = [];
    this.settleAll();
  }

  /** The peer cannot be reached (and is not known to have exited): every send to it fails. */
  fail(err: Error): void {
    this.state = 'failed';
    this.failure = err;
    this.queued = [];
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  destroy(): void {
    this.socket?.destroy();
  }

  private put(bufs: Buffer[]): Promise<void> | undefined {
    const s = this.socket!;
    this.handed++;
    if (this.direct.length > 0) {
      // Behind a frame still being written directly: it goes out after that one, in order.
      const n = this.handed;
      this.direct.push({ chunks: bufs.map((b) => Buffer.from(b)), done: () => {} });
      return this.until(n);
    }
    this.writeFrame(s, bufs);
    // Nothing left in Node's buffer: the kernel has every byte written so far.
    if (s.writableLength === 0) return undefined;
    return this.until(this.handed);
  }

  /** One frame's buffers in one batch; its last write counts as the frame's. */
  private writeFrame(s: net.Socket, bufs: Buffer[]): void {
    if (bufs.length > 1) s.cork();
    for (let i = 0; i < bufs.length - 1; i++) s.write(bufs[i]);
    s.write(bufs[bufs.length - 1], this.onWritten);
    if (bufs.length > 1) s.uncork();
  }

  private until(n: number): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ n, resolve, reject }));
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.waiters[0].n <= this.done) this.waiters.shift()!.resolve();
  }

  private settleAll(): void {
    for (const f of this.direct.splice(0)) f.done();
    this.done = this.handed;
    this.wake();
  }
}

function descriptor(s: net.Socket): number {
  return s.destroyed ? -1 : (s as unknown as WithHandle)._handle?.fd ?? -1;
}

/**
 * One non-blocking write(2) of `buf`: the bytes the kernel took (0 when it is full), or -2 when the
 * socket is closed or failed. Node's error for a full socket skips its stack trace (polled often).
 */
function writeSome(fd: number, buf: Buffer): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fs.writeSync(fd, buf, 0, buf.length);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EAGAIN' || code === 'EWOULDBLOCK' ? 0 : -2;
  } finally {
    Error.stackTraceLimit = limit;
  }
}
