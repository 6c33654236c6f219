/**
 * CPython `_TestPool` (Lib/test/_test_multiprocessing.py), 'processes' flavour: Pool's apply, map,
 * starmap, imap, imap_unordered and their async forms, errors from the iterable and from tasks,
 * terminate, the context manager. The class's pool (setUpClass) is made once, on first use.
 */
import { inspect } from 'node:util';
import * as mp from 'rankscope/multiprocessing';
import { exception_throwing_generator, list, next, range, SayWhenError, sorted, sqr, StopIteration } from './pool_helpers.js';
import { main, monotonic, sleep, support, TestCase, TimingWrapper, TIMEOUT1, TIMEOUT2 } from './unittest.js';

// Workers re-import this file and find their functions here, by name.
export { identity, mul, raise_large_valuerror, sqr, time_sleep } from './pool_helpers.js';
import { mul, raise_large_valuerror, time_sleep } from './pool_helpers.js';

export function _test_traceback(): never {
  throw new mp.RuntimeError(String(123)); // some comment
}

export function _test_wrapped_exception(): never {
  throw new mp.RuntimeError('foo');
}

const squares = (xs: number[]): number[] => xs.map((x) => x * x);

export class _TestPool extends TestCase {
  /** setUpClass's `cls.pool = cls.Pool(4)`; terminated after the run (tearDownClass). */
  static shared: mp.Pool | null = null;
  get pool(): mp.Pool {
    return (_TestPool.shared ??= new mp.Pool(4));
  }

  async test_apply() {
    const papply = this.pool.apply.bind(this.pool);
    this.assertEqual(await papply(sqr, [5]), sqr(5));
    this.assertEqual(await papply(sqr, [], { kwds: { x: 3 } }), sqr({ x: 3 }));
  }

  async test_map() {
    const pmap = this.pool.map.bind(this.pool);
    this.assertEqual(await pmap(sqr, range(10)), squares(range(10)));
    this.assertEqual(await pmap(sqr, range(100), { chunksize: 20 }), squares(range(100)));
  }

  async test_starmap() {
    const psmap = this.pool.starmap.bind(this.pool);
    let tuples = range(10).map((i) => [i, 9 - i]);
    this.assertEqual(await psmap(mul, tuples), tuples.map(([a, b]) => mul(a, b)));
    tuples = range(100).map((i) => [i, 99 - i]);
    this.assertEqual(await psmap(mul, tuples, { chunksize: 20 }), tuples.map(([a, b]) => mul(a, b)));
  }

  async test_starmap_async() {
    const tuples = range(100).map((i) => [i, 99 - i]);
    this.assertEqual(await this.pool.starmapAsync(mul, tuples).get(), tuples.map(([a, b]) => mul(a, b)));
  }

  async test_map_async() {
    this.assertEqual(await this.pool.mapAsync(sqr, range(10)).get(), squares(range(10)));
  }

  async test_map_async_callbacks() {
    const call_args: unknown[] = []; // processes flavour: a plain list (the callbacks run here)
    await this.pool.mapAsync(toInt, ['1'], { callback: (v: unknown) => call_args.push(v), error_callback: (e: unknown) => call_args.push(e) }).wait();
    this.assertEqual(1, call_args.length);
    this.assertEqual([1], call_args[0]);
    await this.pool.mapAsync(toInt, ['a'], { callback: (v: unknown) => call_args.push(v), error_callback: (e: unknown) => call_args.push(e) }).wait();
    this.assertEqual(2, call_args.length);
    this.assertIsInstance(call_args[1], mp.ValueError);
  }

  async test_map_unplicklable() {
    // Issue #19425 -- failure to pickle should not cause a hang
    if ((this.TYPE as string) === 'threads') this.skipTest(`test not appropriate for ${this.TYPE}`);
    // Python's class whose __reduce__ raises: an object whose copying raises.
    const A = (): object => ({
      get state(): never {
        throw new mp.RuntimeError('cannot pickle');
      },
    });
    const a = A();
    await this.assertRaises(mp.RuntimeError, () => this.pool.map(sqr, Array(10).fill(a)));
  }

  async test_map_chunksize() {
    try {
      await this.pool.mapAsync(sqr, [], { chunksize: 1 }).get({ timeout: TIMEOUT1 });
    } catch (e) {
      if (e instanceof mp.TimeoutError) this.fail('pool.map_async with chunksize stalled on null list');
      throw e;
    }
  }

  async test_map_handle_iterable_exception() {
    if ((this.TYPE as string) === 'manager') this.skipTest(`test not appropriate for ${this.TYPE}`);
    // SayWhenError seen at the very first of the iterable
    await this.assertRaises(SayWhenError, () => this.pool.map(sqr, exception_throwing_generator(1, -1), 1));
    // again, make sure it's reentrant
    await this.assertRaises(SayWhenError, () => this.pool.map(sqr, exception_throwing_generator(1, -1), 1));
    await this.assertRaises(SayWhenError, () => this.pool.map(sqr, exception_throwing_generator(10, 3), 1));

    class SpecialIterable implements Iterable<number>, Iterator<number> {
      [Symbol.iterator]() {
        return this;
      }
      next(): IteratorResult<number> {
        throw new SayWhenError();
      }
      get length() {
        return 1;
      }
    }
    await this.assertRaises(SayWhenError, () => this.pool.map(sqr, new SpecialIterable(), 1));
    await this.assertRaises(SayWhenError, () => this.pool.map(sqr, new SpecialIterable(), 1));
  }

