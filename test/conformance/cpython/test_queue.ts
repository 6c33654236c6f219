// Port of CPython Lib/test/_test_multiprocessing.py: _TestQueue (conventions: README.md).
// Targets are the file's exported functions: a child re-imports the file.
import * as mp from 'rankscope/multiprocessing';
import {
  _wait, close_queue, DELTA, main, monotonic, ProcessFuture, sleep, support, TestCase, TIMEOUT1, TIMEOUT2, TIMEOUT3, TimingWrapper, type Listed,
} from './unittest.js';

export { ProcessFuture_target } from './unittest.js';

async function queue_empty(q: mp.Queue): Promise<boolean> {
  return q.empty();
}

async function queue_full(q: mp.Queue, _maxsize: number): Promise<boolean> {
  return q.full();
}

export async function _test_put(queue: mp.Queue, child_can_start: mp.Event, parent_can_continue: mp.Event) {
  await child_can_start.wait();
  for (let i = 0; i < 6; i++) await queue.get();
  await parent_can_continue.set();
}

export async function _test_get(queue: mp.Queue, child_can_start: mp.Event, parent_can_continue: mp.Event) {
  await child_can_start.wait();
  // queue.put(1)
  await queue.put(2);
  await queue.put(3);
  await queue.put(4);
  await queue.put(5);
  await parent_can_continue.set();
}

export async function _test_fork(queue: mp.Queue) {
  for (let i = 10; i < 20; i++) await queue.put(i);
}

export async function _test_task_done(q: mp.JoinableQueue) {
  for (let obj = await q.get(); obj !== null; obj = await q.get()) {
    await sleep(DELTA);
    await q.taskDone();
  }
}

/** The bound methods CPython's tests hand to ProcessFuture, as functions of the queue. */
async function _join_worker(q: mp.JoinableQueue) {
  await q.join();
}
async function _put(q: mp.Queue, obj: unknown) {
  await q.put(obj);
}
async function _get(q: mp.Queue) {
  return q.get();
}
ProcessFuture.register({ _join_worker, _put, _get });

/** An object that cannot be sent to another process (Python's NotSerializable, whose __reduce__ raises). */
function NotSerializable() {
  return { reduce: () => undefined };
}

class _TestQueue extends TestCase {
  async test_put() {
    const MAXSIZE = 6;
    const queue = new mp.Queue({ maxsize: MAXSIZE });
    const child_can_start = new mp.Event();
    const parent_can_continue = new mp.Event();

    const proc = new mp.Process({ target: _test_put, args: [queue, child_can_start, parent_can_continue] });
    proc.daemon = true;
    await proc.start();

    this.assertEqual(await queue_empty(queue), true);
    this.assertEqual(await queue_full(queue, MAXSIZE), false);

    await queue.put(1);
    await queue.put(2, true);
    await queue.put(3, true, null);
    await queue.put(4, false);
    await queue.put(5, false, null);
    await queue.putNowait(6);

    // the values may be in buffer but not yet in pipe so sleep a bit
    await sleep(DELTA);

    this.assertEqual(await queue_empty(queue), false);
    this.assertEqual(await queue_full(queue, MAXSIZE), true);

    const put = new TimingWrapper((...a: unknown[]) => queue.put(...(a as [unknown])));
    const put_nowait = new TimingWrapper((x: unknown) => queue.putNowait(x));

    await this.assertRaises(mp.Full, () => put.call(7, false));
    this.assertTimingAlmostEqual(put.elapsed, 0);

    await this.assertRaises(mp.Full, () => put.call(7, false, null));
    this.assertTimingAlmostEqual(put.elapsed, 0);

    await this.assertRaises(mp.Full, () => put_nowait.call(7));
    this.assertTimingAlmostEqual(put_nowait.elapsed, 0);

    await this.assertRaises(mp.Full, () => put.call(7, true, TIMEOUT1));
    this.assertTimingAlmostEqual(put.elapsed, TIMEOUT1);

    await this.assertRaises(mp.Full, () => put.call(7, false, TIMEOUT2));
    this.assertTimingAlmostEqual(put.elapsed, 0);

    await this.assertRaises(mp.Full, () => put.call(7, true, { timeout: TIMEOUT3 }));
    this.assertTimingAlmostEqual(put.elapsed, TIMEOUT3);

    await child_can_start.set();
    await parent_can_continue.wait();

    this.assertEqual(await queue_empty(queue), true);
    this.assertEqual(await queue_full(queue, MAXSIZE), false);

    await proc.join();
    await close_queue(queue);
  }

