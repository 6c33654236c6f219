/**
 * Direct rank-to-rank links: every rank listens (on a Unix socket, and on TCP when its peers may
 * be on other hosts), and opens one outgoing connection per peer on first use. One connection per
 * ordered pair keeps frames from one sender in order, which is what MPI's non-overtaking rule
 * needs. The same frames cross both kinds of socket.
 *
 * Frames arrive through the event loop, and also through `pollSync`: a synchronous `Test()` or
 * `iprobe()` in a loop that never yields reads the peers' sockets itself (see incoming.ts).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { encodeFrame, encodeHeader, FrameDecoder, FrameType, type FrameHeader } from './frames.js';
import { Incoming } from './incoming.js';
import { Link } from './link.js';

export type FrameHandler = (from: number, header: FrameHeader, payload: Uint8Array) => void;
export type TargetFinder = (from: number, header: FrameHeader, length: number) => Uint8Array | undefined;

/** Where a rank accepts connections: a Unix socket, or a TCP host and port. */
export type PeerEndpoint = { path: string } | { host: string; port: number };

/** Where each peer listens, as the job's way of starting ranks knows it. */
export interface PeerDirectory {
  addressOf(rank: number): PeerEndpoint;
  /**
   * Whether `rank` had listened before this moment: then a refused connection means it has
   * exited, while otherwise it may still be starting.
   */
  listenedBefore(rank: number): boolean;
  /**
   * Whether `rank`'s process is known to have exited (its launcher saw it go). A peer that has
   * not listened yet may be paused (a debugger, SIGSTOP) for any length of time: only this says
   * it never will.
   */
  exited?(rank: number): boolean;
  /**
   * Settles once `rank` says it listens (or has exited), if the directory can tell: a connect then
   * retries at once rather than at its next back-off (ranks start together and wait for one another).
   */
  listening?(rank: number): Promise<void>;
}

export function describeEndpoint(e: PeerEndpoint): string {
  return 'path' in e ? e.path : `${e.host}:${e.port}`;
}

/**
 * What a connect meets while the peer has not listened yet, or is paused with its backlog full:
 * retried for as long as the peer's process lives, however long that is. Any other failure (no
 * route, a timeout) is the network's, which no pause explains: given up after this many tries.
 */
const NOT_YET = new Set(['ENOENT', 'ECONNREFUSED', 'EAGAIN']);
const NETWORK_TRIES = 200;
/** `RANKSCOPE_DEBUG=links`: every link a rank opens is logged on stderr, with the way it went. */
const LOG_LINKS = (process.env.RANKSCOPE_DEBUG ?? '').split(',').includes('links');
/**
 * How long a starting rank waits for its peers to start before its program runs anyway. Ranks
 * start together, so this is only reached when one is held before it starts (a debugger, SIGSTOP).
 */
const PEERS_GRACE_MS = 10_000;
/** Small payloads are copied next to their header: one write, and the caller may reuse its buffer. */
const COPY_BELOW = 64 * 1024;

export class PeerMesh {
  private readonly servers: net.Server[] = [];
  private readonly links = new Map<number, Link>();
  /** Each link's connect, settled once it is up, or its peer gone, or it failed. */
  private readonly connecting = new Map<number, Promise<void>>();
  /** Connections peers opened to us, once they said who they are. */
  private readonly incoming: Incoming[] = [];
  /** Peers that have said hello (or are known gone), and who waits for that. */
  private readonly heard = new Set<number>();
  private readonly hearing = new Map<number, () => void>();
  /** Frames to oneself not yet delivered, in order: a later tick, or the next `pollSync`, takes them. */
  private toSelf: { header: FrameHeader; payload: Uint8Array }[] = [];
  private selfScheduled = false;
  /** Whether `pollSync` is running (a frame handler never calls it again, but be sure). */
  private polling = false;
  /** Set once the job says where the peers are (a cluster learns it only after listening). */
  directory: PeerDirectory | undefined;

  constructor(
    private readonly me: number,
    private readonly onFrame: FrameHandler,
    private readonly target: TargetFinder,
  ) {}

