/**
 * The connections `mp.connection.Listener.accept()` and `mp.connection.Client()` return: a
 * stream socket (Unix or TCP) carrying framed messages, with a pipe end's methods (`send`/`recv`,
 * `sendBytes`/`recvBytes`/`recvBytesInto`, `poll`, `close`). Frames are a 4-byte length, a kind
 * byte (object or bytes) and the payload: an object is v8-serialized, as Python pickles it.
 */
import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { pyArgs, timeoutArg } from './py-args.js';
import type { RecvBytesIntoOptions, RecvBytesOptions, SendBytesOptions, TimeoutOptions } from './options.js';
import { holding } from '../liveness.js';
import { BufferTooShort, EOFError, OSError, ValueError } from './shared/errors.js';
import { decodeHandles, encodeHandles } from './shared/handles.js';

const OBJECT = 0;
const BYTES = 1;

interface Frame {
  kind: number;
  payload: Buffer;
}

export class SocketConnection {
  private buffered = Buffer.alloc(0);
  private readonly frames: Frame[] = [];
  private eof = false;
  private wake: (() => void)[] = [];
  private _closed = false;

  /** As a debugger shows it: `Connection(open, 2 messages waiting)` or `Connection(closed)`. */
  toString(): string {
    if (this._closed) return 'Connection(closed)';
    return `Connection(${this.eof ? 'peer closed' : 'open'}, ${this.frames.length} message${this.frames.length === 1 ? '' : 's'} waiting)`;
  }

