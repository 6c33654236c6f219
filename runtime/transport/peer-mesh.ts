/**
 * Direct rank-to-rank links over Unix domain sockets: every rank listens on its own socket, and
 * opens one outgoing connection per peer on first use. One connection per ordered pair keeps
 * frames from one sender in order, which is what MPI's non-overtaking rule needs.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { encodeHeader, FrameDecoder, FrameType, type FrameHeader } from './frames.js';

export type FrameHandler = (from: number, header: FrameHeader, payload: Uint8Array) => void;
export type TargetFinder = (from: number, header: FrameHeader, length: number) => Uint8Array | undefined;

const CONNECT_GIVE_UP_MS = 60_000;
/** Small payloads are copied next to their header: one write, and the caller may reuse its buffer. */
const COPY_BELOW = 64 * 1024;

interface Link {
  socket: net.Socket | undefined;
  queued: Buffer[];
}

export class PeerMesh {
  private server: net.Server | undefined;
  private readonly links = new Map<number, Link>();

  constructor(
    private readonly me: number,
    private readonly addressOf: (rank: number) => string,
    private readonly onFrame: FrameHandler,
    private readonly target: TargetFinder,
  ) {}

  async listen(): Promise<void> {
    const path = this.addressOf(this.me);
    fs.rmSync(path, { force: true });
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, resolve);
    });
    server.unref();
    this.server = server;
    // Outlives the socket file (removed when this process exits), so peers can tell "gone" from
    // "not started yet".
    fs.writeFileSync(`${path}.up`, '');
  }

  private accept(socket: net.Socket): void {
    socket.unref();
    socket.on('error', () => {}); // a peer that dies is reported by the launcher, not here
    let from = -1;
    const decoder = new FrameDecoder(
      (header, payload) => {
        if (header.type === FrameType.Hello) from = header.source;
        else this.onFrame(from, header, payload);
      },
      (header, length) => (header.type === FrameType.Data ? this.target(from, header, length) : undefined),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
  }

  /**
   * Queues a frame to `dest`. Resolves once the payload is handed to the kernel, after which the
   * caller may reuse its buffer. Frames to oneself are delivered on a later tick, as a copy.
   */
  send(dest: number, header: FrameHeader, payload?: Uint8Array): Promise<void> | undefined {
    const size = payload?.byteLength ?? 0;
    if (dest === this.me) {
      const copy = payload ? new Uint8Array(payload) : new Uint8Array(0);
      setImmediate(() => this.deliverToSelf(header, copy));
      return undefined;
    }
    const head = encodeHeader(header, size);
    const link = this.linkTo(dest);
    if (!payload || size === 0) return this.write(link, [head]);
    if (size < COPY_BELOW) return this.write(link, [Buffer.concat([head, payload])]);
    return this.write(link, [head, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)], true);
  }

  private deliverToSelf(header: FrameHeader, payload: Uint8Array): void {
    if (header.type === FrameType.Data && payload.length > 0) {
      const dest = this.target(this.me, header, payload.length);
      if (dest) {
        dest.set(payload);
        this.onFrame(this.me, header, dest);
        return;
      }
    }
    this.onFrame(this.me, header, payload);
  }

  private write(link: Link, bufs: Buffer[], waitForDrain = false): Promise<void> | undefined {
    if (!link.socket) {
      // Still connecting: keep copies, so the caller's buffer is free as soon as we return.
      for (const b of bufs) link.queued.push(waitForDrain ? Buffer.from(b) : b);
      return undefined;
    }
    const s = link.socket;
    if (bufs.length === 1 && !waitForDrain) {
      s.write(bufs[0]);
      return undefined;
    }
    return new Promise<void>((resolve) => {
      s.cork();
      for (let i = 0; i < bufs.length - 1; i++) s.write(bufs[i]);
      s.write(bufs[bufs.length - 1], () => resolve());
      s.uncork();
    });
  }

  private linkTo(dest: number): Link {
    let link = this.links.get(dest);
    if (!link) {
      link = { socket: undefined, queued: [] };
      this.links.set(dest, link);
      void this.connect(dest, link);
    }
    return link;
  }

  private async connect(dest: number, link: Link): Promise<void> {
    const path = this.addressOf(dest);
    const giveUp = Date.now() + CONNECT_GIVE_UP_MS;
    let delay = 1;
    for (;;) {
      const listenedBefore = fs.existsSync(`${path}.up`);
      try {
        const socket = await openSocket(path);
        socket.unref();
        socket.on('error', () => {});
        socket.write(encodeHeader({ type: FrameType.Hello, encoding: 0, dtype: 0, flags: 0, tag: 0, source: this.me, seq: 0, size: 0, comm: '' }, 0));
        for (const b of link.queued) socket.write(b);
        link.queued = [];
        link.socket = socket;
        return;
      } catch (err) {
        // The peer may still be starting: retry with a short back-off. If it has exited, nobody
        // will receive these frames (the launcher reports that rank's fate), and retrying would
        // only keep this process from exiting.
        if (peerGone(listenedBefore, err as NodeJS.ErrnoException)) {
          link.queued = [];
          return;
        }
        if (Date.now() > giveUp) throw new Error(`rankscope: cannot reach rank ${dest} at ${path}: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 50);
      }
    }
  }

  close(): void {
    this.server?.close();
    for (const link of this.links.values()) link.socket?.destroy();
  }
}

/**
 * Whether a failed connect means the peer has exited: only if it had listened (its `.up` marker
 * existed) before we tried. Otherwise ENOENT means "not bound yet" and ECONNREFUSED "bound, not
 * listening yet". The marker must be looked at before the attempt, or a peer that starts listening
 * between our failure and our look would be taken for dead.
 */
function peerGone(listenedBefore: boolean, err: NodeJS.ErrnoException): boolean {
  return listenedBefore && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED');
}

function openSocket(path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(path);
    s.once('connect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}
