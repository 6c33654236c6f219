/**
 * `MPI.Comm`: identity, point-to-point (lower-case: any structured-cloneable value; capitalised:
 * typed arrays moved as raw bytes). Collectives and communicator creation are on `Intracomm`
 * (`intracomm.ts`), as in mpi4py.
 */
import type { CallSite, RecvWait, WaitFor } from '../../contract/trace-events.js';
import { atCallSite, captureCallSite } from '../call-site.js';
import { hold, release } from '../liveness.js';
import { nowMicros, type StartFields } from '../tracer.js';
import type { RankRuntime } from '../runtime.js';
import { bytesOf, dtypeCode, dtypeName, typedArrayCopy, type TypedArray } from '../transport/dtypes.js';
import { Encoding } from '../transport/frames.js';
import { decodeClone, encodeClone, looksLikeClone } from '../transport/scalar-clone.js';
import { intArg, parseArgs } from './args.js';
import { DATATYPES, landed, resolveBuffer, type BufferSpec } from './datatypes.js';
import { ArgumentError, BufferError, CommError, DatatypeError, MPIException, RankError, TagError, TruncateError } from './errors.js';
import { ANY_SOURCE, ANY_TAG, PROC_NULL, UNDEFINED, type Envelope } from './matching.js';
import type { Outgoing, Received } from './p2p-engine.js';
import { CallTemplates } from './call-templates.js';
import { closed, opened } from './open-requests.js';
import { exploredSource } from './explore.js';
import { guardReceive, guardSend, releaseBuffers } from './buffer-hygiene.js';
import { EagerSend, failedSend, NO_SEND, WaitingSend, type LaunchedSend } from './launched-send.js';
import { processBuffer, SendBuffer } from './bsend.js';
import { Message, MESSAGE_NO_PROC } from './message.js';
import { Operation, Prequest, Request, type Completion } from './request.js';
import { Status } from './status.js';
import { DONE, errorFields, fmtRank, traced } from './traced.js';
import { compareMembers, CONGRUENT, Group, IDENT } from './group.js';
import { Info, INFO_NULL } from './info.js';
import type { BufferSendrecvOptions, IrecvOptions, IrecvTagOptions, RecvOptions, RecvTagOptions, SendOptions, SendrecvOptions, SendTagOptions } from './options.js';

export type { BufferSendrecvOptions, IrecvOptions, IrecvTagOptions, RecvOptions, RecvTagOptions, SendOptions, SendrecvOptions, SendTagOptions };

/** Receive waits kept for reuse per communicator (a program may use many tags). */
const RECV_WAITS_KEPT = 1024;

/** A send checked and packed, not yet started. */
interface PreparedSend {
  /** Rank in the communicator. */
  dest: number;
  tag: number;
  seq: number;
  bytes: number;
  /** Present when the send waits for its receive (ssend, rendezvous). */
  wait: WaitFor | undefined;
  out: Outgoing;
}

/** The payload of one message, ready for the wire. */
export interface Packed {
  encoding: Encoding;
  dtype: number;
  bytes: Uint8Array;
}

export class Comm {
  /** Collective calls made so far on this communicator: the n-th is collective number n. */
  collSeq = 0;
  /**
   * @internal The channel each collective in progress sends on, by its number: its call and root
   * (collective-transport.ts), so ranks that disagree on the call never take each other's messages.
   */
  readonly collChannels = new Map<number, string>();
  /** Communicators derived from this one so far (Dup/Split), for deterministic child ids. */
  private children = 0;
  /** True once freed, and for a null communicator (`new MPI.Comm()`): it then equals MPI.COMM_NULL. */
  private freed = false;
  /** Its own buffer for buffered sends (`comm.Attach_buffer`, MPI 4.1), once one was attached. */
  private sendBuffer: SendBuffer | undefined;
  private givenName: string | undefined;
  private hints: Info = INFO_NULL;
  private readonly recvWaits = new Map<number, RecvWait>();
  private readonly calls!: CallTemplates;

  /**
   * `new MPI.Comm()` is a null communicator (it equals MPI.COMM_NULL); `new MPI.Comm(comm)` is
   * another handle to `comm` (equal to it, sharing its state). The runtime makes the real ones.
   */
  constructor(comm?: Comm | null);
  /** @internal */
  constructor(rt: RankRuntime, id: string, members: readonly number[], rank: number);
  constructor(rt?: RankRuntime | Comm | null, id?: string, members?: readonly number[], rank?: number) {
    // A second handle must share every counter (collective numbers, children), so it forwards to the
    // first. (A subclass adding fields with initialisers would reset the first's: keep state here.)
    if (rt instanceof Comm) return new Proxy(rt, {}) as this;
    if (rt !== undefined && rt !== null && id === undefined) throw new TypeError(`MPI.Comm(): expected a communicator or nothing, got ${typeof rt}`);
    /** @internal */
    this.rt = rt ?? (undefined as unknown as RankRuntime);
    this.id = id ?? 'null';
    this.members = members ?? [];
    this.rank = rank ?? UNDEFINED;
    this.freed = rt === undefined || rt === null;
    this.calls = new CallTemplates(this.id, (r) => this.worldOf(r), (source, tag) => this.recvWait(source, tag));
  }
  /** @internal */
  readonly rt!: RankRuntime;
  /** Context id, the same on every member: `world`, `world.1`, `world.2.c3`, … */
  readonly id!: string;
  /** @internal World ranks of the members, by rank in this communicator (`comm.group` is the MPI.Group). */
  readonly members!: readonly number[];
  /** This process's rank in the communicator (MPI.UNDEFINED for a null one). */
  readonly rank!: number;

  /** The number of processes in the communicator (also `comm.Get_size()`). */
  get size(): number {
    return this.members.length;
  }
  /** This process's rank in the communicator, 0 … size-1 (also `comm.rank`). */
  Get_rank(): number {
    return this.rank;
  }
  /** The number of processes in the communicator (also `comm.size`). */
  Get_size(): number {
    return this.size;
  }
  /** Whether the communicator has a process topology (a Cartcomm, Graphcomm or Distgraphcomm). */
  get is_topo(): boolean {
    return false;
  }
  /** The communicator's name: what `Set_name` gave, else MPI_COMM_WORLD, MPI_COMM_SELF, MPI_COMM_NULL or one naming its context. */
  Get_name(): string {
    if (this.freed) return 'MPI_COMM_NULL';
    if (this.givenName !== undefined) return this.givenName;
    return this.id === 'world' ? 'MPI_COMM_WORLD' : this.id.startsWith('self.') && !this.id.includes('.', 5) ? 'MPI_COMM_SELF' : `MPI_COMM(${this.id})`;
  }
  /** Names the communicator for this process (shown by `Get_name`; not communicated). */
  Set_name(name: string): void {
    if (typeof name !== 'string') throw new TypeError(`Set_name: expected a string, got ${typeof name}`);
    this.checkLive('Set_name');
    this.givenName = name;
  }
  /** `comm.name`: `Get_name()` / `Set_name(name)`. */
  get name(): string {
    return this.Get_name();
  }
  set name(name: string) {
    this.Set_name(name);
  }

  /**
   * What the communicator is, as a debugger's Variables view and hovers show it:
   * `Intracomm(world, rank 3 of 9)`, `Cartcomm(world.1, rank 0 of 4)`, `Intracomm(MPI_COMM_NULL)`.
   */
  toString(): string {
    const kind = this.constructor.name || 'Comm';
    if (this.freed) return `${kind}(MPI_COMM_NULL)`;
    const label = this.givenName !== undefined ? `${this.id} "${this.givenName}"` : this.id;
    return `${kind}(${label}, rank ${this.rank} of ${this.size})`;
  }

  /** Ends every rank of the job with `errorcode`, as MPI_Abort does. */
  Abort(errorcode = 1): never {
    return this.rt.abort(errorcode);
  }

  // ---- point to point, lower-case -------------------------------------------------------------

