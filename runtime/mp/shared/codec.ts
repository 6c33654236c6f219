/**
 * Shared objects crossing to a child process: `encodeHandles` swaps each for its handle,
 * `decodeHandles` swaps handles back — for the original object in its owner, a proxy elsewhere.
 * `retain`/`release` keep pipe ends open in a child for as long as it lives (see pipe.ts).
 */
import { installTransferCodec } from '../transfer.js';
import { proxyFor, SharedObject } from './base.js';
import { Connection } from './pipe.js';
import { HANDLE_MARK, type HandleData } from './protocol.js';
import { isOwnAddress, localObject } from './registry.js';

function isPlain(x: object): boolean {
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

export function encodeHandles(value: unknown): unknown {
  if (value instanceof SharedObject) return { [HANDLE_MARK]: value.handle() };
  if (Array.isArray(value)) return value.map(encodeHandles);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, encodeHandles(v)]));
  if (value && typeof value === 'object' && isPlain(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeHandles(v)]));
  }
  return value;
}

export function decodeHandles(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeHandles);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, decodeHandles(v)]));
  if (value && typeof value === 'object' && isPlain(value)) {
    const h = (value as Record<string, unknown>)[HANDLE_MARK] as HandleData | undefined;
    if (h) return (isOwnAddress(h.owner) && localObject(h.id)) || proxyFor(h);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeHandles(v)]));
  }
  return value;
}

function connectionsIn(value: unknown, out: Connection[] = []): Connection[] {
  if (value instanceof Connection) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => connectionsIn(v, out));
  else if (value instanceof Map) [...value.values()].forEach((v) => connectionsIn(v, out));
  else if (value && typeof value === 'object' && isPlain(value)) Object.values(value).forEach((v) => connectionsIn(v, out));
  return out;
}

const heldByChild = new Map<number, Connection[]>();

installTransferCodec({
  encode: encodeHandles,
  decode: decodeHandles,
  retain(value, index) {
    const ends = connectionsIn(value);
    if (ends.length === 0) return;
    heldByChild.set(index, ends);
    for (const c of ends) void c.retainFor(index);
  },
  release(index) {
    for (const c of heldByChild.get(index) ?? []) void c.releaseFor(index).catch(() => {});
    heldByChild.delete(index);
  },
});