  /** @internal */
  constructor(private readonly socket: Socket) {
    socket.unref(); // an open connection alone does not keep the program running; a waiting call does
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 5 && this.buffered.length >= 5 + this.buffered.readUInt32BE(0)) {
        const n = this.buffered.readUInt32BE(0);
        this.frames.push({ kind: this.buffered[4], payload: Buffer.from(this.buffered.subarray(5, 5 + n)) });
        this.buffered = this.buffered.subarray(5 + n);
      }
      this.notify();
    });
    socket.on('end', () => {
      this.eof = true;
      this.notify();
    });
    socket.on('error', () => {
      this.eof = true;
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.wake.splice(0)) w();
  }

  /** Whether this process has closed the connection. */
  get closed(): boolean {
    return this._closed;
  }
  /** A socket connection both receives and sends. */
  readonly readable = true;
  readonly writable = true;

  /** The socket's file descriptor. */
  fileno(): number {
    this.check('fileno');
    return (this.socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  private check(method: string): void {
    if (this._closed) throw new OSError(`Connection.${method}: handle is closed`);
  }

  private write(kind: number, payload: Uint8Array): Promise<void> {
    const head = Buffer.alloc(5);
    head.writeUInt32BE(payload.byteLength, 0);
    head[4] = kind;
    return holding(new Promise<void>((resolve, reject) => this.socket.write(Buffer.concat([head, payload]), (err) => (err ? reject(new OSError(`Connection.send: ${err.message}`)) : resolve()))));
  }

  /** Waits for a frame or EOF, `timeout` seconds at most (undefined: no limit). */
  private async arrival(timeout?: number): Promise<void> {
    if (this.frames.length > 0 || this.eof) return;
    let timer: NodeJS.Timeout | undefined;
    await holding(
      new Promise<void>((resolve) => {
        this.wake.push(resolve);
        if (timeout !== undefined) timer = setTimeout(resolve, timeout * 1000);
      }),
    );
    clearTimeout(timer);
  }

  private async next(method: string): Promise<Frame> {
    this.check(method);
    while (this.frames.length === 0) {
      if (this.eof) throw new EOFError();
      await this.arrival();
    }
    return this.frames.shift()!;
  }

  /** Sends a copy of `obj` (shared objects inside travel as handles). */
  async send(obj: unknown): Promise<void> {
    this.check('send');
    return this.write(OBJECT, serialize(encodeHandles(obj)));
  }

  /** The next object sent from the other end; EOFError once it has closed and everything was read. */
  recv<T = any>(): Promise<T>;
  async recv(...args: unknown[]): Promise<any> {
    pyArgs('Connection.recv', args, []); // async: a stray option rejects the promise
    const f = await this.next('recv');
    try {
      return decodeHandles(deserialize(f.payload));
    } catch (err) {
      throw new ValueError(`Connection.recv: the message is not a serialized object (${(err as Error).message}); receive it with recvBytes()`);
    }
  }

  /** Sends `buf`'s bytes from byte `offset`, `size` of them (the rest by default), as one message. */
  sendBytes(buf: ArrayBufferView | ArrayBuffer, offset?: number, size?: number | null): Promise<void>;
  sendBytes(buf: ArrayBufferView | ArrayBuffer, options: SendBytesOptions): Promise<void>;
  async sendBytes(buf: ArrayBufferView | ArrayBuffer, ...args: unknown[]): Promise<void> {
    this.check('sendBytes');
    const o = pyArgs('Connection.sendBytes', args, ['offset', 'size']);
    const m = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
    const offset = (o.offset as number | undefined) ?? 0;
    let size = o.size as number | undefined | null;
    if (offset < 0) throw new ValueError('Connection.sendBytes: offset is negative');
    if (m.byteLength < offset) throw new ValueError('Connection.sendBytes: buffer length < offset');
    if (size === undefined || size === null) size = m.byteLength - offset;
    else if (size < 0) throw new ValueError('Connection.sendBytes: size is negative');
    else if (offset + size > m.byteLength) throw new ValueError('Connection.sendBytes: buffer length < offset + size');
    return this.write(BYTES, m.subarray(offset, offset + size));
  }

  /** The next message as bytes; with `maxlength`, a longer one is an OSError and the connection is closed. */
  recvBytes(maxlength?: number | null): Promise<Buffer>;
  recvBytes(options: RecvBytesOptions): Promise<Buffer>;
  async recvBytes(...args: unknown[]): Promise<Buffer> {
    const maxlength = pyArgs('Connection.recvBytes', args, ['maxlength']).maxlength as number | undefined | null;
    if (maxlength !== undefined && maxlength !== null && maxlength < 0) throw new ValueError('Connection.recvBytes: negative maxlength');
    const f = await this.next('recvBytes');
    if (maxlength !== undefined && maxlength !== null && f.payload.length > maxlength) {
      await this.close();
      throw new OSError('Connection.recvBytes: bad message length');
    }
    return f.payload;
  }

  /** Reads the next message into `buf` from byte `offset`; its size in bytes; BufferTooShort if it does not fit. */
  recvBytesInto(buf: ArrayBufferView | ArrayBuffer, offset?: number): Promise<number>;
  recvBytesInto(buf: ArrayBufferView | ArrayBuffer, options: RecvBytesIntoOptions): Promise<number>;
  async recvBytesInto(buf: ArrayBufferView | ArrayBuffer, ...args: unknown[]): Promise<number> {
    const offset = (pyArgs('Connection.recvBytesInto', args, ['offset']).offset as number | undefined) ?? 0;
    const m = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
    if (offset < 0) throw new ValueError('Connection.recvBytesInto: negative offset');
    if (offset > m.byteLength) throw new ValueError('Connection.recvBytesInto: offset too large');
    const f = await this.next('recvBytesInto');
    if (m.byteLength < offset + f.payload.length) throw new BufferTooShort(f.payload);
    m.set(f.payload, offset);
    return f.payload.length;
  }

  /** Whether a message (or EOF) is there: at once with no argument, `timeout` seconds at most, or without limit with null. */
  poll(timeout?: number | null): Promise<boolean>;
  poll(options: TimeoutOptions): Promise<boolean>;
  async poll(...args: unknown[]): Promise<boolean> {
    this.check('poll');
    const given = pyArgs('Connection.poll', args, ['timeout']).timeout;
    const timeout = given === null ? undefined : (timeoutArg('Connection.poll', given) ?? 0);
    if (timeout !== 0) await this.arrival(timeout);
    return this.frames.length > 0 || this.eof;
  }

  /** Closes the connection (the other end then sees EOF once it has read what was sent). */
  async close(): Promise<void> {
    if (this._closed) return;
    this._closed = true;
    await new Promise<void>((resolve) => this.socket.end(resolve));
    this.socket.destroy();
  }

  /** `await using c = …`: Python's `with c:`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
