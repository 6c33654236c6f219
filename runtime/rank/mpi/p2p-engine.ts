/**
 * Point-to-point transport for one rank: eager and rendezvous protocols over the peer mesh, and
 * the matching queues. Knows nothing of communicator objects or tracing; `Comm` builds on it.
 *
 * Eager: a message whose payload is at most `eagerLimit` bytes travels whole at once, and the send
 * returns. Rendezvous (larger messages, and every ssend): the sender announces the message (Rts),
 * waits until the receiver has matched it (Cts), then streams the payload straight into the
 * receiver's buffer. As in real MPI, a large standard send therefore waits for its receive.
 */
import { Encoding, FLAG_SYNC, FrameType, type FrameHeader } from '../transport/frames.js';
import type { PeerMesh } from '../transport/peer-mesh.js';
import { MatchingQueues, type Envelope, type Posted } from './matching.js';

export interface Outgoing {
  context: string;
  /** Sender's rank in the communicator. */
  source: number;
  tag: number;
  worldDest: number;
  encoding: Encoding;
  dtype: number;
  payload: Uint8Array;
  /** Synchronous mode (ssend): complete only once the receive has matched. */
  sync: boolean;
  seq: number;
}

export interface Received {
  env: Envelope;
  payload: Uint8Array;
}

/** A receive in progress: `done` settles once the payload is in. */
export interface PendingReceive {
  done: Promise<Received>;
  /** Withdraws the receive if it has not matched; false once it has. */
  cancel(): boolean;
}

interface DataWait {
  target: Uint8Array | undefined;
  resolve: (payload: Uint8Array) => void;
}

export class P2PEngine {
  readonly queues = new MatchingQueues();
  private mesh!: PeerMesh;
  private nextSeq = 1;
  private readonly awaitingCts = new Map<number, () => void>();
  private readonly awaitingData = new Map<string, DataWait>();

  constructor(readonly worldRank: number, readonly eagerLimit: number) {}

  attach(mesh: PeerMesh): void {
    this.mesh = mesh;
  }

  /** A fresh message number: `<world rank>.<seq>` names the message in the trace. */
  allocateSeq(): number {
    return this.nextSeq++;
  }

  /**
   * Sends `m`. An eager message is handed to the socket before this returns, and then there is
   * nothing to wait for: undefined, so the small-message path makes no promise at all. Otherwise
   * the promise settles once the caller may reuse its buffer.
   */
  send(m: Outgoing): Promise<void> | undefined {
    if (m.payload.byteLength <= this.eagerLimit && !m.sync) return this.mesh.send(m.worldDest, this.header(m), m.payload);
    return new Promise((resolve, reject) => this.sendThen(m, resolve, reject));
  }

  /**
   * `send` with callbacks: `done` runs once the caller may reuse its buffer, in the same turn as
   * the frame that allows it (an eager write the kernel took at once, a receiver's Cts), also when
   * `pollSync` handled that frame. A request's `Test()` in a loop that never yields sees it so.
   */
  sendThen(m: Outgoing, done: () => void, fail: (err: unknown) => void): void {
    const header = this.header(m);
    if (m.payload.byteLength > this.eagerLimit) return this.rendezvous(m, header, done, fail);
    if (!m.sync) return whenWritten(this.mesh.send(m.worldDest, header, m.payload), done, fail);
    this.eagerSync(m, header, done, fail);
  }

  private header(m: Outgoing): FrameHeader {
    return {
      type: FrameType.Eager, encoding: m.encoding, dtype: m.dtype, flags: m.sync ? FLAG_SYNC : 0,
      tag: m.tag, source: m.source, seq: m.seq, size: m.payload.byteLength, comm: m.context,
    };
  }

  /**
   * A small synchronous send: the payload travels at once (flagged sync) and the receiver
   * acknowledges its match with a Cts. The receive has therefore completed when the ssend returns,
   * as with MPI implementations (mpi4py's tests rely on it: `ssend` to self, then `testsome`).
   */
  private eagerSync(m: Outgoing, header: FrameHeader, done: () => void, fail: (err: unknown) => void): void {
    let acked = false;
    let written = false;
    this.awaitingCts.set(m.seq, () => {
      acked = true;
      if (written) done();
    });
    whenWritten(this.mesh.send(m.worldDest, header, m.payload), () => {
      written = true;
      if (acked) done();
    }, fail);
  }

  /** Rts now; the payload as soon as the receiver's Cts is handled (no promise turn in between). */
  private rendezvous(m: Outgoing, header: FrameHeader, done: () => void, fail: (err: unknown) => void): void {
    this.awaitingCts.set(m.seq, () => this.mesh.sendThen(m.worldDest, { ...header, type: FrameType.Data }, m.payload, done, fail));
    whenWritten(this.mesh.send(m.worldDest, { ...header, type: FrameType.Rts }), () => {}, fail);
  }

