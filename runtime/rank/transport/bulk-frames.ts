/**
 * Control messages whose bulky typed arrays travel beside them as raw frames: written straight
 * from the arrays, and read into arrays of their own. Through v8's serializer they would be copied
 * into a buffer it grows by doubling, and, arriving in pieces, once more to reassemble the message:
 * fresh memory each time, and fresh memory is a page fault per 4 KiB (tens of microseconds each on
 * a VM). That is most of the cost of a `Pool.map` of a cheap function.
 *
 * The message frame (Control, Clone) says in its `tag` how many raw frames (Control, Bytes, with
 * the array's kind in `dtype`) follow it; the message holds their places.
 */
import type * as net from 'node:net';
import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { bytesOf, dtypeCode, typedArrayOver, type TypedArray } from './dtypes.js';
import { encodeHeader, Encoding, FrameDecoder, FrameType, type FrameHeader } from './frames.js';

/** The hooks Node documents for custom serializers (absent from its type declarations). */
interface HostObjects {
  _writeHostObject(this: DefaultSerializer, view: NodeJS.ArrayBufferView): void;
  _readHostObject(this: DefaultDeserializer): unknown;
}
const nodeDefault = {
  write: (DefaultSerializer.prototype as unknown as HostObjects)._writeHostObject,
  read: (DefaultDeserializer.prototype as unknown as HostObjects)._readHostObject,
};

/** Each array view is preceded by its raw frame's number (from 1), or 0 when it is inline. */
class BulkSerializer extends DefaultSerializer {
  readonly bulk: TypedArray[] = [];

  constructor(private readonly isBulk: (view: unknown) => view is TypedArray) {
    super();
  }

  _writeHostObject(view: NodeJS.ArrayBufferView): void {
    const bulk = this.isBulk(view);
    this.writeUint32(bulk ? this.bulk.push(view) : 0);
    if (!bulk) nodeDefault.write.call(this, view);
  }
}

class BulkDeserializer extends DefaultDeserializer {
  constructor(body: Uint8Array, private readonly bulk: TypedArray[]) {
    super(body);
  }

  _readHostObject(): unknown {
    const n = this.readUint32();
    return n > 0 ? this.bulk[n - 1] : nodeDefault.read.call(this);
  }
}

function header(encoding: Encoding, dtype: number, tag: number, size: number): Buffer {
  return encodeHeader({ type: FrameType.Control, encoding, dtype, flags: 0, tag, source: 0, seq: 0, size, comm: '' }, size);
}

/**
 * Sends `msg`; the typed arrays in it for which `isBulk` holds go as raw frames, so they must not
 * change until written (give only arrays nobody else holds).
 */
export function writeBulkControl(socket: net.Socket, msg: unknown, isBulk: (view: unknown) => view is TypedArray): void {
  const ser = new BulkSerializer(isBulk);
  ser.writeHeader();
  ser.writeValue(msg);
  const body = ser.releaseBuffer();
  socket.cork();
  socket.write(header(Encoding.Clone, 0, ser.bulk.length, body.length));
  socket.write(body);
  for (const a of ser.bulk) {
    socket.write(header(Encoding.Bytes, dtypeCode(a), 0, a.byteLength));
    socket.write(bytesOf(a));
  }
  socket.uncork();
}

/** Calls `onMessage` for every message arriving on `socket` (sent by writeBulkControl). */
export function readBulkControl<T>(socket: net.Socket, onMessage: (msg: T) => void): void {
  let body: Uint8Array | undefined;
  let bulk: TypedArray[] = [];
  let missing = 0;
  const deliver = (): void => {
    const des = new BulkDeserializer(body!, bulk);
    des.readHeader();
    body = undefined;
    bulk = [];
    onMessage(des.readValue() as T);
  };
  const onFrame = (h: FrameHeader, payload: Uint8Array): void => {
    if (h.type !== FrameType.Control) return;
    if (h.encoding === Encoding.Bytes) {
      bulk.push(typedArrayOver(h.dtype, payload));
      if (--missing === 0) deliver();
      return;
    }
    body = payload;
    missing = h.tag;
    if (missing === 0) deliver();
  };
  // A raw frame lands in memory of its own, so the array made over it is aligned and is its own.
  const decoder = new FrameDecoder(onFrame, (h, length) => (h.encoding === Encoding.Bytes ? new Uint8Array(length) : undefined));
  socket.on('data', (chunk: Buffer) => decoder.push(chunk));
}
