// Port of CPython Lib/test/_test_multiprocessing.py: _TestCondition
// (conventions: README.md). Targets are the file's exported functions: a child re-imports the file.
// CPython runs `f` in a child process and in a thread of the main process side by side; Node has
// no thread that could block on these objects, so the thread's `f` runs in a second child.
import * as mp from 'rankscope/multiprocessing';
import { CLOCK_RES, DELTA, join_process, main, monotonic, sleep, support, sys_exit, TestCase, TimingWrapper, TIMEOUT1, type Listed } from './unittest.js';

/** CPython's `get_value(sem)`. */
const get_value = (sem: mp.Semaphore): Promise<number> => sem.getValue();

export async function f(cond: mp.Condition, sleeping: mp.Semaphore, woken: mp.Semaphore, timeout: number | null = null) {
  await cond.acquire();
  await sleeping.release();
  await cond.wait(timeout);
  await woken.release();
  await cond.release();
}

export async function _test_waitfor_f(cond: mp.Condition, state: mp.Value) {
  await cond.withLock(async () => {
    await state.set(0);
    await cond.notify();
    const result = await cond.waitFor(async () => (await state.get()) === 4);
    if (!result || (await state.get()) !== 4) sys_exit(1);
  });
}

export async function _test_waitfor_timeout_f(cond: mp.Condition, state: mp.Value, success: mp.Value, sem: mp.Semaphore) {
  await sem.release();
  await cond.withLock(async () => {
    const expected = 0.1;
    let dt = monotonic();
    const result = await cond.waitFor(async () => (await state.get()) === 4, { timeout: expected });
    dt = monotonic() - dt;
    if (!result && expected - CLOCK_RES <= dt) await success.set(true);
  });
}

/** The `pid is None` form (CPython's on Windows): SIGINT cannot interrupt an awaited wait (README.md). */
export async function _test_wait_result(c: mp.Condition, pid: number | null) {
  await c.withLock(() => c.notify());
  await sleep(1);
  if (pid !== null) process.kill(pid, 'SIGINT');
}

/** A child running `f`, daemonic as CPython's process and thread are. */
async function startF(...args: unknown[]): Promise<mp.Process> {
  const p = new mp.Process({ target: f, args });
  p.daemon = true;
  await p.start();
  return p;
}

class _TestCondition extends TestCase {
  async assertReachesEventually(func: () => Promise<unknown>, value: unknown) {
    // support.sleeping_retry(SHORT_TIMEOUT): retry with growing sleeps, give up after the timeout.
    const end = monotonic() + support.SHORT_TIMEOUT;
    for (let delay = 0.01; monotonic() < end; delay = Math.min(delay * 2, 1.0)) {
      if ((await func()) === value) break;
      await sleep(delay);
    }
    await this.assertReturnsIfImplemented(value, func);
  }

  /** Only supposed to succeed when there are no sleepers (CPython reads the condition's semaphores). */
  async check_invariant(cond: mp.Condition) {
    this.assertEqual(await cond._sleepers(), 0);
  }

  async test_notify() {
    const cond = new mp.Condition();
    const sleeping = new mp.Semaphore(0);
    const woken = new mp.Semaphore(0);

    const p = await startF(cond, sleeping, woken);
    const t = await startF(cond, sleeping, woken); // CPython: a thread

    // wait for both children to start sleeping
    await sleeping.acquire();
    await sleeping.acquire();

    // check no process/thread has woken up
    await this.assertReachesEventually(() => get_value(woken), 0);

    // wake up one process/thread
    await cond.acquire();
    await cond.notify();
    await cond.release();

    // check one process/thread has woken up
    await this.assertReachesEventually(() => get_value(woken), 1);

    // wake up another
    await cond.acquire();
    await cond.notify();
    await cond.release();

    // check other has woken up
    await this.assertReachesEventually(() => get_value(woken), 2);

    // check state is not mucked up
    await this.check_invariant(cond);

    await join_process(t);
    await join_process(p);
  }

