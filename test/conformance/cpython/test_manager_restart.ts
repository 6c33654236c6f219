/**
 * CPython `_TestRemoteManager` and `_TestManagerRestart` (Lib/test/_test_multiprocessing.py): a
 * BaseManager subclass serving a queue at a TCP address with an authkey, used from a child that
 * connects with the address and key (QueueManager2 registers the typeid without a callable); then
 * a new manager started at once on the address an earlier server had bound.
 * Python's queue.Queue served by the manager is an `mp.Queue` (a shared object: its proxy goes out).
 */
import * as crypto from 'node:crypto';
import * as mp from 'rankscope/multiprocessing';
import { main, sleep, TestCase } from './unittest.js';

const SHUTDOWN_TIMEOUT = 1.0; // a manager's shutdown_timeout: accepted (our server stops at once)
const HOST = '127.0.0.1'; // socket_helper.HOST
const SERIALIZER = 'xmlrpclib';

const _queue = new mp.Queue();
export function get_queue(): mp.Queue {
  return _queue;
}

/** manager class used by server process */
export class QueueManager extends mp.BaseManager {
  declare get_queue: () => Promise<mp.Queue>;
}
QueueManager.register('get_queue', { callable: get_queue });

/** manager class which specifies the same interface as QueueManager */
export class QueueManager2 extends mp.BaseManager {
  declare get_queue: () => Promise<mp.Queue>;
}
QueueManager2.register('get_queue');

export class _TestRemoteManager extends TestCase {
  static values = ['hello world', null, true, 2.25, 'hall\xe5 v\xe4rlden', '\u043f\u0440\u0438\u0432\u0456\u0442 \u0441\u0432\u0456\u0442', Buffer.from('hall\xe5 v\xe4rlden', 'latin1')];
  static result = [..._TestRemoteManager.values];

  async test_remote() {
    const authkey = crypto.randomBytes(32);

    const manager = new QueueManager({ address: [HOST, 0], authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
    await manager.start();
    try {
      const p = new mp.Process({ target: _TestRemoteManager__putter, args: [manager.address, authkey] });
      p.daemon = true;
      await p.start();

      const manager2 = new QueueManager2({ address: manager.address, authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
      await manager2.connect();
      const queue = await manager2.get_queue();

      this.assertEqual(await queue.get(), _TestRemoteManager.result);

      // Because we are using xmlrpclib for serialization instead of
      // pickle this will cause a serialization error.
      await this.assertRaises(Error, () => queue.put(sleep));
      await p.join();
    } finally {
      await manager.shutdown(); // addCleanup(manager.shutdown)
    }
  }
}

export async function _TestRemoteManager__putter(address: mp.Address, authkey: Uint8Array): Promise<void> {
  const manager = new QueueManager2({ address, authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
  await manager.connect();
  const queue = await manager.get_queue();
  // Note that xmlrpclib will deserialize object as a list not a tuple
  await queue.put([..._TestRemoteManager.values]);
}

export async function _putter(address: mp.Address, authkey: Uint8Array): Promise<void> {
  const manager = new QueueManager({ address, authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
  await manager.connect();
  const queue = await manager.get_queue();
  await queue.put('hello world');
}

export class _TestManagerRestart extends TestCase {
  async test_rapid_restart() {
    const authkey = crypto.randomBytes(32);
    let manager = new QueueManager({ address: [HOST, 0], authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
    let addr: mp.Address;
    try {
      const srvr = await manager.getServer();
      addr = srvr.address;
      // Close the connection.Listener socket which gets opened as a part
      // of manager.get_server(). It's not needed for the test.
      srvr.listener.close();
      await manager.start();

      const p = new mp.Process({ target: _putter, args: [manager.address, authkey] });
      await p.start();
      await p.join();
      const queue = await manager.get_queue();
      this.assertEqual(await queue.get(), 'hello world');
    } finally {
      if ('shutdown' in manager) await manager.shutdown();
    }

    manager = new QueueManager({ address: addr, authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
    try {
      await manager.start();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      // Retry after some time, in case the old socket was lingering
      // (sporadic failure on buildbots)
      await new Promise((r) => setTimeout(r, 1000));
      manager = new QueueManager({ address: addr, authkey, serializer: SERIALIZER, shutdown_timeout: SHUTDOWN_TIMEOUT });
    }
    await manager.shutdown(); // addCleanup(manager.shutdown)
  }
}

await main([_TestRemoteManager, _TestManagerRestart]);