  async test_get() {
    const queue = new mp.Queue();
    const child_can_start = new mp.Event();
    const parent_can_continue = new mp.Event();

    const proc = new mp.Process({ target: _test_get, args: [queue, child_can_start, parent_can_continue] });
    proc.daemon = true;
    await proc.start();

    this.assertEqual(await queue_empty(queue), true);

    await child_can_start.set();
    await parent_can_continue.wait();

    await sleep(DELTA);
    this.assertEqual(await queue_empty(queue), false);

    // Hangs unexpectedly, remove for now
    // this.assertEqual(await queue.get(), 1);
    this.assertEqual(await queue.get(true, null), 2);
    this.assertEqual(await queue.get(true), 3);
    this.assertEqual(await queue.get({ timeout: 1 }), 4);
    this.assertEqual(await queue.getNowait(), 5);

    this.assertEqual(await queue_empty(queue), true);

    const get = new TimingWrapper((...a: unknown[]) => queue.get(...(a as [boolean?, number?])));
    const get_nowait = new TimingWrapper(() => queue.getNowait());

    await this.assertRaises(mp.Empty, () => get.call(false));
    this.assertTimingAlmostEqual(get.elapsed, 0);

    await this.assertRaises(mp.Empty, () => get.call(false, null));
    this.assertTimingAlmostEqual(get.elapsed, 0);

    await this.assertRaises(mp.Empty, () => get_nowait.call());
    this.assertTimingAlmostEqual(get_nowait.elapsed, 0);

    await this.assertRaises(mp.Empty, () => get.call(true, TIMEOUT1));
    this.assertTimingAlmostEqual(get.elapsed, TIMEOUT1);

    await this.assertRaises(mp.Empty, () => get.call(false, TIMEOUT2));
    this.assertTimingAlmostEqual(get.elapsed, 0);

    await this.assertRaises(mp.Empty, () => get.call({ timeout: TIMEOUT3 }));
    this.assertTimingAlmostEqual(get.elapsed, TIMEOUT3);

    await proc.join();
    await close_queue(queue);
  }

  async test_fork() {
    // Old versions of Queue would fail to create a new feeder thread for a forked process if the
    // original process had its own feeder thread. This test checks that this no longer happens.
    const queue = new mp.Queue();

    // put items on queue so that main process starts a feeder thread
    for (let i = 0; i < 10; i++) await queue.put(i);

    // wait to make sure thread starts before we fork a new process
    await sleep(DELTA);

    // fork process
    const p = new mp.Process({ target: _test_fork, args: [queue] });
    p.daemon = true;
    await p.start();

    // check that all expected items are in the queue
    for (let i = 0; i < 20; i++) this.assertEqual(await queue.get(), i);
    await this.assertRaises(mp.Empty, () => queue.get(false));

    await p.join();
    await close_queue(queue);
  }

  async test_qsize() {
    const q = new mp.Queue();
    this.assertEqual(await q.qsize(), 0);
    await q.put(1);
    this.assertEqual(await q.qsize(), 1);
    await q.put(5);
    this.assertEqual(await q.qsize(), 2);
    await q.get();
    this.assertEqual(await q.qsize(), 1);
    await q.get();
    this.assertEqual(await q.qsize(), 0);
    await close_queue(q);
  }

