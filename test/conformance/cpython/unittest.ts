/**
 * The helpers of CPython's `Lib/test/_test_multiprocessing.py` and `test.support` that the ported
 * classes use, over Python's unittest (../pyunit.ts), and `main`, which runs the classes in the
 * main process of a multiprocessing program. The conventions are written down in README.md.
 *
 * A ported file ends with `await main([_TestA, _TestB], skips, gaps)`. Its test methods run inside
 * `mp.main` (so they may start processes); a child process re-imports the file, finds its target
 * among the file's exports and never runs the tests. Each method prints one result line,
 * `cpython-result {"v":1,…}`; with `--list` the names instead (`cpython-test Class.method`).
 */
import * as mp from 'rankscope/multiprocessing';
import { runTests, TestCase as PyTestCase, type Ctor, type Listed } from '../pyunit.js';

export { AssertionError, NotImplementedError, SkipTest, all, any, bool, pyEqual, type Listed, type ResultLine } from '../pyunit.js';

export const RESULT_PREFIX = 'cpython-result ';
export const LIST_PREFIX = 'cpython-test ';

/** `test.support`'s timeouts, in seconds, with CPython's default values. */
export const support = { SHORT_TIMEOUT: 30, LONG_TIMEOUT: 5 * 60, LOOPBACK_TIMEOUT: 5, INTERNET_TIMEOUT: 60 } as const;

/** The module's constants. CHECK_TIMINGS is False in CPython: timings are measured, not asserted. */
export const CHECK_TIMINGS = false;
export const DELTA = 0.1;
export const [TIMEOUT1, TIMEOUT2, TIMEOUT3] = CHECK_TIMINGS ? [0.82, 0.35, 1.4] : [0.1, 0.1, 0.1];
/** gh-110666: a difference of 100 ms is tolerated when comparing timings (clock resolution). */
export const CLOCK_RES = 0.1;
export const WAIT_ACTIVE_CHILDREN_TIMEOUT = 5.0;

/** `time.sleep(seconds)`, awaited: it sleeps in the event loop, so the process keeps serving its shared objects. */
export function sleep(seconds: number): Promise<void> {
  return new Promise((r) => setTimeout(r, seconds * 1000));
}

/** `time.monotonic()`, in seconds. */
export function monotonic(): number {
  return performance.now() / 1000;
}

/** `os.getpid()`. */
export function getpid(): number {
  return process.pid;
}

/** `wait_for_handle(handle, timeout)`: `mp.connection.wait([handle], timeout)`, a negative timeout being none. */
export function wait_for_handle(handle: mp.connection.Waitable, timeout: number | null): Promise<mp.connection.Waitable[]> {
  if (timeout !== null && timeout < 0.0) timeout = null;
  return mp.connection.wait([handle], timeout);
}