  // The overloads are what a program sees (completion, hover, and the declarations the editor gets);
  // the implementations take mpi4py's arguments loosely and check them in parseArgs.

  /**
   * Sends `obj` (any structured-cloneable value) to rank `dest`, as mpi4py's `comm.send`. Resolves
   * once the message is on its way (small messages) or received (rendezvous, above MPI.EAGER_LIMIT):
   * `await` it. Positional as in mpi4py, or keyword arguments as one options object.
   * @example await comm.send(data, { dest: 1, tag: 11 })
   */
  send(obj: unknown, dest: number, tag?: number): Promise<void>;
  send(obj: unknown, options: SendOptions): Promise<void>;
  send(obj: unknown, dest: number, options: SendTagOptions): Promise<void>;
  // Blocking sends capture their call site themselves, after the message left (launched-send.ts).
  send(obj: unknown, ...rest: unknown[]): Promise<void> {
    const s = this.launchSend('send', [obj, ...rest], false);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.send) : undefined);
  }

  /** Synchronous send: resolves once the matching receive has started (MPI_Ssend). `await` it. */
  ssend(obj: unknown, dest: number, tag?: number): Promise<void>;
  ssend(obj: unknown, options: SendOptions): Promise<void>;
  ssend(obj: unknown, dest: number, options: SendTagOptions): Promise<void>;
  ssend(obj: unknown, ...rest: unknown[]): Promise<void> {
    const s = this.launchSend('ssend', [obj, ...rest], true);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.ssend) : undefined);
  }

  /**
   * Receives one message from `source` (default MPI.ANY_SOURCE) with `tag` (default MPI.ANY_TAG)
   * and resolves to its value, as mpi4py's `comm.recv`; `status`, if given, is filled in. `await` it:
   * without, the value is a Promise (printed `[object Promise]`).
   * @example const data = await comm.recv({ source: 0, tag: 11 })
   */
  recv<T = any>(source?: number, tag?: number, status?: Status | null): Promise<T>;
  recv<T = any>(options: RecvOptions): Promise<T>;
  recv<T = any>(source: number, options: RecvTagOptions): Promise<T>;
  recv(...args: unknown[]): Promise<any> {
    const site = captureCallSite(Comm.prototype.recv);
    try {
      return this.receiveObject('recv', site, parseArgs('recv', args, 0, ['source', 'tag', 'status']));
    } catch (err) {
      return Promise.reject(err); // an async call's argument error rejects its promise
    }
  }

  /** Sends `sendobj` to `dest` and receives from `source` at once, so two ranks can swap without deadlock. */
  sendrecv<T = any>(sendobj: unknown, dest: number, sendtag?: number, source?: number, recvtag?: number, status?: Status | null): Promise<T>;
  sendrecv<T = any>(sendobj: unknown, options: SendrecvOptions): Promise<T>;
  sendrecv<T = any>(sendobj: unknown, dest: number, options: Omit<SendrecvOptions, 'dest'>): Promise<T>;
  async sendrecv(sendobj: unknown, ...rest: unknown[]): Promise<any> {
    const site = captureCallSite();
    const a = parseArgs('sendrecv', [sendobj, ...rest], 1, ['sendobj', 'dest', 'sendtag', 'source', 'recvtag', 'status']);
    return this.exchange('sendrecv', site, this.pack('sendrecv', a.sendobj), a, undefined);
  }

  /** Starts a send and returns its Request at once (no `await`); `await req.wait()` completes it. */
  isend(obj: unknown, dest: number, tag?: number): Request;
  isend(obj: unknown, options: SendOptions): Request;
  isend(obj: unknown, dest: number, options: SendTagOptions): Request;
  isend(obj: unknown, ...rest: unknown[]): Request {
    return this.startSend('isend', captureCallSite(), parseArgs('isend', [obj, ...rest], 1, ['obj', 'dest', 'tag']), false);
  }

  /** Starts a synchronous send and returns its Request at once; `await req.wait()` completes it. */
  issend(obj: unknown, dest: number, tag?: number): Request;
  issend(obj: unknown, options: SendOptions): Request;
  issend(obj: unknown, dest: number, options: SendTagOptions): Request;
  issend(obj: unknown, ...rest: unknown[]): Request {
    return this.startSend('issend', captureCallSite(), parseArgs('issend', [obj, ...rest], 1, ['obj', 'dest', 'tag']), true);
  }

  /** Starts a receive and returns its Request at once; `await req.wait()` resolves to the value. */
  irecv(source?: number, tag?: number): Request;
  irecv(options: IrecvOptions): Request;
  irecv(source: number, options: IrecvTagOptions): Request;
  irecv(...args: unknown[]): Request {
    const site = captureCallSite();
    const a = parseArgs('irecv', args, 0, ['source', 'tag']);
    return this.startReceive('irecv', site, a, undefined);
  }

  /** Waits until a message from `source` with `tag` can be received, without receiving it; fills `status`. */
  probe(source?: number, tag?: number, status?: Status | null): Promise<true>;
  probe(options: RecvOptions): Promise<true>;
  probe(source: number, options: RecvTagOptions): Promise<true>;
  probe(...args: unknown[]): Promise<true> {
    return this.probeAs('probe', args);
  }

  /** `probe` and `Probe`: argument errors name the method the program called. */
  private async probeAs(method: string, args: unknown[]): Promise<true> {
    const site = captureCallSite();
    const a = parseArgs(method, args, 0, ['source', 'tag', 'status']);
    if (a.source === PROC_NULL) {
      fillStatus(a.status, NULL_PEER);
      return true;
    }
    const { source, tag } = this.recvPattern(method, a);
    const env = await traced(this.rt.tracer, {
      op: 'probe', text: `probe(source=${fmtRank(source)}, tag=${fmtRank(tag)})`, comm: this.id,
      peer: this.worldOf(source), tag, wait: this.recvWait(source, tag), site,
    }, this.rt.engine.queues.probe(this.id, source, tag));
    fillStatus(a.status, env);
    return true;
  }

  /** Whether a message from `source` with `tag` can be received now (does not wait); fills `status`. */
  iprobe(source?: number, tag?: number, status?: Status | null): boolean;
  iprobe(options: RecvOptions): boolean;
  iprobe(source: number, options: RecvTagOptions): boolean;
  iprobe(...args: unknown[]): boolean {
    const a = parseArgs('iprobe', args, 0, ['source', 'tag', 'status']);
    if (a.source === PROC_NULL) {
      fillStatus(a.status, NULL_PEER);
      return true;
    }
    const { source, tag } = this.recvPattern('iprobe', a);
    const env = this.arrived('iprobe', source, tag, false);
    if (env) fillStatus(a.status, env);
    return env !== undefined;
  }

  // ---- point to point, buffers ----------------------------------------------------------------

  /** `Send(buf, dest, tag=0)`: sends the elements `buf` specifies (`buf`, `[buf, type]`, `[buf, count, type]`, `[buf, count, displ, type]`); resolves when `buf` may be reused. */
  Send(buf: BufferSpec, dest: number, tag?: number): Promise<void>;
  Send(buf: BufferSpec, options: SendOptions): Promise<void>;
  Send(buf: BufferSpec, dest: number, options: SendTagOptions): Promise<void>;
  Send(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const s = this.launchBufferSend('Send', [buf, ...rest], false);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.Send) : undefined);
  }

  /** `Ssend(buf, dest, tag=0)`: synchronous buffer send; resolves once the matching receive has started. */
  Ssend(buf: BufferSpec, dest: number, tag?: number): Promise<void>;
  Ssend(buf: BufferSpec, options: SendOptions): Promise<void>;
  Ssend(buf: BufferSpec, dest: number, options: SendTagOptions): Promise<void>;
  Ssend(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const s = this.launchBufferSend('Ssend', [buf, ...rest], true);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.Ssend) : undefined);
  }

  /** `Recv(buf, source=ANY_SOURCE, tag=ANY_TAG, status=None)`: receives into the elements `buf` specifies; a longer message rejects with MPI.ERR_TRUNCATE. */
  Recv(buf: BufferSpec, source?: number, tag?: number, status?: Status | null): Promise<void>;
  Recv(buf: BufferSpec, options: RecvOptions): Promise<void>;
  Recv(buf: BufferSpec, source: number, options: RecvTagOptions): Promise<void>;
  async Recv(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite(Comm.prototype.Recv);
    const a = parseArgs('Recv', [buf, ...rest], 1, ['buf', 'source', 'tag', 'status']);
    await this.receiveObject('Recv', site, a, this.bufferArg('Recv', a.buf));
  }

  /** `Sendrecv(sendbuf, dest, sendtag=0, recvbuf=None, source=ANY_SOURCE, recvtag=ANY_TAG, status=None)`: send and receive at once, without deadlock. */
  Sendrecv(sendbuf: BufferSpec, dest: number, sendtag?: number, recvbuf?: BufferSpec | null, source?: number, recvtag?: number, status?: Status | null): Promise<void>;
  Sendrecv(sendbuf: BufferSpec, options: BufferSendrecvOptions): Promise<void>;
  Sendrecv(sendbuf: BufferSpec, dest: number, options: Omit<BufferSendrecvOptions, 'dest'>): Promise<void>;
  async Sendrecv(sendbuf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Sendrecv', [sendbuf, ...rest], 1, ['sendbuf', 'dest', 'sendtag', 'recvbuf', 'source', 'recvtag', 'status']);
    await this.exchange('Sendrecv', site, packBuffer(this.bufferArg('Sendrecv', a.sendbuf)).packed, a, this.bufferArg('Sendrecv', a.recvbuf));
  }

  /** `Isend(buf, dest, tag=0)`: nonblocking buffer send; do not write `buf` until the returned request completes. */
  Isend(buf: BufferSpec, dest: number, tag?: number): Request;
  Isend(buf: BufferSpec, options: SendOptions): Request;
  Isend(buf: BufferSpec, dest: number, options: SendTagOptions): Request;
  Isend(buf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Isend', [buf, ...rest], 1, ['buf', 'dest', 'tag']);
    return this.startSend('Isend', captureCallSite(), { obj: packBuffer(this.bufferArg('Isend', a.buf)), dest: a.dest, tag: a.tag }, false);
  }

  /** `Issend(buf, dest, tag=0)`: nonblocking synchronous send; its request completes once the receive has matched. */
  Issend(buf: BufferSpec, dest: number, tag?: number): Request;
  Issend(buf: BufferSpec, options: SendOptions): Request;
  Issend(buf: BufferSpec, dest: number, options: SendTagOptions): Request;
  Issend(buf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Issend', [buf, ...rest], 1, ['buf', 'dest', 'tag']);
    return this.startSend('Issend', captureCallSite(), { obj: packBuffer(this.bufferArg('Issend', a.buf)), dest: a.dest, tag: a.tag }, true);
  }

  /** `Irecv(buf, source=ANY_SOURCE, tag=ANY_TAG)`: nonblocking receive into `buf`; complete it with `Wait`/`Test`. */
  Irecv(buf: BufferSpec, source?: number, tag?: number): Request;
  Irecv(buf: BufferSpec, options: IrecvOptions): Request;
  Irecv(buf: BufferSpec, source: number, options: IrecvTagOptions): Request;
  Irecv(buf: BufferSpec, ...rest: unknown[]): Request {
    const site = captureCallSite();
    const a = parseArgs('Irecv', [buf, ...rest], 1, ['buf', 'source', 'tag']);
    return this.startReceive('Irecv', site, a, this.bufferArg('Irecv', a.buf));
  }

  // ---- buffered and ready modes -----------------------------------------------------------------

  /** Buffered send (MPI_Bsend): copies the object into the attached buffer (`MPI.Attach_buffer`) and returns without waiting for a receive. */
  bsend(obj: unknown, dest: number, tag?: number): Promise<void>;
  bsend(obj: unknown, options: SendOptions): Promise<void>;
  bsend(obj: unknown, dest: number, options: SendTagOptions): Promise<void>;
  async bsend(obj: unknown, ...rest: unknown[]): Promise<void> {
    this.bufferedSend('bsend', captureCallSite(), parseArgs('bsend', [obj, ...rest], 1, ['obj', 'dest', 'tag']));
  }

  /** Nonblocking buffered send: the request completes once the object is copied into the attached buffer (at once). */
  ibsend(obj: unknown, dest: number, tag?: number): Request;
  ibsend(obj: unknown, options: SendOptions): Request;
  ibsend(obj: unknown, dest: number, options: SendTagOptions): Request;
  ibsend(obj: unknown, ...rest: unknown[]): Request {
    return this.bufferedSend('ibsend', captureCallSite(), parseArgs('ibsend', [obj, ...rest], 1, ['obj', 'dest', 'tag']));
  }

  /** Buffered send of a buffer (MPI_Bsend): returns once its elements are copied into the attached buffer. */
  Bsend(buf: BufferSpec, dest: number, tag?: number): Promise<void>;
  Bsend(buf: BufferSpec, options: SendOptions): Promise<void>;
  Bsend(buf: BufferSpec, dest: number, options: SendTagOptions): Promise<void>;
  async Bsend(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const a = parseArgs('Bsend', [buf, ...rest], 1, ['buf', 'dest', 'tag']);
    this.bufferedSend('Bsend', captureCallSite(), { obj: packBuffer(this.bufferArg('Bsend', a.buf)), dest: a.dest, tag: a.tag });
  }

  /** Nonblocking buffered send of a buffer. */
  Ibsend(buf: BufferSpec, dest: number, tag?: number): Request;
  Ibsend(buf: BufferSpec, options: SendOptions): Request;
  Ibsend(buf: BufferSpec, dest: number, options: SendTagOptions): Request;
  Ibsend(buf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Ibsend', [buf, ...rest], 1, ['buf', 'dest', 'tag']);
    return this.bufferedSend('Ibsend', captureCallSite(), { obj: packBuffer(this.bufferArg('Ibsend', a.buf)), dest: a.dest, tag: a.tag });
  }

  /** Ready-mode send (MPI_Rsend): the receive must already be posted; moves the message as `send` does. */
  rsend(obj: unknown, dest: number, tag?: number): Promise<void>;
  rsend(obj: unknown, options: SendOptions): Promise<void>;
  rsend(obj: unknown, dest: number, options: SendTagOptions): Promise<void>;
  rsend(obj: unknown, ...rest: unknown[]): Promise<void> {
    const s = this.launchSend('rsend', [obj, ...rest], false);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.rsend) : undefined);
  }

  /** Ready-mode send of a buffer (MPI_Rsend). */
  Rsend(buf: BufferSpec, dest: number, tag?: number): Promise<void>;
  Rsend(buf: BufferSpec, options: SendOptions): Promise<void>;
  Rsend(buf: BufferSpec, dest: number, options: SendTagOptions): Promise<void>;
  Rsend(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const s = this.launchBufferSend('Rsend', [buf, ...rest], false);
    return s.finish(s.wantsSite ? captureCallSite(Comm.prototype.Rsend) : undefined);
  }

  /** Nonblocking ready-mode send of a buffer (MPI_Irsend). */
  Irsend(buf: BufferSpec, dest: number, tag?: number): Request;
  Irsend(buf: BufferSpec, options: SendOptions): Request;
  Irsend(buf: BufferSpec, dest: number, options: SendTagOptions): Request;
  Irsend(buf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Irsend', [buf, ...rest], 1, ['buf', 'dest', 'tag']);
    return this.startSend('Irsend', captureCallSite(), { obj: packBuffer(this.bufferArg('Irsend', a.buf)), dest: a.dest, tag: a.tag }, false);
  }

  // ---- combined send and receive, probes ------------------------------------------------------

  /** Sends `buf` and receives into the same buffer (MPI_Sendrecv_replace): `Sendrecv_replace(buf, dest, sendtag=0, source=ANY_SOURCE, recvtag=ANY_TAG, status?)`. */
  Sendrecv_replace(buf: BufferSpec, dest: number, sendtag?: number, source?: number, recvtag?: number, status?: Status | null): Promise<void>;
  Sendrecv_replace(buf: BufferSpec, options: SendrecvOptions): Promise<void>;
  Sendrecv_replace(buf: BufferSpec, dest: number, options: Omit<SendrecvOptions, 'dest'>): Promise<void>;
  async Sendrecv_replace(buf: BufferSpec, ...rest: unknown[]): Promise<void> {
    const site = captureCallSite();
    const a = parseArgs('Sendrecv_replace', [buf, ...rest], 1, ['buf', 'dest', 'sendtag', 'source', 'recvtag', 'status']);
    const b = this.bufferArg('Sendrecv_replace', a.buf);
    await this.exchange('Sendrecv_replace', site, copyPacked(packBuffer(b).packed), a, b);
  }

  /** Nonblocking `Sendrecv` (MPI_Isendrecv): `Isendrecv(sendbuf, dest, sendtag=0, recvbuf, source=ANY_SOURCE, recvtag=ANY_TAG)`. */
  Isendrecv(sendbuf: BufferSpec, dest: number, sendtag?: number, recvbuf?: BufferSpec | null, source?: number, recvtag?: number): Request;
  Isendrecv(sendbuf: BufferSpec, options: Omit<BufferSendrecvOptions, 'status'>): Request;
  Isendrecv(sendbuf: BufferSpec, dest: number, options: Omit<BufferSendrecvOptions, 'dest' | 'status'>): Request;
  Isendrecv(sendbuf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Isendrecv', [sendbuf, ...rest], 1, ['sendbuf', 'dest', 'sendtag', 'recvbuf', 'source', 'recvtag']);
    const recv = this.Irecv(a.recvbuf as BufferSpec, { source: a.source, tag: a.recvtag } as IrecvOptions);
    const send = this.Isend(a.sendbuf as BufferSpec, { dest: a.dest, tag: a.sendtag } as SendOptions);
    return this.bothRequest('Isendrecv', send, recv);
  }

  /** Nonblocking `Sendrecv_replace` (MPI_Isendrecv_replace): the message sent is copied first. */
  Isendrecv_replace(buf: BufferSpec, dest: number, sendtag?: number, source?: number, recvtag?: number): Request;
  Isendrecv_replace(buf: BufferSpec, options: Omit<SendrecvOptions, 'status'>): Request;
  Isendrecv_replace(buf: BufferSpec, dest: number, options: Omit<SendrecvOptions, 'dest' | 'status'>): Request;
  Isendrecv_replace(buf: BufferSpec, ...rest: unknown[]): Request {
    const a = parseArgs('Isendrecv_replace', [buf, ...rest], 1, ['buf', 'dest', 'sendtag', 'source', 'recvtag']);
    const b = this.bufferArg('Isendrecv_replace', a.buf);
    const send = this.startSend('Isendrecv_replace', captureCallSite(), { obj: new PackedBuffer(copyPacked(packBuffer(b).packed)), dest: a.dest, tag: a.sendtag }, false);
    const recv = this.Irecv(b, { source: a.source, tag: a.recvtag } as IrecvOptions);
    return this.bothRequest('Isendrecv_replace', send, recv);
  }

  /** Blocking probe, capitalised as mpi4py's `Probe(source, tag, status)`; returns true. */
  Probe(source?: number, tag?: number, status?: Status | null): Promise<true>;
  Probe(options: RecvOptions): Promise<true>;
  Probe(source: number, options: RecvTagOptions): Promise<true>;
  Probe(...args: unknown[]): Promise<true> {
    return this.probeAs('Probe', args);
  }

  /** Nonblocking probe, capitalised as mpi4py's `Iprobe(source, tag, status)`. */
  Iprobe(source?: number, tag?: number, status?: Status | null): boolean;
  Iprobe(options: RecvOptions): boolean;
  Iprobe(source: number, options: RecvTagOptions): boolean;
  Iprobe(...args: unknown[]): boolean {
    return (this.iprobe as (...a: unknown[]) => boolean)(...args);
  }

  /** Matched probe (MPI_Mprobe): waits for a matching message and takes it; only the returned `Message` can receive it. */
  mprobe(source?: number, tag?: number, status?: Status | null): Promise<Message>;
  mprobe(options: RecvOptions): Promise<Message>;
  mprobe(source: number, options: RecvTagOptions): Promise<Message>;
  mprobe(...args: unknown[]): Promise<Message> {
    return this.mprobeAs('mprobe', args);
  }

  /** `mprobe` and `Mprobe`: argument errors name the method the program called. */
  private async mprobeAs(method: string, args: unknown[]): Promise<Message> {
    const site = captureCallSite();
    const a = parseArgs(method, args, 0, ['source', 'tag', 'status']);
    this.checkLive(method);
    if (a.source === PROC_NULL) {
      fillStatus(a.status, NULL_PEER);
      return new Message(MESSAGE_NO_PROC);
    }
    const { source, tag } = this.recvPattern(method, a);
    const env = await traced(this.rt.tracer, {
      op: 'mprobe', text: `mprobe(source=${fmtRank(source)}, tag=${fmtRank(tag)})`, comm: this.id,
      peer: this.worldOf(source), tag, wait: this.recvWait(source, tag), site,
    }, this.rt.engine.queues.claim(this.id, source, tag));
    fillStatus(a.status, env);
    return Message.matched(this, env);
  }

  /** Nonblocking matched probe (MPI_Improbe): a `Message` holding the message, or undefined when none has arrived. */
  improbe(source?: number, tag?: number, status?: Status | null): Message | undefined;
  improbe(options: RecvOptions): Message | undefined;
  improbe(source: number, options: RecvTagOptions): Message | undefined;
  improbe(...args: unknown[]): Message | undefined {
    const a = parseArgs('improbe', args, 0, ['source', 'tag', 'status']);
    this.checkLive('improbe');
    if (a.source === PROC_NULL) {
      fillStatus(a.status, NULL_PEER);
      return new Message(MESSAGE_NO_PROC);
    }
    const { source, tag } = this.recvPattern('improbe', a);
    const env = this.arrived('improbe', source, tag, true);
    if (!env) return undefined;
    fillStatus(a.status, env);
    return Message.matched(this, env);
  }

  /** Capitalised `Mprobe(source, tag, status)`: the same as `mprobe`. */
  Mprobe(source?: number, tag?: number, status?: Status | null): Promise<Message>;
  Mprobe(options: RecvOptions): Promise<Message>;
  Mprobe(source: number, options: RecvTagOptions): Promise<Message>;
  Mprobe(...args: unknown[]): Promise<Message> {
    return this.mprobeAs('Mprobe', args);
  }

  /** Capitalised `Improbe(source, tag, status)`: the same as `improbe`. */
  Improbe(source?: number, tag?: number, status?: Status | null): Message | undefined;
  Improbe(options: RecvOptions): Message | undefined;
  Improbe(source: number, options: RecvTagOptions): Message | undefined;
  Improbe(...args: unknown[]): Message | undefined {
    return (this.improbe as (...a: unknown[]) => Message | undefined)(...args);
  }

  /** @internal Receives a message a matched probe took (Message.recv/Recv), traced as a receive of that message. */
  receiveMatched(op: string, site: CallSite | undefined, env: Envelope, into: TypedArray | undefined, status: Status | undefined): Promise<any> {
    const tracer = this.rt.tracer;
    return new Promise((resolve, reject) => {
      const id = tracer.start({ op, text: `${op}(matched message from ${env.source}, tag=${env.tag})`, comm: this.id, peer: env.worldSource, tag: env.tag, site });
      const check = into && ((e: Envelope) => checkFits(op, e, into, site));
      this.rt.engine.receiveMatched(this.id, env, into && bytesOf(into), check, (r) => {
        tracer.endReceived(id, r.env.worldSource, r.env.tag, r.env.size, r.env.seq);
        fillStatus(status, r.env);
        resolve(into ? placeInto(r, into) : decodePayload(r));
      }, (err) => {
        tracer.end(id, errorFields(err));
        reject(err);
      });
    });
  }

  /** @internal The nonblocking form of `receiveMatched` (Message.irecv/Irecv). */
  receiveMatchedRequest(op: string, site: CallSite | undefined, env: Envelope, into: TypedArray | undefined): Request {
    const o = new Operation({ tracer: this.rt.tracer, comm: this.id, text: `${op}(matched message from ${env.source}, tag=${env.tag})`, wait: { type: 'all', of: [] } });
    const check = into && ((e: Envelope) => checkFits(op, e, into, site));
    opened(o, o.info.text, site);
    this.rt.engine.receiveMatched(this.id, env, into && bytesOf(into), check, (r) => completeReceive(o, r, into), (err) => o.fail(err));
    return Request.of(o);
  }

  /**
   * The oldest matching message that has arrived (taken out of the queue when `take`), after taking
   * in what has reached the process; a probe that keeps finding none is a polling loop (tracer.ts).
   */
  private arrived(op: string, source: number, tag: number, take: boolean): Envelope | undefined {
    const queues = this.rt.engine.queues;
    let env = take ? queues.take(this.id, source, tag) : queues.peek(this.id, source, tag);
    if (!env) {
      this.rt.mesh.pollSync();
      env = take ? queues.take(this.id, source, tag) : queues.peek(this.id, source, tag);
    }
    const tracer = this.rt.tracer;
    const pattern = this.recvWait(source, tag);
    if (env) tracer.pollEnded();
    else if (tracer.pollFailed(pattern)) {
      tracer.pollBlocked({ op, text: `${op}(source=${fmtRank(source)}, tag=${fmtRank(tag)})`, comm: this.id, peer: this.worldOf(source), tag, wait: pattern, site: captureCallSite() });
    }
    return env;
  }

  // ---- persistent requests ------------------------------------------------------------------------

  /** A persistent standard send (MPI_Send_init): each `Start()` sends `buf`'s current contents. */
  Send_init(buf: BufferSpec, dest: number, tag?: number): Prequest;
  Send_init(buf: BufferSpec, options: SendOptions): Prequest;
  Send_init(buf: BufferSpec, dest: number, options: SendTagOptions): Prequest;
  Send_init(buf: BufferSpec, ...rest: unknown[]): Prequest {
    return this.persistent('Send_init', [buf, ...rest], ['buf', 'dest', 'tag'], (a) => this.Isend(a.buf as BufferSpec, a.dest as number, a.tag as number | undefined));
  }
  /** A persistent synchronous send (MPI_Ssend_init). */
  Ssend_init(buf: BufferSpec, dest: number, tag?: number): Prequest;
  Ssend_init(buf: BufferSpec, options: SendOptions): Prequest;
  Ssend_init(buf: BufferSpec, dest: number, options: SendTagOptions): Prequest;
  Ssend_init(buf: BufferSpec, ...rest: unknown[]): Prequest {
    return this.persistent('Ssend_init', [buf, ...rest], ['buf', 'dest', 'tag'], (a) => this.Issend(a.buf as BufferSpec, a.dest as number, a.tag as number | undefined));
  }
  /** A persistent buffered send (MPI_Bsend_init): each `Start()` copies into the attached buffer. */
  Bsend_init(buf: BufferSpec, dest: number, tag?: number): Prequest;
  Bsend_init(buf: BufferSpec, options: SendOptions): Prequest;
  Bsend_init(buf: BufferSpec, dest: number, options: SendTagOptions): Prequest;
  Bsend_init(buf: BufferSpec, ...rest: unknown[]): Prequest {
    return this.persistent('Bsend_init', [buf, ...rest], ['buf', 'dest', 'tag'], (a) => this.Ibsend(a.buf as BufferSpec, a.dest as number, a.tag as number | undefined));
  }
  /** A persistent ready-mode send (MPI_Rsend_init). */
  Rsend_init(buf: BufferSpec, dest: number, tag?: number): Prequest;
  Rsend_init(buf: BufferSpec, options: SendOptions): Prequest;
  Rsend_init(buf: BufferSpec, dest: number, options: SendTagOptions): Prequest;
  Rsend_init(buf: BufferSpec, ...rest: unknown[]): Prequest {
    return this.persistent('Rsend_init', [buf, ...rest], ['buf', 'dest', 'tag'], (a) => this.Irsend(a.buf as BufferSpec, a.dest as number, a.tag as number | undefined));
  }
  /** A persistent receive (MPI_Recv_init): `Recv_init(buf, source=ANY_SOURCE, tag=ANY_TAG)`. */
  Recv_init(buf: BufferSpec, source?: number, tag?: number): Prequest;
  Recv_init(buf: BufferSpec, options: IrecvOptions): Prequest;
  Recv_init(buf: BufferSpec, source: number, options: IrecvTagOptions): Prequest;
  Recv_init(buf: BufferSpec, ...rest: unknown[]): Prequest {
    return this.persistent('Recv_init', [buf, ...rest], ['buf', 'source', 'tag'], (a) => this.Irecv(a.buf as BufferSpec, a.source as number | undefined, a.tag as number | undefined));
  }

  // ---- communicators --------------------------------------------------------------------------

  /** Releases the communicator: it equals MPI.COMM_NULL from then on and any later call on it fails. */
  Free(): void {
    this.checkLive('Free');
    if (this.id === 'world' || this.rank === 0 && this.id.startsWith('self.') && !this.id.includes('.', 5)) {
      throw new CommError(`Free: ${this.Get_name()} is predefined and cannot be freed`);
    }
    this.freed = true;
  }

  /** The group of the communicator's processes, in rank order (also `comm.group`). */
  Get_group(): Group {
    this.checkLive('Get_group');
    return Group.of(this.members);
  }
  /** `comm.Get_group()`: a new group each time; free it when done. */
  get group(): Group {
    return this.Get_group();
  }

  /**
   * MPI.IDENT (the same communicator), MPI.CONGRUENT (the same processes in the same order, as
   * after Dup), MPI.SIMILAR (the same processes) or MPI.UNEQUAL. Local. Also `MPI.Comm.Compare(c1, c2)`.
   */
  Compare(comm: Comm): number {
    this.checkLive('Compare');
    if (!(comm instanceof Comm)) throw new CommError(`Compare: expected a communicator, got ${comm === null ? 'MPI.COMM_NULL' : typeof comm}`);
    comm.checkLive('Compare');
    if (comm.id === this.id) return IDENT;
    const c = compareMembers(this.members, comm.members);
    return c === IDENT ? CONGRUENT : c;
  }
  /** `comm1.Compare(comm2)`. */
  static Compare(comm1: Comm, comm2: Comm): number {
    return comm1.Compare(comm2);
  }

  /** False: only intracommunicators can be made here (also `comm.is_inter`). */
  Is_inter(): boolean {
    return false;
  }
  /** `comm.Is_inter()`. */
  get is_inter(): boolean {
    return this.Is_inter();
  }
  /** True for an intracommunicator, such as MPI.COMM_WORLD (also `comm.is_intra`). */
  Is_intra(): boolean {
    return !this.Is_inter();
  }
  /** `comm.Is_intra()`. */
  get is_intra(): boolean {
    return this.Is_intra();
  }

  /** MPI.CART, MPI.GRAPH, MPI.DIST_GRAPH, or MPI.UNDEFINED for a communicator without a topology (also `comm.topology`). */
  Get_topology(): number {
    return UNDEFINED;
  }
  /** `comm.Get_topology()`. */
  get topology(): number {
    return this.Get_topology();
  }

  /** A copy of the hints this communicator was given (`Set_info`, `Dup(info)`); free it when done. */
  Get_info(): Info {
    this.checkLive('Get_info');
    return Info.Create(this.hints.entries());
  }
  /** Keeps a copy of `info`'s hints for this communicator (none of them changes what it does). */
  Set_info(info: Info): void {
    this.checkLive('Set_info');
    if (!(info instanceof Info)) throw new TypeError(`Set_info: expected an MPI.Info, got ${typeof info}`);
    this.hints = Info.Create(info.entries());
  }

  /** `comm.info`: `Get_info()` / `Set_info(info)`. */
  get info(): Info {
    return this.Get_info();
  }
  set info(info: Info) {
    this.Set_info(info);
  }

  /**
   * The intercommunicator to the processes that spawned this one: MPI.COMM_NULL's kind (a null
   * `MPI.Intercomm`) here, since programs are started by `rankscope run`, never spawned.
   */
  static Get_parent(): Intercomm {
    return new Intercomm();
  }

  /**
   * Attaches a buffer to this communicator only (MPI 4.1): its buffered sends use it instead of
   * the process's (`MPI.Attach_buffer`). `buf` is a typed array (`MPI.Alloc_mem(size)`) or
   * `MPI.BUFFER_AUTOMATIC` (no size limit). A communicator from `Dup` starts with none.
   */
  Attach_buffer(buf: ArrayBufferView): void {
    this.checkLive('Attach_buffer');
    (this.sendBuffer ??= new SendBuffer('comm')).attach(buf);
  }
  /** Waits until the messages buffered in this communicator's buffer have left, detaches it and returns it (or `MPI.BUFFER_AUTOMATIC`). */
  async Detach_buffer(): Promise<Uint8Array> {
    this.checkLive('Detach_buffer');
    return (this.sendBuffer ??= new SendBuffer('comm')).detach();
  }
  /** Waits until every message buffered in this communicator's buffer has been delivered (returns at once with none attached). */
  async Flush_buffer(): Promise<void> {
    this.checkLive('Flush_buffer');
    const buf = this.sendBuffer;
    if (!buf) return;
    await traced(this.rt.tracer, { op: 'Flush_buffer', text: 'Flush_buffer()', comm: this.id, wait: buf.pendingWait(), site: captureCallSite() }, buf.flushed());
  }
  /** `Flush_buffer` as a request: completes when every message buffered so far has been delivered. */
  Iflush_buffer(): Request {
    this.checkLive('Iflush_buffer');
    return (this.sendBuffer ??= new SendBuffer('comm')).flushRequest(this.rt.tracer, this.id);
  }

  /** Python's `bool(comm)`: false for MPI.COMM_NULL (a freed or null communicator). */
  __bool__(): boolean {
    return !this.freed;
  }
  /** Python's `comm == other`: the same communicator; every freed or null one equals MPI.COMM_NULL (null). */
  __eq__(other: unknown): boolean {
    if (other === null || other === undefined) return this.freed;
    return other instanceof Comm && (this.freed ? other.freed : !other.freed && other.id === this.id);
  }

  // ---- internals shared with collectives.ts ---------------------------------------------------

  /** @internal Throws when the communicator was freed. */
  checkLive(op: string): void {
    if (this.freed && this.id === 'null') throw new CommError(`${op}: the communicator is MPI.COMM_NULL`);
    if (this.freed) throw new CommError(`${op}: the communicator was freed (comm.Free()); use it before freeing it`);
  }

  /** @internal Next child id for Dup/Split, identical on every member (these calls are collective). */
  nextChildId(): string {
    return `${this.id}.${++this.children}`;
  }

  /** @internal World rank of a rank in this communicator; -1 stays ANY_SOURCE. */
  worldOf(rank: number): number {
    return rank < 0 ? -1 : this.members[rank];
  }

  /** @internal Serialises a value for a lower-case method, with an error a student can act on. */
  pack(op: string, value: unknown): Packed {
    if (value instanceof PackedBuffer) return value.packed;
    try {
      return { encoding: Encoding.Clone, dtype: 0, bytes: encodeClone(value) };
    } catch (err) {
      throw new ArgumentError(`${op}: cannot send this value (${(err as Error).message}); send plain data: numbers, strings, arrays, objects, typed arrays, Map, Set, Date`);
    }
  }

  /** @internal The elements a buffer specification names (datatypes.ts), checked here, at the caller's line. */
  bufferArg(op: string, spec: unknown): TypedArray {
    return resolveBuffer(op, spec);
  }

  /** @internal Checks a destination rank, naming the call and the valid range. */
  checkDest(op: string, dest: unknown): number {
    const d = intArg(op, { dest }, 'dest');
    if (d < 0 || d >= this.size) throw new RankError(`${op}: dest=${d} is not a rank of this communicator (size ${this.size}: ranks 0..${this.size - 1})`);
    return d;
  }

  /** @internal */
  recvPattern(op: string, a: Record<string, unknown>): { source: number; tag: number } {
    const source = intArg(op, a, 'source', ANY_SOURCE);
    const tag = intArg(op, a, 'tag', ANY_TAG);
    if (source !== ANY_SOURCE && (source < 0 || source >= this.size)) {
      throw new RankError(`${op}: source=${source} is not a rank of this communicator (size ${this.size}: ranks 0..${this.size - 1}, or MPI.ANY_SOURCE)`);
    }
    if (tag < ANY_TAG || tag > TAG_MAX) throw new TagError(`${op}: tag=${tag} is invalid; tags are 0..${TAG_MAX}, or MPI.ANY_TAG`);
    return { source, tag };
  }

  /**
   * @internal What a receive waits for. One object per (source, tag), reused by every receive
   * like it (trace events are never changed once made), so a loop of receives builds none.
   */
  recvWait(source: number, tag: number): RecvWait {
    const key = (source + 1) * 2 ** 32 + (tag + 1);
    let w = this.recvWaits.get(key);
    if (!w) {
      if (this.recvWaits.size >= RECV_WAITS_KEPT) this.recvWaits.clear();
      w = { type: 'recv', comm: this.id, source: this.worldOf(source), tag, group: [...this.members] };
      this.recvWaits.set(key, w);
    }
    return w;
  }

  // ---- point-to-point machinery ---------------------------------------------------------------

  /** A request with MPI.PROC_NULL as its peer: complete at once, as MPI specifies. */
  private nullRequest(op: string): Request {
    this.checkLive(op);
    return Request.settled({ value: undefined, source: PROC_NULL, tag: ANY_TAG, count: 0 }, {
      tracer: this.rt.tracer, comm: this.id, text: `${op}(PROC_NULL)`, wait: { type: 'all', of: [] },
    });
  }

  /** A request complete from the start (a buffered send: its message is already copied). */
  private completedRequest(op: string, text: string): Request {
    return Request.settled({ value: undefined, source: ANY_SOURCE, tag: ANY_TAG, count: 0 }, {
      tracer: this.rt.tracer, comm: this.id, text: `${op}(${text})`, wait: { type: 'all', of: [] },
    });
  }

  private bufferedSend(op: string, site: CallSite | undefined, a: Record<string, unknown>): Request {
    if (a.dest === PROC_NULL) return this.nullRequest(op);
    const dest = this.checkDest(op, a.dest);
    const tag = intArg(op, a, 'tag', 0);
    const packed = copyPacked(this.pack(op, a.obj));
    const buffer = this.sendBuffer?.isAttached ? this.sendBuffer : processBuffer;
    buffer.reserve(op, packed.bytes.byteLength, () => {
      const r = this.startSend(op, site, { ...a, obj: new PackedBuffer(packed) }, false);
      closed(r.operation); // the attached buffer's bookkeeping completes it, not the user
      return { done: r.done ?? DONE, wait: r.waitFor };
    });
    return this.completedRequest(op, `dest=${dest}, tag=${tag}`);
  }

  /** One request for a send and a receive started together (Isendrecv): its value and status are the receive's. */
  private bothRequest(op: string, send: Request, recv: Request): Request {
    const both = new Operation({ tracer: this.rt.tracer, comm: this.id, text: op, wait: { type: 'all', of: [send.waitFor, recv.waitFor].filter((w) => w !== undefined) } });
    const s = send.operation;
    const r = recv.operation;
    // The user completes the one request for both; their buffers are free once each has settled.
    closed(s);
    closed(r);
    s?.whenSettled(() => releaseBuffers(s));
    r?.whenSettled(() => releaseBuffers(r));
    // Settled in the turn the later of the two does, so a test loop sees it.
    const settle = (): void => {
      if ((s && !s.settled) || (r && !r.settled)) return;
      if (s?.failure !== undefined) return both.fail(s.failure);
      if (r?.failure !== undefined) return both.fail(r.failure);
      both.complete(r?.result ?? { value: undefined, source: PROC_NULL, tag: ANY_TAG, count: 0 });
    };
    s?.whenSettled(settle);
    r?.whenSettled(settle);
    if (!s && !r) settle();
    opened(both, `${op}(…)`, captureCallSite());
    return Request.of(both);
  }

  /** A persistent request: the arguments are checked now, the operation runs at each `Start()`. */
  private persistent(op: string, args: unknown[], names: string[], start: (a: Record<string, unknown>) => Request): Prequest {
    const a = parseArgs(op, args, 1, names);
    this.checkLive(op);
    this.bufferArg(op, a.buf);
    if (names.includes('dest') && a.dest !== PROC_NULL) this.checkDest(op, a.dest);
    if (names.includes('source') && a.source !== PROC_NULL) this.recvPattern(op, a);
    return Prequest.persistent(() => start(a));
  }

  /** Send/Ssend arguments as send's: the buffer packed as raw bytes (a wrong one throws here, at once). */
  private bufferArgs(op: string, args: unknown[]): unknown[] {
    const a = parseArgs(op, args, 1, ['buf', 'dest', 'tag']);
    return [packBuffer(this.bufferArg(op, a.buf)), a.dest, a.tag];
  }

  /** `launchSend` for a buffer call: a bad buffer fails the returned promise, as any argument error does. */
  private launchBufferSend(op: string, args: unknown[], sync: boolean): LaunchedSend {
    try {
      return this.launchSend(op, this.bufferArgs(op, args), sync);
    } catch (err) {
      return failedSend(err);
    }
  }

  /** Starts a blocking send: an eager message is on the wire when this returns. Never throws. */
  private launchSend(op: string, args: unknown[], sync: boolean): LaunchedSend {
    try {
      const a = parseArgs(op, args, 1, ['obj', 'dest', 'tag']);
      if (a.dest === PROC_NULL) {
        this.checkLive(op);
        return NO_SEND;
      }
      const send = this.prepareSend(op, a, sync);
      const engine = this.rt.engine;
      if (send.wait) return new WaitingSend(this.rt.tracer, this.sendFields(op, send), () => engine.send(send.out) ?? DONE);
      const t = nowMicros();
      const rest = engine.send(send.out);
      return new EagerSend(this.rt.tracer, this.calls.send(op, send.dest, send.tag), send.bytes, this.rt.env.rank, send.seq, t, rest);
    } catch (err) {
      return failedSend(err);
    }
  }

  private prepareSend(op: string, a: Record<string, unknown>, sync: boolean, tagName = 'tag'): PreparedSend {
    this.checkLive(op);
    const dest = this.checkDest(op, a.dest);
    const tag = intArg(op, a, tagName, 0);
    if (tag < 0) throw new TagError(`${op}: ${tagName}=${tag} is invalid; send tags are >= 0`);
    if (tag > TAG_MAX) throw new TagError(`${op}: ${tagName}=${tag} is invalid; tags are at most ${TAG_MAX} (MPI's TAG_UB here)`);
    const packed = this.pack(op, a.obj);
    const seq = this.rt.engine.allocateSeq();
    const worldDest = this.members[dest];
    const bytes = packed.bytes.byteLength;
    const waits = sync || bytes > this.rt.engine.eagerLimit;
    const wait: WaitFor | undefined = waits ? { type: 'send', comm: this.id, dest: worldDest, tag, msg: `${this.rt.env.rank}.${seq}` } : undefined;
    return {
      dest, tag, seq, bytes, wait,
      out: { context: this.id, source: this.rank, tag, worldDest, encoding: packed.encoding, dtype: packed.dtype, payload: packed.bytes, sync, seq },
    };
  }

  /** A prepared send's start-event fields (what the hot path keeps in a call template instead). */
  private sendFields(op: string, send: PreparedSend): Omit<StartFields, 'site'> {
    return {
      op, text: `${op}(dest=${send.dest}, tag=${send.tag})`, comm: this.id, peer: send.out.worldDest, tag: send.tag, bytes: send.bytes,
      msg: `${this.rt.env.rank}.${send.seq}`, wait: send.wait,
    };
  }

  private startSend(op: string, site: CallSite | undefined, a: Record<string, unknown>, sync: boolean): Request {
    if (a.dest === PROC_NULL) return this.nullRequest(op);
    const send = this.prepareSend(op, a, sync);
    const fields = this.sendFields(op, send);
    const id = this.rt.tracer.start({ ...fields, wait: undefined, site });
    this.rt.tracer.end(id);
    const o = new Operation({ tracer: this.rt.tracer, comm: this.id, text: fields.text, wait: send.wait ?? { type: 'all', of: [] } });
    opened(o, fields.text, site);
    // The caller's own memory (not a copy, as buffered sends make): it must stay as it is until the wait.
    if (a.obj instanceof PackedBuffer && CALLER_MEMORY_SENDS.has(op)) guardSend(o, a.obj.packed.bytes, fields.text, site);
    this.rt.engine.sendThen(send.out, () => o.complete(SENT), (err) => o.fail(err));
    return Request.of(o);
  }

  private receiveObject(op: string, site: CallSite | undefined, a: Record<string, unknown>, into?: TypedArray): Promise<any> {
    this.checkLive(op);
    if (a.source === PROC_NULL) {
      fillStatus(a.status, NULL_PEER);
      return Promise.resolve(undefined);
    }
    const pattern = this.recvPattern(op, a);
    const { tag } = pattern;
    const source = exploredSource(this.rt.env.rank, pattern.source, this.members);
    const tracer = this.rt.tracer;
    const call = this.calls.recv(op, source, tag);
    // Callbacks, not promise layers, between the message and the user's `await`.
    return new Promise((resolve, reject) => {
      const id = tracer.startCall(call, site, undefined, 0, -1);
      hold();
      const check = into && ((env: Envelope) => checkFits(op, env, into, site));
      this.rt.engine.post(this.id, source, tag, into && bytesOf(into), check, (r) => {
        release();
        tracer.endReceived(id, r.env.worldSource, r.env.tag, r.env.size, r.env.seq);
        fillStatus(a.status, r.env);
        try {
          resolve(into ? placeInto(r, into) : decodePayload(r));
        } catch (err) {
          reject(err);
        }
      }, (err) => {
        release();
        tracer.end(id, errorFields(err));
        reject(err);
      });
    });
  }

  private startReceive(op: string, site: CallSite | undefined, a: Record<string, unknown>, into: TypedArray | undefined): Request {
    if (a.source === PROC_NULL) return this.nullRequest(op);
    this.checkLive(op);
    const pattern = this.recvPattern(op, a);
    const { tag } = pattern;
    const source = exploredSource(this.rt.env.rank, pattern.source, this.members);
    // Traced before it is posted: the receive may match at once, and its match names this call.
    const posts = this.recvWait(source, tag);
    const id = this.rt.tracer.start({ op, text: `${op}(source=${fmtRank(source)}, tag=${fmtRank(tag)})`, comm: this.id, peer: this.worldOf(source), tag, posts, site });
    this.rt.tracer.end(id);
    const check = (env: Envelope): void => {
      this.rt.tracer.recvMatched(id, `${env.worldSource}.${env.seq}`);
      checkFits(op, env, into, site);
    };
    // Completed by the frame handler itself (not a promise turn later): a test loop sees it.
    const o: Operation = new Operation({
      tracer: this.rt.tracer, comm: this.id, text: `source=${fmtRank(source)}, tag=${fmtRank(tag)}`, wait: { ...posts, posted: id },
      cancel: () => {
        const ok = posted.cancel();
        if (ok) {
          this.rt.tracer.recvMatched(id, undefined);
          o.complete({ value: undefined, source: -1, tag: -1, count: 0, cancelled: true });
        }
        return ok;
      },
    });
    const text = `${op}(source=${fmtRank(source)}, tag=${fmtRank(tag)})`;
    if (into) guardReceive(o, bytesOf(into), text, site);
    opened(o, text, site);
    const posted = this.rt.engine.post(this.id, source, tag, into && bytesOf(into), check, (r) => completeReceive(o, r, into), (err) => o.fail(err));
    return Request.of(o);
  }

  /** sendrecv / Sendrecv: the receive is posted before the send starts, so two ranks can swap. */
  private async exchange(op: string, site: CallSite | undefined, packed: Packed, a: Record<string, unknown>, into: TypedArray | undefined): Promise<any> {
    if (a.dest === PROC_NULL || a.source === PROC_NULL) {
      // One side is no one (a non-periodic shift at the edge): only the other side moves a message.
      await this.launchSend(op, [new PackedBuffer(packed), a.dest, a.sendtag], false).finish(site);
      return this.receiveObject(op, site, { source: a.source, tag: a.recvtag, status: a.status }, into);
    }
    const send = this.prepareSend(op, { obj: new PackedBuffer(packed), dest: a.dest, sendtag: a.sendtag }, false, 'sendtag');
    const { source, tag } = this.recvPattern(op, { source: a.source, tag: a.recvtag } as IrecvOptions);
    const pending = this.rt.engine.receive(this.id, source, tag, into && bytesOf(into), (env) => checkFits(op, env, into, site));
    const recvWait = this.recvWait(source, tag);
    const wait: WaitFor = send.wait ? { type: 'all', of: [recvWait, send.wait] } : recvWait;
    const both = Promise.all([pending.done, this.rt.engine.send(send.out)]).then(([r]) => r);
    const r = await traced(this.rt.tracer, {
      ...this.sendFields(op, send), text: `${op}(dest=${send.dest}, sendtag=${send.out.tag}, source=${fmtRank(source)}, recvtag=${fmtRank(tag)})`, wait, site,
    }, both, receivedFields);
    fillStatus(a.status, r.env);
    return into ? placeInto(r, into) : decodePayload(r);
  }
}

