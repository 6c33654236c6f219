/**
 * Binary framing shared by every socket Rankscope opens (rank↔rank and rank↔launcher).
 *
 * A frame is a fixed 28-byte header, a short communicator id and a payload. The header is binary
 * (not JSON) because it sits on the small-message latency path; the payload is either v8
 * structured-clone bytes (lower-case MPI methods, control messages) or raw typed-array bytes
 * (capitalised methods), which are never serialised.
 */

export const FRAME_VERSION = 1;
export const HEADER_BYTES = 28;

export const enum FrameType {
  /** First frame on a rank→rank connection: `source` holds the sender's world rank. */
  Hello = 1,
  /** A whole message, sent without waiting for the receiver (below the eager threshold). */
  Eager = 2,
  /** Request to send: the envelope of a rendezvous message; `size` is the payload length to come. */
  Rts = 3,
  /** Clear to send: the receiver matched the Rts with sequence number `seq`. */
  Cts = 4,
  /** The payload of a rendezvous message whose Rts had sequence number `seq`. */
  Data = 5,
  /** A v8-serialised control message between a rank and its launcher. */
  Control = 6,
}

export const enum Encoding {
  Clone = 0,
  Bytes = 1,
}

export interface FrameHeader {
  type: FrameType;
  encoding: Encoding;
  /** Index into the typed-array kinds of `dtypes.ts`; 0 for clone payloads. */
  dtype: number;
  /** Bit 0: synchronous send (ssend): the sender waits for the match. */
  flags: number;
  tag: number;
  /** Sender's rank in the communicator (world rank in a Hello frame). */
  source: number;
  /** Per-connection sequence number: names a rendezvous transfer and a message in the trace. */
  seq: number;
  /** Payload bytes carried (Eager, Data, Control) or announced (Rts). */
  size: number;
  comm: string;
}

export const FLAG_SYNC = 1;

/** Encodes a header; the payload, if any, is written after it by the caller (no copy). */
export function encodeHeader(h: FrameHeader, payloadBytes: number): Buffer {
  return writeHeader(Buffer.allocUnsafe(HEADER_BYTES + Buffer.byteLength(h.comm)), h, payloadBytes);
}

/** A whole frame in one buffer, the payload copied in: one write for a small message. */
export function encodeFrame(h: FrameHeader, payload: Uint8Array): Buffer {
  const commBytes = Buffer.byteLength(h.comm);
  const buf = writeHeader(Buffer.allocUnsafe(HEADER_BYTES + commBytes + payload.byteLength), h, payload.byteLength);
  buf.set(payload, HEADER_BYTES + commBytes);
  return buf;
}

function writeHeader(buf: Buffer, h: FrameHeader, payloadBytes: number): Buffer {
  const commBytes = Buffer.byteLength(h.comm);
  buf.writeUInt32LE(HEADER_BYTES - 4 + commBytes + payloadBytes, 0);
  buf.writeUInt8(h.type, 4);
  buf.writeUInt8(h.encoding, 5);
  buf.writeUInt8(h.dtype, 6);
  buf.writeUInt8(h.flags, 7);
  buf.writeInt32LE(h.tag, 8);
  buf.writeInt32LE(h.source, 12);
  buf.writeUInt32LE(h.seq, 16);
  buf.writeUInt32LE(h.size, 20);
  buf.writeUInt16LE(commBytes, 24);
  buf.writeUInt16LE(FRAME_VERSION, 26);
  buf.write(h.comm, HEADER_BYTES);
  return buf;
}

