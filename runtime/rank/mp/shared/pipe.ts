/**
 * `Pipe(duplex=true)` → `[conn1, conn2]`. What one end sends, the other receives, in order.
 *
 * As with OS pipes, an end is open in every process that holds a copy of it until that process
 * closes it or exits. `recv()` throws EOFError once the other end is closed everywhere and no
 * data is left — which is how the course's pipe example knows to print "End".
 */
import { deserialize, serialize } from 'node:v8';
import { pyArgs, timeoutArg } from '../py-args.js';
import type { PipeOptions, RecvBytesIntoOptions, RecvBytesOptions, SendBytesOptions, TimeoutOptions } from '../options.js';
import { runtime } from '../../current.js';
import { currentIdentity } from '../../identity.js';
import { registerKind, SharedObject, Waiters } from './base.js';
import { BufferTooShort, EOFError, OSError, ValueError } from './errors.js';
import { ItemLine } from './item-ids.js';
import type { ObjectImpl } from './registry.js';
import type { HandleData } from './protocol.js';

class PipeState {
  /** channel[e]: items sent by end e (with their ids, item-ids.ts), waiting for the other end. */
  readonly channel: [ItemLine, ItemLine] = [new ItemLine(), new ItemLine()];
  /** Processes holding each end open. */
  readonly holders: [Set<number>, Set<number>];
  readonly readers: [Waiters<void>, Waiters<void>] = [new Waiters(), new Waiters()];
  /** Each end's name in trace events, once the ends exist. */
  objKeys: [string, string] = ['', ''];

  constructor(creator: number, readonly duplex: boolean) {
    this.holders = [new Set([creator]), new Set([creator])];
  }

  addHolder(e: 0 | 1, process: number): void {
    if (this.holders[e].has(process)) return;
    this.holders[e].add(process);
    this.tellDetector(e);
  }

  /** End `e` lost a holder: wake the other end's readers, who may now see EOF. */
  dropHolder(e: 0 | 1, process: number): void {
    if (!this.holders[e].delete(process)) return;
    this.tellDetector(e);
    if (this.holders[e].size === 0) this.readers[1 - e].wakeAll();
  }

  /** Tells the deadlock detector who keeps EOF from a recv at the other end of `e`. */
  tellDetector(e: 0 | 1): void {
    // Holds for ends in transit (negative tokens) are not processes.
    runtime.tracer.pipeHolders(this.objKeys[1 - e], [...this.holders[e]].filter((p) => p >= 0));
  }
}

class ConnectionImpl implements ObjectImpl {
  constructor(private readonly s: PipeState, private readonly end: 0 | 1) {}

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    const { s, end } = this;
    const other = (1 - end) as 0 | 1;
    switch (method) {
      case 'send':
        if (!s.holders[end].has(caller)) throw new OSError('send: handle is closed (this end of the pipe was closed in this process)');
        if (!s.duplex && end === 0) throw new OSError('send: connection is read-only (this end of a one-way Pipe(false) only receives)');
        s.channel[end].push(args[0], args[1] as string | undefined);
        s.readers[other].wakeOne();
        return undefined;
      case 'recv':
        if (!s.holders[end].has(caller)) throw new OSError('recv: handle is closed (this end of the pipe was closed in this process)');
        if (!s.duplex && end === 1) throw new OSError('recv: connection is write-only (this end of a one-way Pipe(false) only sends)');
        for (;;) {
          if (s.channel[other].length > 0) return s.channel[other].shift();
          if (s.holders[other].size === 0) throw new EOFError();
          await s.readers[end].wait(undefined, caller);
        }
      case 'poll': {
        // 0: look only; null: wait until there is data or EOF; otherwise wait that many seconds at most.
        const timeout = args[0] as number | null;
        const deadline = timeout === null ? Infinity : Date.now() + timeout * 1000;
        for (;;) {
          if (s.channel[other].length > 0 || s.holders[other].size === 0) return true;
          const left = deadline - Date.now();
          if (left <= 0) return false;
          await s.readers[end].wait(timeout === null ? undefined : left / 1000, caller);
          if (s.channel[other].length > 0 || s.holders[other].size === 0) {
            s.readers[end].wakeOne(); // pass the wake-up on to a waiting recv
            return true;
          }
        }
      }
      case 'close':
        s.dropHolder(end, caller);
        return undefined;
      case 'retain':
        s.addHolder(end, (args[0] as number | undefined) ?? caller);
        return undefined;
      case 'adopt': // the receiver of an end sent in a message holds it now: the trip's hold goes, in one step
        s.addHolder(end, caller);
        if (args[0] !== undefined) s.dropHolder(end, args[0] as number);
        return undefined;
      case 'release':
        s.dropHolder(end, args[0] as number);
        return undefined;
    }
    throw new Error(`Connection has no method ${method}`);
  }

  callerGone(caller: number): void {
    this.s.dropHolder(this.end, caller);
  }

  eofHeldBy(method: string): number[] | undefined {
    return method === 'recv' ? [...this.s.holders[1 - this.end]] : undefined;
  }
}