/** Nonblocking sends of a buffer straight from the caller's memory. */
const CALLER_MEMORY_SENDS = new Set(['Isend', 'Issend', 'Irsend']);

/** The largest tag (MPI's TAG_UB attribute): tags travel as 32-bit signed integers. */
const TAG_MAX = 2 ** 31 - 1;

/** A buffer already packed as raw bytes, passed where lower-case code expects a value. */
class PackedBuffer {
  constructor(readonly packed: Packed) {}
}

/** A packed message with its own copy of the bytes (the caller may change or receive into the original). */
function copyPacked(p: Packed): Packed {
  return { ...p, bytes: p.bytes.slice() };
}

function packBuffer(buf: TypedArray): PackedBuffer {
  return new PackedBuffer({ encoding: Encoding.Bytes, dtype: dtypeCode(buf), bytes: bytesOf(buf) });
}

/** What a send request completes with. */
const SENT: Completion = { value: undefined, source: -1, tag: -1, count: 0 };

/** Completes a receive request with the message `r` (its value decoded, or placed into `into`). */
function completeReceive(o: Operation, r: Received, into: TypedArray | undefined): void {
  let value: unknown;
  try {
    value = into ? placeInto(r, into) : decodePayload(r);
  } catch (err) {
    return o.fail(err);
  }
  o.complete({ value, source: r.env.source, tag: r.env.tag, count: r.env.size, worldSource: r.env.worldSource, msg: `${r.env.worldSource}.${r.env.seq}` });
}

