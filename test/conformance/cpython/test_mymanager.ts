/**
 * CPython `_TestMyManager` (Lib/test/_test_multiprocessing.py): a BaseManager subclass with
 * registered typeids that make objects of the program's own classes, served behind proxies: every
 * public method by default, an `exposed` list, or a `proxytype` (an iterator over a generator).
 * Python's server is a process of its own, whose `_process.exitcode` the tests check after
 * shutdown; here the serving process is this one, so the check is that the server is gone: a
 * connect() to its address fails (README.md).
 */
import * as mp from 'rankscope/multiprocessing';
import { list } from './pool_helpers.js';
import { main, TestCase } from './unittest.js';

export class FooBar {
  f() {
    return 'f()';
  }
  g(): never {
    throw new mp.ValueError('');
  }
  /** Python's `_h` (every proxy already has an internal `_h`: its handle). */
  _h_() {
    return '_h()';
  }
}

export function* baz(): Generator<number> {
  for (let i = 0; i < 10; i++) yield i * i;
}

export class IteratorProxy extends mp.BaseProxy {
  static _exposed_ = ['next'];
  [Symbol.asyncIterator]() {
    return this;
  }
  next(): Promise<IteratorResult<number>> {
    return this._callmethod('next');
  }
}

export class MyManager extends mp.BaseManager {
  declare Foo: () => Promise<any>;
  declare Bar: () => Promise<any>;
  declare baz: () => Promise<IteratorProxy>;
}
MyManager.register('Foo', { callable: FooBar });
MyManager.register('Bar', { callable: FooBar, exposed: ['f', '_h_'] });
MyManager.register('baz', { callable: baz, proxytype: IteratorProxy });

const SHUTDOWN_TIMEOUT = 1.0;

export class _TestMyManager extends TestCase {
  async test_mymanager() {
    const manager = new MyManager({ shutdown_timeout: SHUTDOWN_TIMEOUT });
    await manager.start();
    await this.common(manager);
    await manager.shutdown();
    await this.assertServerGone(manager); // manager._process.exitcode in (0, -SIGTERM)
  }

  async test_mymanager_context() {
    const manager = new MyManager({ shutdown_timeout: SHUTDOWN_TIMEOUT });
    {
      await using _m = await manager.enter();
      await this.common(manager);
    }
    await this.assertServerGone(manager);
  }

  async test_mymanager_context_prestarted() {
    const manager = new MyManager({ shutdown_timeout: SHUTDOWN_TIMEOUT });
    await manager.start();
    {
      await using _m = await manager.enter();
      await this.common(manager);
    }
    await this.assertServerGone(manager); // manager._process.exitcode == 0
  }

  async common(manager: MyManager) {
    const foo = await manager.Foo();
    const bar = await manager.Bar();
    const baz = await manager.baz();

    const foo_methods = ['f', 'g', '_h_'].filter((name) => typeof foo[name] === 'function');
    const bar_methods = ['f', 'g', '_h_'].filter((name) => typeof bar[name] === 'function');

    this.assertEqual(foo_methods, ['f', 'g']);
    this.assertEqual(bar_methods, ['f', '_h_']);

    this.assertEqual(await foo.f(), 'f()');
    await this.assertRaises(mp.ValueError, () => foo.g());
    this.assertEqual(await foo._callmethod('f'), 'f()');
    await this.assertRaises(mp.RemoteError, () => foo._callmethod('_h_'));

    this.assertEqual(await bar.f(), 'f()');
    this.assertEqual(await bar._h_(), '_h()');
    this.assertEqual(await bar._callmethod('f'), 'f()');
    this.assertEqual(await bar._callmethod('_h_'), '_h()');

    this.assertEqual(await list(baz), [...Array(10).keys()].map((i) => i * i));
  }

  /** After shutdown nothing serves at the manager's address any more. */
  async assertServerGone(manager: MyManager) {
    const probe = new MyManager({ address: manager.address });
    await this.assertRaises(Error, () => probe.connect());
  }
}

await main([_TestMyManager]);
