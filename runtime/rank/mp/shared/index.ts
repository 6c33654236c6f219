/**
 * Objects shared between processes: queues, pipes, locks, events, barriers, values and managers.
 *
 * Model. Every object lives in the process that created it (its owner), which serves it to other
 * processes over one Unix socket, `<jobDir>/obj-<pid>.sock`, started when it first hands out a
 * handle. Elsewhere an object is a proxy holding `{kind, owner, id}`; its methods are requests to
 * the owner, and blocking ones wait there, in the owner's event loop, with server-side timers.
 *
 * Hooks for Process (the lead's side; already wired through ../transfer.ts's codec):
 *
 * - `encodeHandles(value)` → a clone-safe copy of `value` with each shared object replaced by
 *   `{ __rankscopeHandle: {kind, owner, id} }` (walks arrays, plain objects, Maps, Sets and the own
 *   enumerable fields of class instances; cycles and shared references are kept).
 * - `decodeHandles(value)` → the inverse, in the receiving process: a live proxy of the right class,
 *   or the original object when the receiver is the owner. A pipe end revived this way registers
 *   the receiving process as one of its holders.
 * - `retainHandles(value, processIndex)`: the parent calls it when it starts child `processIndex`
 *   with `value` (its args and fields), BEFORE `start()` resolves, so the parent's own later
 *   `close()` of a pipe end cannot make the other end see EOF before the child has registered.
 *   Every pipe end inside `value` then counts as open in that child.
 * - `releaseProcess(processIndex)`: the parent calls it once that child has exited; the ends it
 *   held are released (a child that closed them itself, or whose connection to the owner closed
 *   at exit, is already released: both are idempotent).
 *
 * Only pipe ends are reference-counted: the other objects need no per-process state, and an RLock
 * held by a process that exits stays held, as in Python.
 */
import './codec.js';

export { Queue, JoinableQueue, SimpleQueue } from './queues.js';
export { Pipe, Connection } from './pipe.js';
export { Lock, RLock, Semaphore, BoundedSemaphore } from './locks.js';
export { Event, Condition, Barrier } from './events.js';
export { Value, Array, RawValue, RawArray, SharedValue, SharedArray, type LockOption } from './values.js';
export { Manager, SyncManager, DictProxy, ListProxy, NamespaceProxy, PoolProxy, SetProxy } from './manager.js';
export { BaseManager, Server, type Address } from './base-manager.js';
export { Empty, Full, EOFError, BrokenBarrierError, ValueError, MaybeEncodingError, KeyError, RuntimeError, AttributeError, OSError, ShutDown, BufferTooShort, RemoteError, AuthenticationError } from './errors.js';
export { BaseProxy, AutoProxy } from './base-proxy.js';
export { encodeHandles, decodeHandles } from './handles.js';
export { retainHandles, releaseProcess } from './codec.js';