function receivedFields(r: Received) {
  return { peer: r.env.worldSource, tag: r.env.tag, bytes: r.env.size, msg: `${r.env.worldSource}.${r.env.seq}` };
}

function checkFits(op: string, env: Envelope, into: TypedArray | undefined, site: CallSite | undefined): void {
  const err = bufferMisfit(op, env, into);
  if (!err) return;
  // The message is consumed by the failed receive: the launcher must not count it as unreceived.
  err.matchedMsg = `${env.worldSource}.${env.seq}`;
  throw atCallSite(site, op, err);
}

/** MPI.BYTE (a Uint8Array) matches any datatype, as raw bytes do in MPI. */
function isByteCode(code: number): boolean {
  return code === DATATYPES.BYTE.code || code === 3; // Uint8Array, Uint8ClampedArray
}

function bufferMisfit(op: string, env: Envelope, into: TypedArray | undefined): MPIException | undefined {
  if (!into) return undefined;
  if (env.encoding !== Encoding.Bytes) {
    return new BufferError(`${op}: the message from rank ${env.source} (tag ${env.tag}) was sent with a lower-case method (a serialised object); receive it with recv(), or send it with Send()`);
  }
  if (env.size > 0 && env.dtype !== dtypeCode(into) && !isByteCode(env.dtype) && !isByteCode(dtypeCode(into))) {
    return new DatatypeError(`${op}: datatype mismatch: rank ${env.source} sent ${dtypeName(env.dtype)} elements (tag ${env.tag}), the receive buffer is a ${dtypeName(dtypeCode(into))}; receive into a buffer of the sent type, or send and receive MPI.BYTE`);
  }
  if (env.size > into.byteLength) {
    return new TruncateError(`${op}: message truncated: rank ${env.source} sent ${env.size} bytes (${dtypeName(env.dtype)}), the receive buffer holds ${into.byteLength}; make the buffer larger`);
  }
  return undefined;
}