  async test_async() {
    const res = this.pool.applyAsync(sqr, [7, TIMEOUT1]);
    const get = new TimingWrapper(() => res.get());
    this.assertEqual(await get.call(), 49);
    this.assertTimingAlmostEqual(get.elapsed, TIMEOUT1);
  }

  async test_async_timeout() {
    const p = new mp.Pool(3);
    try {
      const event = null; // threading.Event() only for 'threads'
      const res = p.applyAsync(sqr, [6, TIMEOUT2 + support.SHORT_TIMEOUT, event]);
      const get = new TimingWrapper((o: { timeout: number }) => res.get(o));
      await this.assertRaises(mp.TimeoutError, () => get.call({ timeout: TIMEOUT2 }));
      this.assertTimingAlmostEqual(get.elapsed, TIMEOUT2);
    } finally {
      p.terminate();
      await p.join();
    }
  }

  async test_imap() {
    let it = this.pool.imap(sqr, range(10));
    this.assertEqual(await list(it), squares(range(10)));

    it = this.pool.imap(sqr, range(10));
    for (const i of range(10)) this.assertEqual(await next(it), i * i);
    await this.assertRaises(StopIteration, () => next(it));

    it = this.pool.imap(sqr, range(1000), { chunksize: 100 });
    for (const i of range(1000)) this.assertEqual(await next(it), i * i);
    await this.assertRaises(StopIteration, () => next(it));
  }

  async test_imap_handle_iterable_exception() {
    if ((this.TYPE as string) === 'manager') this.skipTest(`test not appropriate for ${this.TYPE}`);
    // SayWhenError seen at the very first of the iterable
    let it = this.pool.imap(sqr, exception_throwing_generator(1, -1), 1);
    await this.assertRaises(SayWhenError, () => next(it));
    // again, make sure it's reentrant
    it = this.pool.imap(sqr, exception_throwing_generator(1, -1), 1);
    await this.assertRaises(SayWhenError, () => next(it));

    it = this.pool.imap(sqr, exception_throwing_generator(10, 3), 1);
    for (const i of range(3)) this.assertEqual(await next(it), i * i);
    await this.assertRaises(SayWhenError, () => next(it));

    // SayWhenError seen at start of problematic chunk's results
    it = this.pool.imap(sqr, exception_throwing_generator(20, 7), 2);
    for (const i of range(6)) this.assertEqual(await next(it), i * i);
    await this.assertRaises(SayWhenError, () => next(it));
    it = this.pool.imap(sqr, exception_throwing_generator(20, 7), 4);
    for (const i of range(4)) this.assertEqual(await next(it), i * i);
    await this.assertRaises(SayWhenError, () => next(it));
  }

  async test_imap_unordered() {
    let it = this.pool.imapUnordered(sqr, range(10));
    this.assertEqual(sorted(await list(it)), squares(range(10)));

    it = this.pool.imapUnordered(sqr, range(1000), { chunksize: 100 });
    this.assertEqual(sorted(await list(it)), squares(range(1000)));
  }

  async test_imap_unordered_handle_iterable_exception() {
    if ((this.TYPE as string) === 'manager') this.skipTest(`test not appropriate for ${this.TYPE}`);
    // SayWhenError seen at the very first of the iterable
    let it = this.pool.imapUnordered(sqr, exception_throwing_generator(1, -1), 1);
    await this.assertRaises(SayWhenError, () => next(it));
    // again, make sure it's reentrant
    it = this.pool.imapUnordered(sqr, exception_throwing_generator(1, -1), 1);
    await this.assertRaises(SayWhenError, () => next(it));

    it = this.pool.imapUnordered(sqr, exception_throwing_generator(10, 3), 1);
    let expected_values = squares(range(10));
    await this.assertRaises(SayWhenError, async () => {
      // imap_unordered makes it difficult to anticipate the SayWhenError
      for (const _i of range(10)) {
        const value = await next(it);
        this.assertIn(value, expected_values);
        expected_values.splice(expected_values.indexOf(value), 1);
      }
    });

    it = this.pool.imapUnordered(sqr, exception_throwing_generator(20, 7), 2);
    expected_values = squares(range(20));
    await this.assertRaises(SayWhenError, async () => {
      for (const _i of range(20)) {
        const value = await next(it);
        this.assertIn(value, expected_values);
        expected_values.splice(expected_values.indexOf(value), 1);
      }
    });
  }

