/**
 * One outgoing connection to a peer, as sends see it. A write counts as done once the kernel has
 * its bytes, not once Node's stream has queued them: a send that has returned has left the
 * process, even if its event loop stops right after (a breakpoint, SIGSTOP). Frames written
 * before the connection is up wait for it, and so do their sends.
 *
 * An idle connected socket is written synchronously (libuv tries the write at once), so most
 * writes are done when `write` returns: those return undefined, and cost no promise.
 */
import type * as net from 'node:net';

export class Link {
  private socket: net.Socket | undefined;
  private state: 'connecting' | 'up' | 'gone' | 'failed' = 'connecting';
  private failure: Error | undefined;
  /** Frames written before the connection is up, in order. */
  private queued: Buffer[][] = [];
  /** Writes handed over (to the socket, or queued for it), and how many of those are done. */
  private handed = 0;
  private done = 0;
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
        return Promise.reject(this.failure);
    }
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
    this.done = this.handed;
    this.wake();
  }
}
