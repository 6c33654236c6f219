/**
 * The hooks Process uses to pass shared objects to a child (see the contract in index.ts):
 * handles out and back (handles.ts), and per-child references to pipe ends, so that an end stays
 * open while a child that was given it lives, as an inherited file descriptor would.
 */
import { installTransferCodec } from '../transfer.js';
import { decodeHandles, encodeHandles, sharedObjectsIn } from './handles.js';
import { closeAfter, Connection } from './pipe.js';

/** Pipe ends this process told their owners that child `index` holds. */
const heldByChild = new Map<number, Set<Connection>>();

/**
 * Child `processIndex` is being started with `value` (its args and fields): every pipe end inside
 * counts as open in that child until it closes it or `releaseProcess(processIndex)`. Call it before
 * the parent can close its own copy, or the other end may see EOF in between.
 */
export function retainHandles(value: unknown, processIndex: number): Promise<void> {
  const ends = sharedObjectsIn(value).filter((o): o is Connection => o instanceof Connection);
  if (ends.length === 0) return Promise.resolve();
  const held = heldByChild.get(processIndex) ?? new Set();
  heldByChild.set(processIndex, held);
  for (const c of ends) held.add(c);
  return Promise.all(ends.map((c) => c.retainFor(processIndex))).then(() => {});
}

/** Child `processIndex` has exited: every reference it held through this process is dropped. */
export function releaseProcess(processIndex: number): Promise<void> {
  const held = heldByChild.get(processIndex);
  heldByChild.delete(processIndex);
  // An owner that has exited has nothing left to release.
  return Promise.all([...(held ?? [])].map((c) => c.releaseFor(processIndex).catch(() => {}))).then(() => {});
}

installTransferCodec({
  encode: (value) => encodeHandles(value, false), // retainHandles holds the pipe ends for the child
  decode: decodeHandles,
  handOver(value, child) {
    const ends = sharedObjectsIn(value).filter((o): o is Connection => o instanceof Connection);
    if (ends.length === 0) return;
    const held = child.then((index) => retainHandles(value, index)).catch(() => {});
    for (const c of ends) closeAfter(c, held);
  },
  release(index) {
    void releaseProcess(index);
  },
});