export class Connection extends SharedObject {
  /** @internal */
  static create(state: PipeState, end: 0 | 1): Connection {
    const c = Object.create(Connection.prototype) as Connection;
    c.init('Connection', new ConnectionImpl(state, end), { end, duplex: state.duplex });
    return c;
  }

  /** @internal this process closed its copy of this end */
  _closed?: boolean;

  /** Whether this process has closed this end (`close()`). */
  get closed(): boolean {
    return this._closed === true;
  }
  /** Whether this end receives: false for the sending end of `Pipe(false)`. */
  get readable(): boolean {
    return this.fact<boolean>('duplex') !== false || this.fact<number>('end') === 0;
  }
  /** Whether this end sends: false for the receiving end of `Pipe(false)`. */
  get writable(): boolean {
    return this.fact<boolean>('duplex') !== false || this.fact<number>('end') === 1;
  }

  /** A number naming this end (Python's file descriptor); what `mp.connection.wait` is given is the Connection itself. */
  fileno(): number {
    this.check('fileno');
    return this._h.id;
  }

  /** Python's `_check_closed`/`_check_readable`/`_check_writable`: OSError, as the OS would give. */
  private check(method: string, need?: 'readable' | 'writable'): void {
    if (this._closed) throw new OSError(`Connection.${method}: handle is closed`);
    if (need === 'readable' && !this.readable) throw new OSError(`Connection.${method}: connection is write-only`);
    if (need === 'writable' && !this.writable) throw new OSError(`Connection.${method}: connection is read-only`);
  }

  /** Sends a copy of `obj` to the other end (shared objects inside, pipe ends too, travel as handles). */
  send(obj: unknown): Promise<void> {
    try {
      this.check('send', 'writable');
    } catch (err) {
      return Promise.reject(err);
    }
    return this.handing('Connection.send', undefined, undefined, 'send', obj);
  }

  /** The next object sent from the other end; EOFError once it is closed everywhere and drained. */
  recv<T = any>(): Promise<T>;
  recv(...args: unknown[]): Promise<any> {
    try {
      pyArgs('Connection.recv', args, []); // Python's recv() takes none: a stray option is named, not ignored
      this.check('recv', 'readable');
    } catch (err) {
      return Promise.reject(err);
    }
    return this.recvMessage('Connection.recv').then(fromMessage);
  }

  private recvMessage(_method: string): Promise<unknown> {
    // Any process could send; EOF depends on who holds the other end, which the owner reports.
    // Every receive is 'Connection.recv' to the deadlock detector, which knows its EOF rule.
    return this.taking('Connection.recv', this.anyone('Connection.recv'), undefined, 'recv');
  }

