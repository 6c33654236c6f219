// Port of CPython Lib/test/_test_multiprocessing.py: _TestBarrier (conventions: README.md; its
// helpers _DummyList and Bunch are in bunch.ts). Targets are the file's exported functions: a
// child re-imports the file. A Bunch's processes run a function of this file named in FUNCS.
import * as mp from 'rankscope/multiprocessing';
import { close_queue, main, sleep, TestCase, type Listed } from './unittest.js';
import { append, Bunch, bunchFunctions, DummyList, len, pyAssert } from './bunch.js';

export { bunch_task } from './bunch.js';

const N = 5;
const defaultTimeout = 30.0; // XXX Slow Windows buildbots need generous timeout

export async function multipass(barrier: mp.Barrier, results: DummyList[], n: number) {
  const m = barrier.parties;
  pyAssert(m === N);
  for (let i = 0; i < n; i++) {
    await append(results[0], true);
    pyAssert((await len(results[1])) === i * m);
    await barrier.wait();
    await append(results[1], true);
    pyAssert((await len(results[0])) === (i + 1) * m);
    await barrier.wait();
  }
  pyAssert((await barrier.nWaiting()) === 0);
  pyAssert(!(await barrier.broken()));
}

export async function _test_wait_return_f(barrier: mp.Barrier, queue: mp.Queue) {
  const res = await barrier.wait();
  await queue.put(res);
}

export async function _test_action_f(barrier: mp.Barrier, results: DummyList) {
  await barrier.wait();
  if ((await len(results)) !== 1) throw new mp.RuntimeError('');
}

export async function _test_abort_f(barrier: mp.Barrier, results1: DummyList, results2: DummyList) {
  try {
    const i = await barrier.wait();
    if (i === Math.floor(N / 2)) throw new mp.RuntimeError('');
    await barrier.wait();
    await append(results1, true);
  } catch (e) {
    if (e instanceof mp.BrokenBarrierError) await append(results2, true);
    else if (e instanceof mp.RuntimeError) await barrier.abort();
    else throw e;
  }
}

export async function _test_reset_f(barrier: mp.Barrier, results1: DummyList, results2: DummyList, results3: DummyList) {
  const i = await barrier.wait();
  if (i === Math.floor(N / 2)) {
    // Wait until the other threads are all in the barrier.
    while ((await barrier.nWaiting()) < N - 1) await sleep(0.001);
    await barrier.reset();
  } else {
    try {
      await barrier.wait();
      await append(results1, true);
    } catch (e) {
      if (!(e instanceof mp.BrokenBarrierError)) throw e;
      await append(results2, true);
    }
  }
  // Now, pass the barrier again
  await barrier.wait();
  await append(results3, true);
}

export async function _test_abort_and_reset_f(barrier: mp.Barrier, barrier2: mp.Barrier, results1: DummyList, results2: DummyList, results3: DummyList) {
  try {
    const i = await barrier.wait();
    if (i === Math.floor(N / 2)) throw new mp.RuntimeError('');
    await barrier.wait();
    await append(results1, true);
  } catch (e) {
    if (e instanceof mp.BrokenBarrierError) await append(results2, true);
    else if (e instanceof mp.RuntimeError) await barrier.abort();
    else throw e;
  }
  // Synchronize and reset the barrier.  Must synchronize first so
  // that everyone has left it when we reset, and after so that no
  // one enters it before the reset.
  if ((await barrier2.wait()) === Math.floor(N / 2)) await barrier.reset();
  await barrier2.wait();
  await barrier.wait();
  await append(results3, true);
}

export async function _test_timeout_f(barrier: mp.Barrier, results: DummyList) {
  const i = await barrier.wait();
  if (i === Math.floor(N / 2)) {
    // One thread is late!
    await sleep(1.0);
  }
  try {
    await barrier.wait(0.5);
  } catch (e) {
    if (!(e instanceof mp.BrokenBarrierError)) throw e;
    await append(results, true);
  }
}

export async function _test_default_timeout_f(barrier: mp.Barrier, results: DummyList) {
  const i = await barrier.wait(defaultTimeout);
  if (i === Math.floor(N / 2)) {
    // One thread is later than the default timeout
    await sleep(1.0);
  }
  try {
    await barrier.wait();
  } catch (e) {
    if (!(e instanceof mp.BrokenBarrierError)) throw e;
    await append(results, true);
  }
}

export async function _test_thousand_f(barrier: mp.Barrier, passes: number, conn: mp.Connection, lock: mp.Lock) {
  for (let i = 0; i < passes; i++) {
    await barrier.wait();
    await lock.withLock(() => conn.send(i));
  }
}