/** Python's `str()` of the values `sys.exit` is given in the tests: lists as `[1, 2, 3]`. */
function pyStr(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map((v) => (typeof v === 'string' ? `'${v}'` : pyStr(v))).join(', ')}]`;
  return String(x);
}

/**
 * `sys.exit(arg)` with Python's meaning: no argument or None → 0, True → 1, False → 0, an integer
 * → that status; anything else is printed to stderr and the status is 1. A child ends at once.
 */
export function sys_exit(...args: unknown[]): never {
  const arg = args[0] ?? null;
  if (arg === null || arg === false) process.exit(0);
  if (arg === true) process.exit(1);
  if (typeof arg === 'number' && Number.isInteger(arg)) process.exit(arg);
  process.stderr.write(`${pyStr(arg)}\n`);
  process.exit(1);
}

/** CPython's TimingWrapper: `call(...)` runs the function and records the seconds it took in `elapsed`. */
export class TimingWrapper<A extends unknown[], R> {
  elapsed: number | null = null;
  constructor(private readonly func: (...args: A) => R) {}
  async call(...args: A): Promise<Awaited<R>> {
    const t = monotonic();
    try {
      return await this.func(...args);
    } finally {
      this.elapsed = monotonic() - t;
    }
  }
}

/** `join_process(p)` (threading_helper.join_thread): join, failing after SHORT_TIMEOUT if the child still runs. */
export async function join_process(p: mp.Process, timeout: number = support.SHORT_TIMEOUT): Promise<void> {
  await p.join(timeout);
  if (p.isAlive()) throw new Error(`failed to join the process ${p.name} in ${timeout} seconds`);
}

/** `close_queue(q)`: close() and join_thread() for a Queue; nothing for other objects. */
export async function close_queue(q: unknown): Promise<void> {
  if (q instanceof mp.Queue) {
    const c = q as unknown as { close?: () => unknown; joinThread?: () => unknown };
    await c.close?.();
    await c.joinThread?.();
  }
}

/** `_wait()`: a crude wait/yield not relying on synchronization primitives. */
export function _wait(): Promise<void> {
  return sleep(0.01);
}

type Target = (...args: any[]) => unknown;
/** The functions ProcessFuture may run in a child: a function cannot cross processes, its name can. */
const futureTargets = new Map<string, Target>();

/**
 * CPython's ProcessFuture: runs `target(*args)` in a child and hands back its result, or raises
 * its error (with its class, from `mp`'s). Register the targets at the top of the file (the child
 * re-imports it) and export `ProcessFuture_target` from it: the child's target.
 */
export class ProcessFuture {
  constructor(readonly process: mp.Process, readonly connection: mp.Connection) {}

  static register(targets: Record<string, Target>): void {
    for (const [name, f] of Object.entries(targets)) futureTargets.set(name, f);
  }

  static async start(target: Target, args: unknown[] = []): Promise<ProcessFuture> {
    const name = [...futureTargets].find(([, f]) => f === target)?.[0];
    if (!name) throw new Error(`ProcessFuture: register ${target.name} with ProcessFuture.register({...}) first`);
    const [recv, send] = mp.Pipe();
    const process = new mp.Process({ target: ProcessFuture_target, args: [send, name, args] });
    await process.start();
    return new ProcessFuture(process, recv);
  }

  static async run(target: Target, args: unknown[] = []): Promise<unknown> {
    const future = await ProcessFuture.start(target, args);
    return future.result();
  }

  async result(): Promise<unknown> {
    await this.process.join();
    if (!(await this.connection.poll())) throw new Error('Process failed to send result');
    const [success, result] = (await this.connection.recv()) as [boolean, unknown];
    if (success) return result;
    const e = result as { name: string; message: string };
    const Cls = ((mp as unknown as Record<string, unknown>)[e.name] ?? Error) as new (m: string) => Error;
    throw new Cls(e.message);
  }
}

/** ProcessFuture's `_target`, run in the child: sends `[true, result]` or `[false, error]`. */
export async function ProcessFuture_target(conn: mp.Connection, name: string, args: unknown[]): Promise<void> {
  try {
    const result = await futureTargets.get(name)!(...args);
    await conn.send([true, result ?? null]);
  } catch (err) {
    const e = err as Error;
    await conn.send([false, { name: e.name, message: e.message }]);
  }
  await conn.close();
}

/** CPython's BaseTestCase. */
export class TestCase extends PyTestCase {
  /** Only the 'processes' flavour is ported: our children are processes (README.md). */
  readonly TYPE = 'processes' as const;

  /** Asserted only when CHECK_TIMINGS, as in CPython (false: loaded machines block longer than expected). */
  assertTimingAlmostEqual(a: number | null, b: number): void {
    if (CHECK_TIMINGS) this.assertAlmostEqual(a, b, 1);
  }
  /** `assertReturnsIfImplemented(value, func, *args)`: a NotImplementedError passes. */
  async assertReturnsIfImplemented(value: unknown, func: (...args: any[]) => unknown, ...args: unknown[]): Promise<void> {
    let res: unknown;
    try {
      res = await func(...args);
    } catch (err) {
      if ((err as Error)?.name === 'NotImplementedError') return;
      throw err;
    }
    this.assertEqual(value, res);
  }
}

/** A method still running after this long fails, and the rest of the file runs (CPython's tests use SHORT_TIMEOUT waits). */
const TEST_TIMEOUT_SECONDS = 120;

/** Runs (or, with `--list`, lists) every test method of `classes`, in the main process only. */
export async function main(classes: Ctor<TestCase>[], skips: Listed = {}, gaps: Listed = {}): Promise<void> {
  await mp.main(() => runTests(classes, skips, gaps, { resultPrefix: RESULT_PREFIX, listPrefix: LIST_PREFIX, rank: 0, size: 1, timeoutSeconds: TEST_TIMEOUT_SECONDS }));
}