function placeInto(r: Received, into: TypedArray): undefined {
  const dest = bytesOf(into);
  if (r.payload.buffer !== dest.buffer || r.payload.byteOffset !== dest.byteOffset) dest.set(r.payload);
  landed(into);
  return undefined;
}

function decodePayload(r: Received): unknown {
  if (r.env.encoding === Encoding.Clone) return decodeClone(r.payload);
  if (isByteKind(r.env.dtype)) {
    // mpi4py's lower-case receive unpickles whatever bytes came, so a Send of `MPI.pickle.dumps(x)`
    // arrives as x, and an empty byte message as None.
    if (r.payload.byteLength === 0) return null;
    if (looksLikeClone(r.payload)) {
      try {
        return decodeClone(r.payload);
      } catch {
        // Not a pickle after all: the bytes themselves, as below.
      }
    }
  }
  // Any other buffer message received with a lower-case call: a typed array of the sent kind.
  return typedArrayCopy(r.env.dtype, r.payload);
}

/** Int8Array, Uint8Array, Uint8ClampedArray: the wire kinds of MPI.BYTE/CHAR-like buffers. */
function isByteKind(dtype: number): boolean {
  return dtype >= 1 && dtype <= 3;
}

/**
 * MPI.PROC_NULL as a peer: sends to it and receives from it complete at once and move nothing; the
 * status says source PROC_NULL, tag ANY_TAG, count 0 (MPI 3.1 §3.11), so a non-periodic shift
 * needs no special case at the edges.
 */
const NULL_PEER = { source: PROC_NULL, tag: ANY_TAG, size: 0 };

function fillStatus(status: unknown, env: Pick<Envelope, 'source' | 'tag' | 'size'>): void {
  if (!(status instanceof Status)) return;
  status.source = env.source;
  status.tag = env.tag;
  status.count = env.size;
}

/**
 * `MPI.Intercomm`: only the null one exists (`new MPI.Intercomm()`, what `MPI.Comm.Get_parent()`
 * returns); intercommunicators between groups are not made yet.
 */
export class Intercomm extends Comm {
  /** True: an intercommunicator. */
  Is_inter(): boolean {
    return true;
  }
}
