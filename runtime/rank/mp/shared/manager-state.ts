/** A manager's state, shared by its proxies' owners: after shutdown() every proxy call fails. */
import { encodeHandles } from './handles.js';
import { ValueError } from './errors.js';

export interface ManagerState {
  running: boolean;
}

export function checkRunning(m: ManagerState, what: string): void {
  if (!m.running) throw new ValueError(`${what}: the manager was shut down; call mgr.shutdown() only after every process is done with its proxies`);
}

/**
 * What a manager's container holds, as a call's arguments would arrive: copies, with shared objects
 * (other proxies, queues) as handles, so `mgr.list([mgr.list([1])])` holds a live inner list.
 */
export function stored<T>(init: T): T {
  return structuredClone(encodeHandles(init)) as T;
}

