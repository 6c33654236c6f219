/**
 * Structured clones of a lone scalar — a number, a boolean, null, undefined, a short Latin-1
 * string — written and read without v8's Serializer and Deserializer objects, whose set-up costs
 * more than the small messages MPI programs send most (a count, a sum, a flag, a token). The bytes
 * are v8's own format (its version header and tags, as `v8.serialize` writes them), so either end
 * may take either path; anything else goes through `node:v8`.
 */
import { deserialize, serialize } from 'node:v8';

/** `0xFF <version>`: v8.serialize's header on this Node, read once rather than assumed. */
const HEADER = serialize(undefined).subarray(0, -1);
const H = HEADER.length;
const TAG = { undefined: 0x5f, null: 0x30, true: 0x54, false: 0x46, int32: 0x49, double: 0x4e, oneByteString: 0x22 } as const;
/** Longer strings are left to v8 (checking every character would cost what v8 costs). */
const MAX_STRING = 256;
// eslint-disable-next-line no-control-regex -- the range is every one-byte character, \x00 included on purpose
const LATIN1 = /^[\x00-\xff]*$/;
/** v8 writes a double's 8 bytes in the host's order: so do we, through these. */
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

function withHeader(size: number): Buffer {
  const b = Buffer.allocUnsafe(H + size);
  HEADER.copy(b, 0);
  return b;
}

/** The bytes of v8.serialize(value). */
export function encodeClone(value: unknown): Uint8Array {
  switch (typeof value) {
    case 'number':
      return encodeNumber(value);
    case 'boolean':
      return tagOnly(value ? TAG.true : TAG.false);
    case 'undefined':
      return tagOnly(TAG.undefined);
    case 'string':
      if (value.length <= MAX_STRING && LATIN1.test(value)) return encodeLatin1(value);
      break;
    case 'object':
      if (value === null) return tagOnly(TAG.null);
      break;
  }
  return serialize(value);
}

function tagOnly(tag: number): Buffer {
  const b = withHeader(1);
  b[H] = tag;
  return b;
}

function encodeNumber(n: number): Buffer {
  if (Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff && !Object.is(n, -0)) {
    // v8 writes a small integer as a zig-zag varint.
    let zz = ((n << 1) ^ (n >> 31)) >>> 0;
    const b = withHeader(6);
    b[H] = TAG.int32;
    let at = H + 1;
    while (zz >= 0x80) {
      b[at++] = (zz & 0x7f) | 0x80;
      zz >>>= 7;
    }
    b[at++] = zz;
    return b.subarray(0, at);
  }
  const b = withHeader(9);
  b[H] = TAG.double;
  f64[0] = n;
  b.set(f64Bytes, H + 1);
  return b;
}

function encodeLatin1(s: string): Buffer {
  const b = withHeader(1 + 2 + s.length);
  b[H] = TAG.oneByteString;
  let at = H + 1;
  let len = s.length;
  while (len >= 0x80) {
    b[at++] = (len & 0x7f) | 0x80;
    len >>>= 7;
  }
  b[at++] = len;
  at += b.write(s, at, 'latin1');
  return b.subarray(0, at);
}

/** Whether `bytes` begin as `encodeClone`'s output does (v8's serialisation header). */
export function looksLikeClone(bytes: Uint8Array): boolean {
  return bytes.length > H && bytes[0] === HEADER[0] && bytes[1] === HEADER[1];
}

/** v8.deserialize(bytes). */
export function decodeClone(bytes: Uint8Array): unknown {
  if (bytes.length <= H || bytes[0] !== HEADER[0] || bytes[1] !== HEADER[1]) return deserialize(bytes);
  const tag = bytes[H];
  const end = bytes.length;
  if (end === H + 1) {
    if (tag === TAG.undefined) return undefined;
    if (tag === TAG.null) return null;
    if (tag === TAG.true) return true;
    if (tag === TAG.false) return false;
  }
  if (tag === TAG.double && end === H + 9) {
    f64Bytes.set(bytes.subarray(H + 1, end));
    return f64[0];
  }
  if (tag === TAG.int32 || tag === TAG.oneByteString) {
    const v = readVarint(bytes, H + 1);
    if (v && tag === TAG.int32 && v.next === end) return (v.value >>> 1) ^ -(v.value & 1);
    if (v && tag === TAG.oneByteString && v.next + v.value === end) {
      return Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1', v.next, end);
    }
  }
  return deserialize(bytes);
}

/** A varint of at most 5 bytes (32 bits), or undefined when it runs past the end or longer. */
function readVarint(b: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0; shift < 35 && at < b.length; shift += 7) {
    const byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value <= 0xffffffff ? { value, next: at } : undefined;
  }
  return undefined;
}