  /**
   * Posts a receive; `done` runs once the payload is in, `fail` when `check` rejects the matched
   * envelope (wrong encoding, truncation) before any data moves. `into` (buffer forms) receives
   * the payload in place when it fits. Callbacks, not a promise: the caller resolves its own, so
   * a message wakes the user's `await` with no promise layers in between. Returns the canceller:
   * it withdraws the receive if it has not matched, and says false once it has.
   */
  post(context: string, source: number, tag: number, into: Uint8Array | undefined, check: ((env: Envelope) => void) | undefined, done: (r: Received) => void, fail: (err: unknown) => void): PostedReceive {
    const posted = new PostedReceive(this, context, source, tag, into, check, done, fail);
    this.queues.post(posted);
    return posted;
  }

  /** Receives `env`, already matched and out of the queues (a matched probe's message), as `post` would. */
  receiveMatched(context: string, env: Envelope, into: Uint8Array | undefined, check: ((env: Envelope) => void) | undefined, done: (r: Received) => void, fail: (err: unknown) => void): void {
    new PostedReceive(this, context, env.source, env.tag, into, check, done, fail).deliver(env);
  }

  /** `post` as a promise, for callers that await it anyway (requests, collectives, sendrecv). */
  receive(context: string, source: number, tag: number, into?: Uint8Array, check?: (env: Envelope) => void): PendingReceive {
    let posted: PostedReceive | undefined;
    const done = new Promise<Received>((resolve, reject) => {
      posted = this.post(context, source, tag, into, check, resolve, reject);
    });
    return { done, cancel: () => posted!.cancel() };
  }

  /** A posted receive has matched `env`: take an eager payload, or clear a rendezvous sender to go. */
  matched(r: PostedReceive, env: Envelope): void {
    if (env.payload !== undefined) {
      r.done({ env, payload: env.payload });
      if (env.rendezvous) this.sendCts(env.worldSource, env.tag, env.seq, r); // a sync eager message: the sender waits for this
      return;
    }
    const target = r.into && r.into.byteLength >= env.size ? r.into.subarray(0, env.size) : undefined;
    this.awaitingData.set(`${env.worldSource}:${env.seq}`, { target, resolve: (payload) => r.done({ env, payload }) });
    this.sendCts(env.worldSource, env.tag, env.seq, r);
  }

  /** Clears the sender to go; a Cts that cannot be written fails the receive (it would wait forever). */
  private sendCts(to: number, tag: number, seq: number, r: PostedReceive): void {
    whenWritten(this.mesh.send(to, { type: FrameType.Cts, encoding: Encoding.Clone, dtype: 0, flags: 0, tag, seq, source: 0, size: 0, comm: r.context }), () => {}, r.fail);
  }

  /** Where an arriving Data frame's payload should land (a posted buffer, or a fresh array). */
  dataTarget(from: number, header: FrameHeader, length: number): Uint8Array | undefined {
    const wait = this.awaitingData.get(`${from}:${header.seq}`);
    return wait?.target && wait.target.byteLength === length ? wait.target : undefined;
  }

  onFrame(from: number, h: FrameHeader, payload: Uint8Array): void {
    switch (h.type) {
      case FrameType.Eager:
      case FrameType.Rts:
        this.queues.arrive({
          context: h.comm, source: h.source, tag: h.tag, worldSource: from, seq: h.seq,
          encoding: h.encoding, dtype: h.dtype, size: h.size,
          payload: h.type === FrameType.Eager ? payload : undefined,
          rendezvous: h.type === FrameType.Rts || (h.flags & FLAG_SYNC) !== 0,
        });
        return;
      case FrameType.Cts: {
        const go = this.awaitingCts.get(h.seq);
        this.awaitingCts.delete(h.seq);
        go?.();
        return;
      }
      case FrameType.Data: {
        const key = `${from}:${h.seq}`;
        const wait = this.awaitingData.get(key);
        this.awaitingData.delete(key);
        wait?.resolve(payload);
        return;
      }
    }
  }
}

/** Runs `done` once a write is done: now when the kernel took it already (undefined). */
function whenWritten(write: Promise<void> | undefined, done: () => void, fail: (err: unknown) => void): void {
  if (write) write.then(done, fail);
  else done();
}

/** A receive in the matching queues: one object, no closures, as every `recv` makes one. */
export class PostedReceive implements Posted {
  private isMatched = false;

  constructor(
    private readonly engine: P2PEngine,
    readonly context: string,
    readonly source: number,
    readonly tag: number,
    readonly into: Uint8Array | undefined,
    private readonly check: ((env: Envelope) => void) | undefined,
    readonly done: (r: Received) => void,
    readonly fail: (err: unknown) => void,
  ) {}

  deliver(env: Envelope): void {
    this.isMatched = true;
    try {
      this.check?.(env);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.engine.matched(this, env);
  }

  /** Withdraws the receive if it has not matched; false once it has. */
  cancel(): boolean {
    return !this.isMatched && this.engine.queues.cancel(this);
  }
}
