/**
 * The control channel's framing, between a launcher (or the cluster coordinator) and each of its
 * processes: a 4-byte little-endian length, then the v8-serialised message. Both ends import it
 * from here, so the launcher needs nothing of the ranks' data transport to read them.
 */
import type * as net from 'node:net';
import { deserialize, serialize } from 'node:v8';

const LENGTH_BYTES = 4;

export function writeControl(socket: net.Socket, msg: unknown, onWritten?: () => void): void {
  const body = serialize(msg);
  const head = Buffer.allocUnsafe(LENGTH_BYTES);
  head.writeUInt32LE(body.length, 0);
  socket.cork();
  socket.write(head);
  socket.write(body, onWritten ? () => onWritten() : undefined);
  socket.uncork();
}

/** Calls `onMessage` for every control message arriving on `socket`. */
export function readControl<T>(socket: net.Socket, onMessage: (msg: T) => void): void {
  const decoder = new ControlDecoder((body) => {
    let msg: T;
    try {
      msg = deserialize(body) as T;
    } catch {
      // Not our framing (another Rankscope's process, or not Rankscope at all): hang up on it.
      socket.destroy();
      return;
    }
    onMessage(msg);
  });
  socket.on('data', (chunk: Buffer) => decoder.push(chunk));
}

/**
 * Cuts a byte stream into messages. Chunks wait in a list until the whole frame is in, then are
 * joined once: a large trace batch arriving in many chunks is not copied again at every chunk.
 */
export class ControlDecoder {
  private chunks: Buffer[] = [];
  private have = 0;
  /** Bytes the frame at the head needs in all (0: its length is not in yet). */
  private need = 0;

  constructor(private readonly onBody: (body: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.have += chunk.length;
    if (this.need === 0) {
      if (this.have < LENGTH_BYTES) return;
      this.need = LENGTH_BYTES + this.head().readUInt32LE(0);
    }
    if (this.have < this.need) return;
    const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.have);
    let at = 0;
    while (buf.length - at >= LENGTH_BYTES) {
      const end = at + LENGTH_BYTES + buf.readUInt32LE(at);
      if (end > buf.length) break;
      this.onBody(buf.subarray(at + LENGTH_BYTES, end));
      at = end;
    }
    const rest = buf.subarray(at);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.have = rest.length;
    this.need = rest.length >= LENGTH_BYTES ? LENGTH_BYTES + rest.readUInt32LE(0) : 0;
  }

  /** The first bytes received, joined when the length itself came split. */
  private head(): Buffer {
    if (this.chunks[0].length < LENGTH_BYTES) this.chunks = [Buffer.concat(this.chunks, this.have)];
    return this.chunks[0];
  }
}