  async test_task_done() {
    const queue = new mp.JoinableQueue();

    const workers = Array.from({ length: 4 }, () => new mp.Process({ target: _test_task_done, args: [queue] }));

    for (const p of workers) {
      p.daemon = true;
      await p.start();
    }

    for (let i = 0; i < 10; i++) await queue.put(i);

    await queue.join();

    for (const _p of workers) await queue.put(null);

    for (const p of workers) await p.join();
    await close_queue(queue);
  }

  test_no_import_lock_contention() {}

  async test_timeout() {
    const q = new mp.Queue();
    const start = monotonic();
    await this.assertRaises(mp.Empty, () => q.get(true, 0.2));
    const delta = monotonic() - start;
    // bpo-30317: Tolerate a delta of 100 ms because of the bad clock resolution on Windows.
    this.assertGreaterEqual(delta, 0.1);
    await close_queue(q);
  }

  async test_queue_feeder_donot_stop_onexc() {
    // bpo-30414: verify feeder handles exceptions correctly. Here the put of an object that
    // cannot be sent fails at the caller (TypeError), where Python's feeder thread prints it.
    let q = new mp.Queue();
    await this.assertRaises(TypeError, () => q.put(NotSerializable()));
    await q.put(true);
    this.assertTrue(await q.get({ timeout: support.SHORT_TIMEOUT }));
    await close_queue(q);

    // bpo-33078: verify that the queue size is correctly handled on errors.
    q = new mp.Queue({ maxsize: 1 });
    await this.assertRaises(TypeError, () => q.put(NotSerializable()));
    await q.put(true);
    this.assertEqual(await q.qsize(), 1);
    this.assertTrue(await q.get({ timeout: support.SHORT_TIMEOUT }));
    // Check that the size of the queue is correct
    this.assertTrue(await q.empty());
    await close_queue(q);
  }

  test_queue_feeder_on_queue_feeder_error() {}

  async test_closed_queue_empty_exceptions() {
    // Assert that checking the emptiness of an unused closed queue does not raise an OSError.
    // q.close() is a no-op upon construction and becomes effective once the queue has been used.
    for (const q of [new mp.Queue(), new mp.JoinableQueue()]) {
      await q.close(); // this is a no-op since the feeder thread is None
      q.joinThread(); // this is also a no-op
      this.assertTrue(await q.empty());
    }

    for (const q of [new mp.Queue(), new mp.JoinableQueue()]) {
      await q.put('foo'); // make sure that the queue is 'used'
      await q.close(); // close the feeder thread
      q.joinThread(); // make sure to join the feeder thread
      await this.assertRaisesRegex(mp.OSError, 'is closed', () => q.empty());
    }
  }

  async test_closed_queue_put_get_exceptions() {
    for (const q of [new mp.Queue(), new mp.JoinableQueue()]) {
      await q.close();
      await this.assertRaisesRegex(mp.ValueError, 'is closed', () => q.put('foo'));
      await this.assertRaisesRegex(mp.ValueError, 'is closed', () => q.get());
    }
  }

  assertRaisesShutdown(fn: () => unknown, msg = "Didn't appear to shut-down queue") {
    return this.assertRaises(mp.ShutDown, fn).catch((err: Error) => this.fail(`${msg}: ${err.message}`));
  }

  async test_shutdown_empty() {
    for (const q of [new mp.Queue(), new mp.JoinableQueue()]) {
      let join: ProcessFuture | undefined;
      if (q instanceof mp.JoinableQueue) join = await ProcessFuture.start(_join_worker, [q]);
      await q.shutdown({ immediate: false }); // [joinable] unfinished tasks: 0 -> 0
      await _wait();

      this.assertEqual(await q.qsize(), 0);

      if (join) {
        await join.process.join(support.SHORT_TIMEOUT); // (CPython's _wait() assumes the child ran by now)
        this.assertFalse(join.process.isAlive());
        await join.result();
      }

      await this.assertRaisesShutdown(() => ProcessFuture.run(_put, [q, 'data']));
      await this.assertRaisesShutdown(() => q.putNowait('data'));

      await this.assertRaisesShutdown(() => ProcessFuture.run(_get, [q]));
      await this.assertRaisesShutdown(() => q.getNowait());
    }
  }