  async test_make_pool() {
    const expected_error = mp.ValueError; // RemoteError only for 'manager'
    await this.assertRaises(expected_error, () => new mp.Pool(-1));
    await this.assertRaises(expected_error, () => new mp.Pool(0));

    const p = new mp.Pool(3);
    try {
      this.assertEqual(3, (await p._pool()).length);
    } finally {
      p.close();
      await p.join();
    }
  }

  async test_terminate() {
    // Simulate slow tasks which take "forever" to complete
    const sleep_time = support.LONG_TIMEOUT;
    const p = new mp.Pool(3);
    const args = range(10_000).map(() => sleep_time);
    const result = p.mapAsync(time_sleep, args, { chunksize: 1 });
    void result;
    await sleep(0.2); // give some tasks a chance to start
    p.terminate();
    await p.join();
  }

  async test_empty_iterable() {
    // See Issue 12157
    const p = new mp.Pool(1);
    this.assertEqual(await p.map(sqr, []), []);
    this.assertEqual(await list(p.imap(sqr, [])), []);
    this.assertEqual(await list(p.imapUnordered(sqr, [])), []);
    this.assertEqual(await p.mapAsync(sqr, []).get(), []);
    p.close();
    await p.join();
  }

  async test_context() {
    const L = range(10);
    const expected = L.map((i) => sqr(i));
    let p: mp.Pool;
    {
      await using q = new mp.Pool(2);
      p = q;
      const r = p.mapAsync(sqr, L);
      this.assertEqual(await r.get(), expected);
    }
    await p.join();
    await this.assertRaises(mp.ValueError, () => p.mapAsync(sqr, L));
  }

  async test_traceback() {
    // We want ensure that the traceback from the child process is
    // contained in the traceback raised in the main process.
    let exc: Error | undefined;
    let p: mp.Pool;
    {
      await using q = new mp.Pool(1);
      p = q;
      try {
        await p.apply(_test_traceback);
        this.fail('expected RuntimeError');
      } catch (e) {
        exc = e as Error;
      }
    }
    await p.join();
    this.assertIs(Object.getPrototypeOf(exc), mp.RuntimeError.prototype);
    this.assertEqual(exc!.message, String(123)); // exc.args == (123,)
    const cause = exc!.cause as mp.RemoteTraceback;
    this.assertIs(Object.getPrototypeOf(cause), mp.RemoteTraceback.prototype);
    this.assertIn('throw new mp.RuntimeError(String(123)); // some comment', cause.tb);

    // sys.excepthook(*sys.exc_info()) → what Node prints for an uncaught error
    const f1 = inspect(exc);
    this.assertIn('throw new mp.RuntimeError(String(123)); // some comment', f1);
    // _helper_reraises_exception should not make the error a remote exception
    {
      await using q = new mp.Pool(1);
      p = q;
      try {
        await p.map(sqr, exception_throwing_generator(1, -1), 1);
        this.fail('expected SayWhenError');
      } catch (e) {
        exc = e as Error;
      }
      this.assertIs(Object.getPrototypeOf(exc), SayWhenError.prototype);
      this.assertIsNone(exc!.cause);
    }
    await p.join();
  }

  async test_wrapped_exception() {
    // Issue #20980: Should not wrap exception when using thread pool
    let p: mp.Pool;
    {
      await using q = new mp.Pool(1);
      p = q;
      await this.assertRaises(mp.RuntimeError, () => p.apply(_test_wrapped_exception));
    }
    await p.join();
  }

  async test_map_no_failfast() {
    // Issue #23992: the fail-fast behaviour when an exception is raised
    // during map() would make Pool.join() deadlock.
    const t_start = monotonic();
    await this.assertRaises(mp.ValueError, async () => {
      await using p = new mp.Pool(2);
      try {
        await p.map(raise_large_valuerror, [0, 1]);
      } finally {
        await sleep(0.5);
        p.close();
        await p.join();
      }
    });
    // check that we indeed waited for all jobs
    this.assertGreater(monotonic() - t_start, 0.9);
  }

  async test_release_task_refs() {
    // Skipped (see main below): weakref.ref(o)() after gc_collect() and __del__ counting.
  }

  async test_enter() {
    const pool = new mp.Pool(1);
    {
      await using _p = pool.enter();
      // call pool.terminate()
    }
    // pool is no longer running
    await this.assertRaises(mp.ValueError, async () => {
      // bpo-35477: pool.__enter__() fails if the pool is not running
      await using _p = pool.enter();
    });
    await pool.join();
  }

  async test_resource_warning() {
    // Skipped (see main below): warnings_helper.check_warnings around a collected pool.
  }
}

/** Python's `int('a')`: a ValueError for what is not an integer. */
export function toInt(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new mp.ValueError(`invalid literal for int() with base 10: '${s}'`);
  return Number(s);
}

await main([_TestPool], {
  '_TestPool.test_release_task_refs': 'weakref and gc: counting freed arguments needs deterministic collection (V8 frees objects when it chooses; gc() needs --expose-gc)',
  '_TestPool.test_resource_warning': "ResourceWarning from a pool's __del__ at collection: JavaScript has no destructors",
});
_TestPool.shared?.terminate(); // tearDownClass