/** What a Bunch's processes may run, by name (a child finds functions by name, not by value). */
const FUNCS = { multipass, _test_wait_return_f, _test_action_f, _test_abort_f, _test_reset_f, _test_abort_and_reset_f, _test_timeout_f, _test_default_timeout_f };
bunchFunctions(FUNCS);

class _TestBarrier extends TestCase {
  readonly N = N;
  readonly defaultTimeout = defaultTimeout;
  barrier: mp.Barrier | null = null;

  setUp() {
    this.barrier = new mp.Barrier(this.N, { timeout: this.defaultTimeout });
  }

  async tearDown() {
    await this.barrier!.abort();
    this.barrier = null;
  }

  async run_threads(f: keyof typeof FUNCS, args: unknown[]) {
    const b = await Bunch.create(f, args, this.N - 1);
    try {
      await (FUNCS[f] as (...a: unknown[]) => Promise<void>)(...args);
      await b.wait_for_finished();
    } finally {
      await b.close();
    }
  }

  /** Test that a barrier is passed in lockstep */
  async test_barrier(passes = 1) {
    const results = [DummyList(), DummyList()];
    await this.run_threads('multipass', [this.barrier, results, passes]);
  }

  /** Test that a barrier works for 10 consecutive runs */
  async test_barrier_10() {
    return this.test_barrier(10);
  }

  /** test the return value from barrier.wait */
  async test_wait_return() {
    const queue = new mp.Queue();
    await this.run_threads('_test_wait_return_f', [this.barrier, queue]);
    const results: unknown[] = [];
    for (let i = 0; i < this.N; i++) results.push(await queue.get());
    this.assertEqual(results.filter((r) => r === 0).length, 1);
    await close_queue(queue);
  }

  /** Test the 'action' callback (AppendTrue(results); it runs in this process, which made the barrier) */
  async test_action() {
    const results = DummyList();
    const barrier = new mp.Barrier(this.N, { action: () => append(results, true) });
    await this.run_threads('_test_action_f', [barrier, results]);
    this.assertEqual(await len(results), 1);
  }

  /** Test that an abort will put the barrier in a broken state */
  async test_abort() {
    const results1 = DummyList();
    const results2 = DummyList();
    await this.run_threads('_test_abort_f', [this.barrier, results1, results2]);
    this.assertEqual(await len(results1), 0);
    this.assertEqual(await len(results2), this.N - 1);
    this.assertTrue(await this.barrier!.broken());
  }

  /** Test that a 'reset' on a barrier frees the waiting threads */
  async test_reset() {
    const results1 = DummyList();
    const results2 = DummyList();
    const results3 = DummyList();
    await this.run_threads('_test_reset_f', [this.barrier, results1, results2, results3]);
    this.assertEqual(await len(results1), 0);
    this.assertEqual(await len(results2), this.N - 1);
    this.assertEqual(await len(results3), this.N);
  }

  /** Test that a barrier can be reset after being broken. */
  async test_abort_and_reset() {
    const results1 = DummyList();
    const results2 = DummyList();
    const results3 = DummyList();
    const barrier2 = new mp.Barrier(this.N);

    await this.run_threads('_test_abort_and_reset_f', [this.barrier, barrier2, results1, results2, results3]);
    this.assertEqual(await len(results1), 0);
    this.assertEqual(await len(results2), this.N - 1);
    this.assertEqual(await len(results3), this.N);
  }

  /** Test wait(timeout) */
  async test_timeout() {
    const results = DummyList();
    await this.run_threads('_test_timeout_f', [this.barrier, results]);
    this.assertEqual(await len(results), this.barrier!.parties);
  }

  /** Test the barrier's default timeout */
  async test_default_timeout() {
    const barrier = new mp.Barrier(this.N, { timeout: 0.5 });
    const results = DummyList();
    await this.run_threads('_test_default_timeout_f', [barrier, results]);
    this.assertEqual(await len(results), barrier.parties);
  }

  async test_single_thread() {
    const b = new mp.Barrier(1);
    await b.wait();
    await b.wait();
  }

  async test_thousand() {
    const passes = 1000;
    const lock = new mp.Lock();
    const [conn, child_conn] = mp.Pipe(false);
    for (let j = 0; j < this.N; j++) {
      const p = new mp.Process({ target: _test_thousand_f, args: [this.barrier, passes, child_conn, lock] });
      await p.start();
      this.addCleanup(() => p.join());
    }

    for (let i = 0; i < passes; i++) {
      for (let j = 0; j < this.N; j++) this.assertEqual(await conn.recv(), i);
    }
  }
}

const SKIPS: Listed = {};

await main([_TestBarrier], SKIPS);