function decodeHeader(buf: Buffer, at: number, comms: CommNames): { header: FrameHeader; frameEnd: number; payloadStart: number } {
  const bodyLen = buf.readUInt32LE(at);
  const commLen = buf.readUInt16LE(at + 24);
  const version = buf.readUInt16LE(at + 26);
  if (version !== FRAME_VERSION) {
    throw new Error(`rankscope: frame version ${version} from a peer, expected ${FRAME_VERSION}: mixed Rankscope versions in one job`);
  }
  const header: FrameHeader = {
    type: buf.readUInt8(at + 4),
    encoding: buf.readUInt8(at + 5),
    dtype: buf.readUInt8(at + 6),
    flags: buf.readUInt8(at + 7),
    tag: buf.readInt32LE(at + 8),
    source: buf.readInt32LE(at + 12),
    seq: buf.readUInt32LE(at + 16),
    size: buf.readUInt32LE(at + 20),
    comm: comms.at(buf, at + HEADER_BYTES, commLen),
  };
  return { header, frameEnd: at + 4 + bodyLen, payloadStart: at + HEADER_BYTES + commLen };
}

/**
 * Chooses where a frame's payload lands. Returning a view lets a posted `Recv(buf)` receive a large
 * message straight into the user's typed array, with no intermediate copy.
 */
export type PayloadTarget = (header: FrameHeader, length: number) => Uint8Array | undefined;

/** Incremental decoder for a byte stream of frames; calls `onFrame` once per complete frame. */
export class FrameDecoder {
  private pending: Buffer | undefined;
  private partial: { header: FrameHeader; payload: Uint8Array; filled: number } | undefined;
  private readonly comms = new CommNames();

  constructor(
    private readonly onFrame: (header: FrameHeader, payload: Uint8Array) => void,
    private readonly target: PayloadTarget = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.partial) {
      buf = this.fillPartial(buf);
      if (buf.length === 0) return;
    }
    if (this.pending) {
      buf = Buffer.concat([this.pending, buf]);
      this.pending = undefined;
    }
    let at = 0;
    while (buf.length - at >= HEADER_BYTES) {
      const commLen = buf.readUInt16LE(at + 24);
      if (buf.length - at < HEADER_BYTES + commLen) break;
      const { header, frameEnd, payloadStart } = decodeHeader(buf, at, this.comms);
      const payloadLen = frameEnd - payloadStart;
      if (frameEnd <= buf.length) {
        const view = buf.subarray(payloadStart, frameEnd);
        const dest = payloadLen > 0 ? this.target(header, payloadLen) : undefined;
        if (dest) dest.set(view);
        this.onFrame(header, dest ?? view);
        at = frameEnd;
        continue;
      }
      // A large payload spans chunks: copy each chunk once into its final place.
      const payload = this.target(header, payloadLen) ?? new Uint8Array(payloadLen);
      const have = buf.subarray(payloadStart);
      payload.set(have);
      this.partial = { header, payload, filled: have.length };
      return;
    }
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
  }

  private fillPartial(chunk: Buffer): Buffer {
    const p = this.partial!;
    const need = p.payload.length - p.filled;
    const take = Math.min(need, chunk.length);
    p.payload.set(chunk.subarray(0, take), p.filled);
    p.filled += take;
    if (p.filled === p.payload.length) {
      this.partial = undefined;
      this.onFrame(p.header, p.payload);
    }
    return chunk.subarray(take);
  }
}

/**
 * Communicator ids as they arrive: a connection carries the same few over and over, so the last
 * ones decoded are kept and known again by their bytes (no string is decoded per frame).
 */
class CommNames {
  private readonly bytes: Buffer[] = [];
  private readonly names: string[] = [];

  at(buf: Buffer, start: number, len: number): string {
    for (let i = 0; i < this.bytes.length; i++) if (sameBytes(this.bytes[i], buf, start, len)) return this.names[i];
    const name = buf.toString('utf8', start, start + len);
    if (this.bytes.length === 4) {
      this.bytes.shift();
      this.names.shift();
    }
    this.bytes.push(Buffer.from(buf.subarray(start, start + len)));
    this.names.push(name);
    return name;
  }
}

function sameBytes(known: Buffer, buf: Buffer, start: number, len: number): boolean {
  if (known.length !== len) return false;
  for (let i = 0; i < len; i++) if (known[i] !== buf[start + i]) return false;
  return true;
}
