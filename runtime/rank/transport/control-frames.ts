/** Control messages as frames: a header, then the v8-serialised message. Used in both directions. */
import type * as net from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { encodeHeader, Encoding, FrameDecoder, FrameType } from './frames.js';

export function writeControl(socket: net.Socket, msg: unknown, onWritten?: () => void): void {
  const body = serialize(msg);
  const header = encodeHeader(
    { type: FrameType.Control, encoding: Encoding.Clone, dtype: 0, flags: 0, tag: 0, source: 0, seq: 0, size: body.length, comm: '' },
    body.length,
  );
  socket.cork();
  socket.write(header);
  socket.write(body, onWritten ? () => onWritten() : undefined);
  socket.uncork();
}

/** Calls `onMessage` for every control message arriving on `socket`. */
export function readControl<T>(socket: net.Socket, onMessage: (msg: T) => void): void {
  const decoder = new FrameDecoder((header, payload) => {
    if (header.type === FrameType.Control) onMessage(deserialize(payload) as T);
  });
  socket.on('data', (chunk: Buffer) => decoder.push(chunk));
}
