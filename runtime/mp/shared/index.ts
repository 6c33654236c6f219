/** Objects shared between processes: queues, pipes, locks, events, barriers, values and managers. */
import './codec.js';

export { Queue, JoinableQueue, SimpleQueue } from './queues.js';
export { Pipe, Connection } from './pipe.js';
export { Lock, RLock, Semaphore, BoundedSemaphore } from './locks.js';
export { Event, Condition, Barrier } from './events.js';
export { Value, Array } from './values.js';
export { Manager, SyncManager, DictProxy, ListProxy, NamespaceProxy } from './manager.js';
export { Empty, Full, EOFError, BrokenBarrierError, ValueError } from './errors.js';
export { encodeHandles, decodeHandles } from './codec.js';
