/**
 * MPI's rules for the buffers of nonblocking calls: a send buffer must not be written until its
 * request completes (the receiver may get either value), and two pending receives must not share
 * memory (which message lands last is undefined). Real MPI says nothing and the data is quietly
 * wrong; here the first is warned of when the send's request completes (a checksum taken at the
 * call differs), and the second when the second receive is posted (once per pair of lines).
 */
import type { CallSite } from '../../contract/trace-events.js';
import { formatSite } from '../../contract/site-format.js';

/** Send buffers larger than this are not checksummed: the cost would grow with every big message. */
const CHECKSUM_LIMIT = 1 << 22;

interface Guarded {
  bytes: Uint8Array;
  text: string;
  site: CallSite | undefined;
}

const sends = new Map<object, Guarded & { sum: number }>();
const receives = new Map<object, Guarded>();
/** Pairs of lines already warned of (a loop posting overlapping receives says so once). */
const warned = new Set<string>();

/** A nonblocking send (operation `op`) of the caller's own memory `bytes` has started. */
export function guardSend(op: object, bytes: Uint8Array, text: string, site: CallSite | undefined): void {
  if (bytes.byteLength === 0 || bytes.byteLength > CHECKSUM_LIMIT) return;
  sends.set(op, { bytes, text, site, sum: checksum(bytes) });
}

/** A nonblocking receive into `bytes` is posted: no other pending receive may write there. */
export function guardReceive(op: object, bytes: Uint8Array, text: string, site: CallSite | undefined): void {
  if (bytes.byteLength === 0) return;
  const other = [...receives.values()].find((r) => overlaps(bytes, r.bytes));
  const key = `${formatSite(site)} ${other ? formatSite(other.site) : ''}`;
  if (other && !warned.has(key)) {
    warned.add(key);
    process.stderr.write(`rankscope: warning: the receive buffer of ${text} at ${formatSite(site)} overlaps that of ${other.text} at ${formatSite(other.site)}, which is still pending; `
      + 'which message lands there last is undefined: give each pending receive its own memory, or wait for the first.\n');
  }
  receives.set(op, { bytes, text, site });
}

/** Operation `op`'s request completed (or was freed): its buffers are the caller's again. */
export function releaseBuffers(op: object | null | undefined): void {
  if (!op) return;
  receives.delete(op);
  const send = sends.get(op);
  if (!send) return;
  sends.delete(op);
  if (checksum(send.bytes) === send.sum) return;
  process.stderr.write(`rankscope: warning: the send buffer of ${send.text} at ${formatSite(send.site)} was changed before its request completed; `
    + 'the receiver may get the old or the new values. Do not write a send buffer until its wait (or a successful test).\n');
}

function overlaps(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** FNV-1a over the bytes, 4 at a time where they are aligned. */
function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  const words = bytes.byteOffset % 4 === 0 ? Math.floor(bytes.byteLength / 4) : 0;
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  for (let i = 0; i < words; i++) h = Math.imul(h ^ w[i], 0x01000193);
  for (let i = words * 4; i < bytes.byteLength; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
