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
import { MatchingQueues, type Envelope } from './matching.js';

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

/** A receive in progress: `matched` settles on matching, `done` once the payload is in. */
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

  async send(m: Outgoing): Promise<void> {
    const header: FrameHeader = {
      type: FrameType.Eager, encoding: m.encoding, dtype: m.dtype, flags: m.sync ? FLAG_SYNC : 0,
      tag: m.tag, source: m.source, seq: m.seq, size: m.payload.byteLength, comm: m.context,
    };
    if (!m.sync && m.payload.byteLength <= this.eagerLimit) {
      await this.mesh.send(m.worldDest, header, m.payload);
      return;
    }
    const cleared = new Promise<void>((resolve) => this.awaitingCts.set(m.seq, resolve));
    this.mesh.send(m.worldDest, { ...header, type: FrameType.Rts });
    await cleared;
    await this.mesh.send(m.worldDest, { ...header, type: FrameType.Data }, m.payload);
  }

  /**
   * Posts a receive. `into` (buffer forms) receives the payload in place when it fits;
   * `check` may reject a matched envelope (wrong encoding, truncation) before any data moves.
   */
  receive(context: string, source: number, tag: number, into?: Uint8Array, check?: (env: Envelope) => void): PendingReceive {
    let posted: ReturnType<MatchingQueues['post']> | undefined;
    let matched = false;
    const done = new Promise<Received>((resolve, reject) => {
      posted = this.queues.post(context, source, tag, (env) => {
        matched = true;
        try {
          check?.(env);
        } catch (err) {
          reject(err);
          return;
        }
        if (!env.rendezvous) {
          resolve({ env, payload: env.payload! });
          return;
        }
        const target = into && into.byteLength >= env.size ? into.subarray(0, env.size) : undefined;
        this.awaitingData.set(`${env.worldSource}:${env.seq}`, { target, resolve: (payload) => resolve({ env, payload }) });
        this.mesh.send(env.worldSource, {
          type: FrameType.Cts, encoding: Encoding.Clone, dtype: 0, flags: 0, tag: env.tag, source: 0, seq: env.seq, size: 0, comm: context,
        });
      });
    });
    return { done, cancel: () => !matched && posted !== undefined && this.queues.cancel(posted) };
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