  async test_shutdown_nonempty() {
    for (const q of [new mp.Queue(1), new mp.JoinableQueue(1)]) {
      await q.put('data');
      let join: ProcessFuture | undefined;
      if (q instanceof mp.JoinableQueue) join = await ProcessFuture.start(_join_worker, [q]);
      await q.shutdown({ immediate: false }); // [joinable] unfinished tasks: 1 -> 1
      await _wait();

      this.assertEqual(await q.qsize(), 1);

      this.assertEqual(await ProcessFuture.run(_get, [q]), 'data');

      if (join) this.assertTrue(join.process.isAlive());

      await this.assertRaisesShutdown(() => ProcessFuture.run(_put, [q, 'data']));
      await this.assertRaisesShutdown(() => q.putNowait('data'));

      await this.assertRaisesShutdown(() => ProcessFuture.run(_get, [q]));
      await this.assertRaisesShutdown(() => q.getNowait());

      if (q instanceof mp.JoinableQueue) await q.taskDone();

      if (join) {
        await join.process.join(support.SHORT_TIMEOUT);
        this.assertFalse(join.process.isAlive());
        await join.result();
      }
    }
  }

  async test_shutdown_immediate() {
    for (const q of [new mp.Queue(), new mp.JoinableQueue()]) {
      await q.put('data');
      let join: ProcessFuture | undefined;
      if (q instanceof mp.JoinableQueue) join = await ProcessFuture.start(_join_worker, [q]);
      await q.shutdown({ immediate: true });
      await _wait();

      this.assertEqual(await q.qsize(), 0);

      if (join) {
        await join.process.join(support.SHORT_TIMEOUT);
        this.assertFalse(join.process.isAlive());
        await join.result();
      }

      await this.assertRaisesShutdown(() => ProcessFuture.run(_put, [q, 'data']));
      await this.assertRaisesShutdown(() => q.putNowait('data'));

      await this.assertRaisesShutdown(() => ProcessFuture.run(_get, [q]));
      await this.assertRaisesShutdown(() => q.getNowait());

      if (q instanceof mp.JoinableQueue) {
        // "Didn't appear to mark all tasks done"
        await this.assertRaises(mp.ValueError, () => q.taskDone());
      }
    }
  }

  async test_shutdown_immediate_with_unfinished() {
    const q = new mp.JoinableQueue();
    await q.put('data');
    await q.put('data');
    const join = await ProcessFuture.start(_join_worker, [q]);
    this.assertEqual(await ProcessFuture.run(_get, [q]), 'data');
    await q.shutdown({ immediate: true });
    await _wait();

    this.assertEqual(await q.qsize(), 0);

    this.assertTrue(join.process.isAlive());

    await this.assertRaisesShutdown(() => ProcessFuture.run(_put, [q, 'data']));
    await this.assertRaisesShutdown(() => q.putNowait('data'));

    await this.assertRaisesShutdown(() => ProcessFuture.run(_get, [q]));
    await this.assertRaisesShutdown(() => q.getNowait());

    await q.taskDone();
    // "Didn't appear to mark all tasks done"
    await this.assertRaises(mp.ValueError, () => q.taskDone());

    await join.process.join(support.SHORT_TIMEOUT);
    this.assertFalse(join.process.isAlive());
    await join.result();
  }
}

const SKIPS: Listed = {
  '_TestQueue.test_no_import_lock_contention': "Python's import lock (a module that uses a queue while it is being imported); ES module imports take no lock",
  '_TestQueue.test_queue_feeder_on_queue_feeder_error': "overrides the feeder thread's _on_queue_feeder_error hook; a put that cannot be sent fails at the caller here",
};

await main([_TestQueue], SKIPS);
