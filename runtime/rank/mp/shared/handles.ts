/**
 * Shared objects inside ordinary values: `encodeHandles` swaps each for a marker
 * `{ __rankscopeHandle: {kind, owner, id} }` that survives a v8 clone; `decodeHandles` swaps markers
 * back — for the original object in its owner process, a proxy of the right class elsewhere.
 *
 * Both walk arrays, plain objects, Maps, Sets and the own enumerable fields of class instances
 * (which a v8 clone turns into plain objects anyway). Values seen twice are converted once, so
 * shared references and cycles come out as they went in, as with structuredClone.
 */
import { proxyFor, SharedObject } from './base.js';
import { HANDLE_MARK, type HandleData } from './protocol.js';
import { isOwnAddress, localObject } from './registry.js';

/** Objects the structured clone copies as they are: nothing inside them to swap. */
function isLeaf(x: object): boolean {
  return (
    ArrayBuffer.isView(x) || x instanceof ArrayBuffer || x instanceof Date || x instanceof RegExp || x instanceof Error ||
    x instanceof Boolean || x instanceof Number || x instanceof String || (typeof SharedArrayBuffer !== 'undefined' && x instanceof SharedArrayBuffer)
  );
}

type Swap = (x: object) => unknown; // undefined: not swapped

/** Copies containers, applying `swap` first to every object (undefined: not swapped, walk into it). */
function walk(value: unknown, swap: Swap, seen: Map<object, unknown>): unknown {
  if (!value || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const swapped = swap(value);
  if (swapped !== undefined) {
    seen.set(value, swapped);
    return swapped;
  }
  if (isLeaf(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(walk(v, swap, seen));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(walk(k, swap, seen), walk(v, swap, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(walk(v, swap, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, swap, seen);
  return out;
}

/**
 * `value` with every shared object inside it replaced by its handle marker. `trip`: the value goes
 * in a message (a pipe end is held for the trip); a child's start payload has holds of its own.
 */
export function encodeHandles(value: unknown, trip = true): unknown {
  return walk(value, (x) => (x instanceof SharedObject ? { [HANDLE_MARK]: trip ? x.encodeFor() : x.handle() } : undefined), new Map());
}

/** `value` with every handle marker replaced by a live object: the original in its owner, else a proxy. */
export function decodeHandles(value: unknown): unknown {
  return walk(value, (x) => {
    const h = (x as Record<string, unknown>)[HANDLE_MARK] as HandleData | undefined;
    if (!h || typeof h !== 'object' || typeof h.kind !== 'string') return undefined;
    const own = isOwnAddress(h.owner) ? localObject(h.id) : undefined;
    if (own) {
      if (own instanceof SharedObject) own.received(h);
      return own;
    }
    const proxy = proxyFor(h);
    proxy.revived();
    return proxy;
  }, new Map());
}

/** Every shared object inside `value` (same walk as encodeHandles). */
export function sharedObjectsIn(value: unknown): SharedObject[] {
  const found = new Set<SharedObject>();
  walk(value, (x) => (x instanceof SharedObject ? (found.add(x), x) : undefined), new Map());
  return [...found];
}