  /**
   * Sends `buf`'s bytes (a typed array, Buffer, DataView or ArrayBuffer), from byte `offset`,
   * `size` bytes (the rest by default), as one message; ValueError for a range outside `buf`.
   */
  sendBytes(buf: ArrayBufferView | ArrayBuffer, offset?: number, size?: number | null): Promise<void>;
  sendBytes(buf: ArrayBufferView | ArrayBuffer, options: SendBytesOptions): Promise<void>;
  sendBytes(buf: ArrayBufferView | ArrayBuffer, ...args: unknown[]): Promise<void> {
    try {
      this.check('sendBytes', 'writable');
      const o = pyArgs('Connection.sendBytes', args, ['offset', 'size']);
      const m = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
      const n = m.byteLength;
      const offset = (o.offset as number | undefined) ?? 0;
      let size = o.size as number | undefined | null;
      if (offset < 0) throw new ValueError('Connection.sendBytes: offset is negative');
      if (n < offset) throw new ValueError('Connection.sendBytes: buffer length < offset');
      if (size === undefined || size === null) size = n - offset;
      else if (size < 0) throw new ValueError('Connection.sendBytes: size is negative');
      else if (offset + size > n) throw new ValueError('Connection.sendBytes: buffer length < offset + size');
      return this.handing('Connection.sendBytes', undefined, undefined, 'send', { [BYTES]: m.slice(offset, offset + size) });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The next message as bytes (a Buffer); EOFError once the other end is closed everywhere and
   * drained. With `maxlength`, a longer message is an OSError and this end is closed, as Python's.
   */
  recvBytes(maxlength?: number | null): Promise<Buffer>;
  recvBytes(options: RecvBytesOptions): Promise<Buffer>;
  async recvBytes(...args: unknown[]): Promise<Buffer> {
    const maxlength = pyArgs('Connection.recvBytes', args, ['maxlength']).maxlength as number | undefined | null;
    if (maxlength !== undefined && maxlength !== null && maxlength < 0) throw new ValueError('Connection.recvBytes: negative maxlength');
    this.check('recvBytes', 'readable');
    const bytes = toBytes(await this.recvMessage('Connection.recvBytes'));
    if (maxlength !== undefined && maxlength !== null && bytes.length > maxlength) {
      await this.close();
      throw new OSError('Connection.recvBytes: bad message length');
    }
    return bytes;
  }

  /**
   * Reads the next message into `buf` from byte `offset`; resolves to its size in bytes.
   * BufferTooShort (with the message as `args[0]`) when it does not fit.
   */
  recvBytesInto(buf: ArrayBufferView | ArrayBuffer, offset?: number): Promise<number>;
  recvBytesInto(buf: ArrayBufferView | ArrayBuffer, options: RecvBytesIntoOptions): Promise<number>;
  async recvBytesInto(buf: ArrayBufferView | ArrayBuffer, ...args: unknown[]): Promise<number> {
    const offset = (pyArgs('Connection.recvBytesInto', args, ['offset']).offset as number | undefined) ?? 0;
    const m = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
    if (offset < 0) throw new ValueError('Connection.recvBytesInto: negative offset');
    if (offset > m.byteLength) throw new ValueError('Connection.recvBytesInto: offset too large');
    this.check('recvBytesInto', 'readable');
    const bytes = toBytes(await this.recvMessage('Connection.recvBytesInto'));
    if (m.byteLength < offset + bytes.length) throw new BufferTooShort(bytes);
    m.set(bytes, offset);
    return bytes.length;
  }

  /**
   * Whether there is data (or EOF) to read: at once with no argument, waiting up to `timeout`
   * seconds, or until there is with `null` (Python's `poll(None)`).
   */
  poll(timeout?: number | null): Promise<boolean>;
  poll(options: TimeoutOptions): Promise<boolean>;
  poll(...args: unknown[]): Promise<boolean> {
    let timeout: number | null;
    try {
      this.check('poll', 'readable');
      const given = pyArgs('Connection.poll', args, ['timeout']).timeout;
      timeout = given === null ? null : (timeoutArg('Connection.poll', given) ?? 0);
    } catch (err) {
      return Promise.reject(err);
    }
    if (timeout === 0) return this.call('poll', 0);
    const wait = timeout === null ? this.anyone('Connection.poll') : { type: 'opaque' as const, what: 'Connection.poll()' };
    return this.blocking('Connection.poll', this.site(), wait, timeout ?? undefined, 'poll', timeout);
  }

  /**
   * Closes this process's copy of this end. After an un-awaited `p.start()` that hands this end to
   * a child, the close waits until the child holds it (Python's `p.start(); a.close()` idiom).
   */
  close(): Promise<void> {
    if (this._closed) return Promise.resolve();
    this._closed = true;
    const before = handovers.get(this);
    return before ? Promise.all(before).then(() => this.call('close')) : this.call('close');
  }

  /** `await using c = a`: Python's `with a:` closes the end at the block's end. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * @internal This process got a copy of the end (through a queue, a pipe, an MPI message…): it
   * holds it open until it closes it or exits. (A Process child is also retained by its parent
   * before it starts, which closes the gap before this call arrives.)
   */
  override revived(): void {
    this.adopt(this._h);
  }

  /** @internal this owner got its own end back: it holds it again (Python's received descriptor is open) */
  override received(h: HandleData): void {
    this.adopt(h);
  }

  /** Holds the end in this process, then drops the hold its sender took for the trip. */
  private adopt(h: HandleData): void {
    this.call('adopt', h.facts?.token as number | undefined).catch(() => {});
  }

  /**
   * @internal Sent inside a value (through a pipe, a queue, to a child): the end is held for the
   * trip under a token of its own, so that the sender's close() right after the send cannot make
   * the other end see EOF before the receiver holds it (Python duplicates the descriptor).
   */
  override encodeFor(): HandleData {
    const token = -(process.pid * 100_000 + ++tripTokens);
    const h = this.handle();
    closeAfter(this, this.call('retain', token).catch(() => {}));
    return { ...h, facts: { ...h.facts, token } };
  }

  /** @internal a child process now holds a copy of this end */
  retainFor(process: number): Promise<void> {
    return this.call('retain', process);
  }

  /** @internal that child has exited */
  releaseFor(process: number): Promise<void> {
    return this.call('release', process);
  }

  /** Python's default repr: `<multiprocessing.connection.Connection object at 1234:5>` (where it lives). */
  toString(): string {
    return `<multiprocessing.connection.Connection object at ${this.objKey}>`;
  }
}

/**
 * As in Python, every message is bytes: an object sent with send() is its serialization (v8's,
 * where Python pickles), so recvBytes() of it gives those bytes, and recv() of bytes sent with
 * sendBytes() deserializes them (an echo server may pass either through as bytes).
 */
const BYTES = '__rankscopeBytes';

function isBytes(v: unknown): v is { [BYTES]: Uint8Array } {
  return typeof v === 'object' && v !== null && Object.hasOwn(v, BYTES);
}

function toBytes(v: unknown): Buffer {
  if (isBytes(v)) {
    const b = v[BYTES];
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
  return serialize(v);
}

function fromMessage(v: unknown): unknown {
  if (!isBytes(v)) return v;
  try {
    return deserialize(v[BYTES]);
  } catch (err) {
    throw new ValueError(`Connection.recv: the message is bytes sent with sendBytes() that are not a serialized object (${(err as Error).message}); receive it with recvBytes()`);
  }
}

/** Numbers the holds taken for ends in transit (negative: never a process index). */
let tripTokens = 0;

/** Per end: children being started with it, whose hold its close() must wait for. */
const handovers = new WeakMap<Connection, Set<Promise<void>>>();

/** `c`'s close() in this process waits for `held` (a child being started with `c` holds it). */
export function closeAfter(c: Connection, held: Promise<void>): void {
  const pending = handovers.get(c) ?? new Set();
  handovers.set(c, pending);
  pending.add(held);
  void held.then(() => {
    pending.delete(held);
    if (pending.size === 0) handovers.delete(c);
  });
}

export function Pipe(duplex?: boolean): [Connection, Connection];
export function Pipe(options: PipeOptions): [Connection, Connection];
export function Pipe(...args: unknown[]): [Connection, Connection] {
  const duplex = (pyArgs('Pipe', args, ['duplex']).duplex as boolean | undefined) ?? true;
  const state = new PipeState(currentIdentity().index, duplex);
  const ends: [Connection, Connection] = [Connection.create(state, 0), Connection.create(state, 1)];
  state.objKeys = [ends[0].objKey, ends[1].objKey];
  state.tellDetector(0);
  state.tellDetector(1);
  return ends;
}

registerKind('Connection', Connection);