  /** Accepts peers at `at` (TCP port 0: any free port); returns the endpoint actually bound. */
  async listen(at: PeerEndpoint): Promise<PeerEndpoint> {
    if ('path' in at) fs.rmSync(at.path, { force: true });
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if ('path' in at) server.listen(at.path, resolve);
      else server.listen(at.port, at.host, resolve);
    });
    server.unref();
    this.servers.push(server);
    if ('path' in at) return at;
    return { host: at.host, port: (server.address() as net.AddressInfo).port };
  }

  private accept(socket: net.Socket): void {
    socket.unref();
    socket.setNoDelay(true);
    socket.on('error', () => {}); // a peer that dies is reported by the launcher, not here
    let from = -1;
    const decoder = new FrameDecoder(
      (header, payload) => {
        if (header.type !== FrameType.Hello) return this.onFrame(from, header, payload);
        from = header.source;
        this.incoming.push(connection);
        this.heardFrom(from);
      },
      (header, length) => (header.type === FrameType.Data ? this.target(from, header, length) : undefined),
    );
    const connection = new Incoming(socket, decoder);
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('close', () => {
      const i = this.incoming.indexOf(connection);
      if (i >= 0) this.incoming.splice(i, 1);
    });
  }

  /**
   * Opens a link to every peer, and waits until every peer has opened its link to us: before the
   * program runs, for only the event loop can accept a connection, and a rank spinning in
   * `while (!req.Test()) {}` never runs it. A peer that has exited is not waited for, and one that
   * has not started within PEERS_GRACE_MS (a debugger holds it at its first line) no longer: the
   * program goes on, and that peer's link is accepted whenever the event loop next runs.
   */
  async connectAll(size: number, graceMs = PEERS_GRACE_MS): Promise<void> {
    const waits: Promise<void>[] = [];
    for (let r = 0; r < size; r++) {
      if (r === this.me) continue;
      this.linkTo(r);
      waits.push(this.connecting.get(r)!, this.hello(r));
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(waits), grace]);
    clearTimeout(timer);
  }

  private hello(from: number): Promise<void> {
    if (this.heard.has(from)) return Promise.resolve();
    return new Promise((resolve) => this.hearing.set(from, resolve));
  }

  private heardFrom(from: number): void {
    this.heard.add(from);
    this.hearing.get(from)?.();
    this.hearing.delete(from);
  }

  /**
   * Delivers, without yielding to the event loop, every frame that has reached this process: the
   * ones to oneself, and what the peers' sockets hold; and writes on payloads sent from inside it
   * that the kernel could not take at once (`sendThen`). Synchronous calls that ask whether
   * something has arrived (`Test`, `iprobe`, …) call it first. Reads never block; with nothing
   * arrived this costs one failed read(2) per peer.
   */
  pollSync(): void {
    if (this.polling) return;
    this.polling = true;
    try {
      this.deliverQueuedToSelf();
      for (const c of this.incoming) c.pump();
      for (const link of this.links.values()) link.pump(); // payloads writeNow could not finish
    } finally {
      this.polling = false;
    }
  }

  /**
   * Sends a frame to `dest`. Resolves once the kernel has it, after which the caller may reuse its
   * buffer; undefined when it has it already (the usual case once the link is up). Frames to
   * oneself are delivered on a later tick, as a copy.
   */
  send(dest: number, header: FrameHeader, payload?: Uint8Array): Promise<void> | undefined {
    const size = payload?.byteLength ?? 0;
    if (dest === this.me) {
      this.toSelf.push({ header, payload: payload ? new Uint8Array(payload) : new Uint8Array(0) });
      if (!this.selfScheduled) {
        this.selfScheduled = true;
        setImmediate(() => this.deliverQueuedToSelf());
      }
      return undefined;
    }
    const link = this.linkTo(dest);
    if (size < COPY_BELOW) return link.write([payload ? encodeFrame(header, payload) : encodeHeader(header, 0)], false);
    return link.write([encodeHeader(header, size), Buffer.from(payload!.buffer, payload!.byteOffset, payload!.byteLength)], true);
  }

  /**
   * `send` with callbacks: `done` once the caller may reuse its buffer. Inside `pollSync` (a
   * rendezvous payload sent on the receiver's Cts) a large payload is written with
   * `Link.writeNow`, so a rank polling its send request gets it out without the event loop.
   */
  sendThen(dest: number, header: FrameHeader, payload: Uint8Array, done: () => void, fail: (err: unknown) => void): void {
    if (this.polling && dest !== this.me && payload.byteLength >= COPY_BELOW) {
      const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
      return this.linkTo(dest).writeNow([encodeHeader(header, payload.byteLength), bytes], done, fail);
    }
    const w = this.send(dest, header, payload);
    if (w) w.then(done, fail);
    else done();
  }

  private deliverQueuedToSelf(): void {
    this.selfScheduled = false;
    if (this.toSelf.length === 0) return;
    const queued = this.toSelf;
    this.toSelf = [];
    for (const f of queued) this.deliverToSelf(f.header, f.payload);
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

  private linkTo(dest: number): Link {
    let link = this.links.get(dest);
    if (!link) {
      const fresh = new Link();
      this.links.set(dest, fresh);
      this.connecting.set(dest, this.connect(dest, fresh).catch((err: Error) => {
        fresh.fail(err);
        this.heardFrom(dest); // the send that fails says why; nobody waits for this peer
      }));
      link = fresh;
    }
    return link;
  }

  private async connect(dest: number, link: Link): Promise<void> {
    const directory = this.directory;
    if (!directory) throw new Error(`rankscope: rank ${this.me} sent to rank ${dest} before the job said where its peers are`);
    const address = directory.addressOf(dest);
    let delay = 1;
    let networkFailures = 0;
    /** One wait for the peer's markers per link, however many tries it takes. */
    let arrival: Promise<void> | undefined;
    for (;;) {
      const listenedBefore = directory.listenedBefore(dest);
      try {
        const socket = await openSocket(address);
        socket.unref();
        socket.setNoDelay(true);
        socket.on('error', () => {});
        socket.on('close', () => this.heardFrom(dest)); // an exited peer will never say hello
        if (LOG_LINKS) process.stderr.write(`rankscope: link rank ${this.me} → rank ${dest} over ${'path' in address ? 'unix' : 'tcp'} ${describeEndpoint(address)}\n`);
        socket.write(encodeHeader({ type: FrameType.Hello, encoding: 0, dtype: 0, flags: 0, tag: 0, source: this.me, seq: 0, size: 0, comm: '' }, 0));
        link.connected(socket);
        return;
      } catch (err) {
        // The peer may still be starting, or be paused before it listens: retry with a short
        // back-off, with no deadline. If it has exited, nobody will receive these frames (the
        // launcher reports that rank's fate), and retrying would only keep this process alive.
        const e = err as NodeJS.ErrnoException;
        if (directory.exited?.(dest) || peerGone(listenedBefore, e)) {
          this.heardFrom(dest);
          return link.gone();
        }
        networkFailures = NOT_YET.has(e.code ?? '') ? 0 : networkFailures + 1;
        if (networkFailures >= NETWORK_TRIES) {
          throw new Error(`rankscope: rank ${this.me} cannot reach rank ${dest} at ${describeEndpoint(address)}: ${e.message} (${NETWORK_TRIES} tries); check that the hosts can reach each other on the ports the ranks listen on`, { cause: err });
        }
        if (!listenedBefore) arrival ??= directory.listening?.(dest);
        await waitToRetry(delay, listenedBefore ? undefined : arrival);
        delay = Math.min(delay * 2, 50);
      }
    }
  }

  close(): void {
    for (const server of this.servers) server.close();
    for (const link of this.links.values()) link.destroy();
  }
}

/**
 * Whether a failed connect means the peer has exited: only if it had listened before we tried.
 * Otherwise ENOENT means "not bound yet" and ECONNREFUSED "bound, not listening yet". The
 * directory must be asked before the attempt, or a peer that starts listening between our
 * failure and our look would be taken for dead.
 */
function peerGone(listenedBefore: boolean, err: NodeJS.ErrnoException): boolean {
  return listenedBefore && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED');
}

/** Sleeps `delay` ms, or less if the peer says it listens. */
function waitToRetry(delay: number, listening: Promise<void> | undefined): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const slept = new Promise<void>((r) => (timer = setTimeout(r, delay)));
  if (!listening) return slept;
  return Promise.race([slept, listening]).finally(() => clearTimeout(timer));
}

function openSocket(address: PeerEndpoint): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = 'path' in address ? net.connect(address.path) : net.connect(address.port, address.host);
    s.once('connect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}