  async test_notify_all() {
    const cond = new mp.Condition();
    const sleeping = new mp.Semaphore(0);
    const woken = new mp.Semaphore(0);

    // start some threads/processes which will timeout
    const workers: mp.Process[] = [];
    for (let i = 0; i < 3; i++) {
      workers.push(await startF(cond, sleeping, woken, TIMEOUT1));
      workers.push(await startF(cond, sleeping, woken, TIMEOUT1)); // CPython: a thread
    }

    // wait for them all to sleep
    for (let i = 0; i < 6; i++) await sleeping.acquire();

    // check they have all timed out
    for (let i = 0; i < 6; i++) await woken.acquire();
    await this.assertReturnsIfImplemented(0, get_value, woken);

    // check state is not mucked up
    await this.check_invariant(cond);

    // start some more threads/processes
    for (let i = 0; i < 3; i++) {
      workers.push(await startF(cond, sleeping, woken));
      workers.push(await startF(cond, sleeping, woken)); // CPython: a thread
    }

    // wait for them to all sleep
    for (let i = 0; i < 6; i++) await sleeping.acquire();

    // check no process/thread has woken up
    await sleep(DELTA);
    await this.assertReturnsIfImplemented(0, get_value, woken);

    // wake them all up
    await cond.acquire();
    await cond.notify_all();
    await cond.release();

    // check they have all woken
    for (let i = 0; i < 6; i++) await woken.acquire();
    await this.assertReturnsIfImplemented(0, get_value, woken);

    // check state is not mucked up
    await this.check_invariant(cond);

    // NOTE: join_process and join_thread are the same
    for (const w of workers) await join_process(w);
  }

  async test_notify_n() {
    const cond = new mp.Condition();
    const sleeping = new mp.Semaphore(0);
    const woken = new mp.Semaphore(0);

    // start some threads/processes
    const workers: mp.Process[] = [];
    for (let i = 0; i < 3; i++) {
      workers.push(await startF(cond, sleeping, woken));
      workers.push(await startF(cond, sleeping, woken)); // CPython: a thread
    }

    // wait for them to all sleep
    for (let i = 0; i < 6; i++) await sleeping.acquire();

    // check no process/thread has woken up
    await sleep(DELTA);
    await this.assertReturnsIfImplemented(0, get_value, woken);

    // wake some of them up
    await cond.acquire();
    await cond.notify({ n: 2 });
    await cond.release();

    // check 2 have woken
    await this.assertReachesEventually(() => get_value(woken), 2);

    // wake the rest of them
    await cond.acquire();
    await cond.notify({ n: 4 });
    await cond.release();

    await this.assertReachesEventually(() => get_value(woken), 6);

    // doesn't do anything more
    await cond.acquire();
    await cond.notify({ n: 3 });
    await cond.release();

    await this.assertReturnsIfImplemented(6, get_value, woken);

    // check state is not mucked up
    await this.check_invariant(cond);

    for (const w of workers) await join_process(w);
  }

  async test_timeout() {
    const cond = new mp.Condition();
    const wait = new TimingWrapper((t: number) => cond.wait(t));
    await cond.acquire();
    const res = await wait.call(TIMEOUT1);
    await cond.release();
    this.assertEqual(res, false);
    this.assertTimingAlmostEqual(wait.elapsed, TIMEOUT1);
  }

  async test_waitfor() {
    // based on test in test/lock_tests.py
    const cond = new mp.Condition();
    const state = new mp.Value('i', -1);

    const p = new mp.Process({ target: _test_waitfor_f, args: [cond, state] });
    p.daemon = true;
    await p.start();

    await cond.withLock(async () => {
      const result = await cond.waitFor(async () => (await state.get()) === 0);
      this.assertTrue(result);
      this.assertEqual(await state.get(), 0);
    });

    for (let i = 0; i < 4; i++) {
      await sleep(0.01);
      await cond.withLock(async () => {
        await state.set((await state.get()) + 1);
        await cond.notify();
      });
    }

    await join_process(p);
    this.assertEqual(p.exitCode, 0);
  }

  async test_waitfor_timeout() {
    // based on test in test/lock_tests.py
    const cond = new mp.Condition();
    const state = new mp.Value('i', 0);
    const success = new mp.Value('i', false);
    const sem = new mp.Semaphore(0);

    const p = new mp.Process({ target: _test_waitfor_timeout_f, args: [cond, state, success, sem] });
    p.daemon = true;
    await p.start();
    this.assertTrue(await sem.acquire({ timeout: support.LONG_TIMEOUT }));

    // Only increment 3 times, so state == 4 is never reached.
    for (let i = 0; i < 3; i++) {
      await sleep(0.01);
      await cond.withLock(async () => {
        await state.set((await state.get()) + 1);
        await cond.notify();
      });
    }

    await join_process(p);
    this.assertTrue(await success.get());
  }

  async test_wait_result() {
    // CPython sends SIGINT to itself and expects KeyboardInterrupt from a second wait (not on
    // Windows): an awaited call cannot be interrupted so, so this runs the Windows form (README.md).
    const pid = null;

    const c = new mp.Condition();
    await c.withLock(async () => {
      this.assertFalse(await c.wait(0));
      this.assertFalse(await c.wait(0.1));

      const p = new mp.Process({ target: _test_wait_result, args: [c, pid] });
      await p.start();

      this.assertTrue(await c.wait(60));

      await p.join();
    });
  }
}

const SKIPS: Listed = {};

await main([_TestCondition], SKIPS);
