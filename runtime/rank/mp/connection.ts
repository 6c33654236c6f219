/**
 * `mp.connection`: Python's `multiprocessing.connection` module — `wait()` over connections and
 * process sentinels, `Listener`/`Client` (connections by address), `Connection` and `Pipe`.
 */
import { pyArgs, timeoutArg } from './py-args.js';
import type { TimeoutOptions } from './options.js';
import { holding } from '../liveness.js';
import { childExit } from './children.js';
import { parentProcess } from './parent.js';
import { childBySentinel } from './process.js';
import { Connection } from './shared/pipe.js';
import { ValueError } from './shared/errors.js';
import { SocketConnection } from './socket-connection.js';

export { Connection, Pipe } from './shared/pipe.js';
export { Listener, Client, families, addressType, type Address, type Family } from './listener.js';
export { SocketConnection } from './socket-connection.js';

/** What `wait` takes: pipe ends (ready when `poll()` is) and sentinels (`p.sentinel`, `parentProcess().sentinel`; ready once that process has ended). */
export type Waitable = Connection | SocketConnection | number;

/** The longest sleep between two looks: waiting sleeps in the event loop, it never spins. */
const MAX_SLEEP_MS = 50;

async function ready(o: Waitable): Promise<boolean> {
  if (o instanceof Connection || o instanceof SocketConnection) return o.poll();
  if (typeof o !== 'number') throw new TypeError(`connection.wait(): expected Connection objects or sentinels (numbers), got ${typeof o}`);
  const child = childBySentinel(o);
  if (child) return childExit(o) !== undefined;
  const parent = parentProcess();
  if (parent && parent.sentinel === o) return !parent.isAlive();
  throw new ValueError(`connection.wait(): ${o} is not the sentinel of a child process of this process or of its parent`);
}

/**
 * Python's `multiprocessing.connection.wait(object_list, timeout=None)`: waits until at least one
 * of the objects is ready, or `timeout` seconds (null: no limit), and resolves to the ready ones,
 * in the order given (an empty array after a timeout).
 */
export function wait(objectList: Iterable<Waitable>, timeout?: number | null): Promise<Waitable[]>;
export function wait(objectList: Iterable<Waitable>, options: TimeoutOptions): Promise<Waitable[]>;
export function wait(objectList: Iterable<Waitable>, ...args: unknown[]): Promise<Waitable[]> {
  const objects = [...objectList];
  let timeout: number | undefined;
  try {
    timeout = timeoutArg('connection.wait', pyArgs('connection.wait', args, ['timeout']).timeout);
  } catch (err) {
    return Promise.reject(err);
  }
  const deadline = timeout === undefined ? Infinity : Date.now() + timeout * 1000;
  return holding(
    (async () => {
      for (let sleepMs = 2; ; sleepMs = Math.min(MAX_SLEEP_MS, sleepMs * 2)) {
        const flags = await Promise.all(objects.map(ready));
        const found = objects.filter((_, i) => flags[i]);
        const left = deadline - Date.now();
        if (found.length > 0 || left <= 0) return found;
        await new Promise((r) => setTimeout(r, Math.min(sleepMs, left)));
      }
    })(),
  );
}
