// Port of CPython Lib/test/_test_multiprocessing.py: _TestProcess and _TestSubclassingProcess
// (conventions: README.md). Targets are the file's exported functions: a child re-imports the file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as mp from 'rankscope/multiprocessing';
import {
  DELTA, getpid, join_process, close_queue, main, sleep, support, sys_exit, TestCase, TimingWrapper, wait_for_handle, type Listed,
} from './unittest.js';

export { sys_exit } from './unittest.js';

const SIGINT = 2;
const SIGTERM = 15;
const SIGKILL = 9;

/** Python's keyword arguments reach a target as one trailing plain object (README.md). */
function splitKwargs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args.at(-1);
  if (last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype) return [args.slice(0, -1), last as Record<string, unknown>];
  return [args, {}];
}

export async function _test_args(q: mp.Queue, arg: unknown) {
  await q.put(arg);
}

export async function _test(q: mp.Queue, ...rest: unknown[]) {
  const [args, kwds] = splitKwargs(rest);
  const current = mp.currentProcess();
  await q.put(args);
  await q.put(kwds);
  await q.put(current.name);
  await q.put(current.authkey);
  await q.put(current.pid);
}

export async function _test_send_parent_process(wconn: mp.Connection) {
  await wconn.send([mp.parentProcess()!.pid, mp.parentProcess()!.name]);
}

export async function _test_create_grandchild_process(wconn: mp.Connection) {
  const p = new mp.Process({ target: _test_report_parent_status, args: [wconn] });
  await p.start();
  await sleep(300);
}

export async function _test_report_parent_status(wconn: mp.Connection) {
  await wconn.send(mp.parentProcess()!.isAlive() ? 'alive' : 'not alive');
  await mp.parentProcess()!.join({ timeout: support.SHORT_TIMEOUT });
  await wconn.send(mp.parentProcess()!.isAlive() ? 'alive' : 'not alive');
}

/** `threading.main_thread().native_id`: on Linux the main thread's id is the process id. */
export async function _test_process_mainthread_native_id(q: mp.Queue) {
  await q.put(process.pid);
}

export async function _sleep_some() {
  await sleep(100);
}

export async function _sleep_some_event(event: mp.Event) {
  await event.set();
  await sleep(100);
}

/** `signal.signal(SIGINT, SIG_DFL)`: without a listener, Node ends the process on SIGINT, as the default action does. */
export async function _sleep_no_int_handler(event: mp.Event) {
  process.removeAllListeners('SIGINT');
  await _sleep_some_event(event);
}

export async function _test_sleep(delay: number) {
  await sleep(delay);
}

/** `target=event.wait` (a bound method) as an exported function: a target is found by name. */
export async function _event_wait(event: mp.Event) {
  await event.wait();
}

export async function _test_recursion(wconn: mp.Connection, id: number[]) {
  await wconn.send(id);
  if (id.length < 2) {
    for (let i = 0; i < 2; i++) {
      const p = new mp.Process({ target: _test_recursion, args: [wconn, [...id, i]] });
      await p.start();
      await p.join();
    }
  }
}

export async function _test_sentinel(event: mp.Event) {
  await event.wait(10.0);
}

export async function _test_close(...rest: unknown[]) {
  const [, { rc = 0, q = null }] = splitKwargs(rest) as [unknown[], { rc?: number; q?: mp.Queue | null }];
  if (q !== null) await q.get();
  sys_exit(rc);
}

/** `os_helper.fd_count()`. */
function fd_count(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

export async function _test_child_fd_inflation(evt: mp.Event, q: mp.Queue) {
  await q.put(fd_count());
  await evt.wait();
}

/**
 * `sys.stdout = io.StringIO(); .close()` / `sys.stdout = None`: a closed stream throws on write
 * (Python's "I/O operation on closed file"), a missing one drops what is written. Returns the old write.
 */
function breakStream(name: 'stdout' | 'stderr', how: 'closed' | 'none'): typeof process.stdout.write {
  const old = process[name].write;
  process[name].write = (how === 'closed'
    ? () => {
        throw new mp.ValueError('I/O operation on closed file.');
      }
    : () => true) as typeof process.stdout.write;
  return old;
}

export async function _test_error_on_stdio_flush(evt: mp.Event, break_std_streams: Record<string, 'close' | 'remove'> = {}) {
  for (const [stream_name, action] of Object.entries(break_std_streams)) breakStream(stream_name as 'stdout' | 'stderr', action === 'close' ? 'closed' : 'none');
  await evt.set();
}

/** A daemonic thread's `time.sleep`: its timer does not keep the process running. */
function daemonSleep(seconds: number): Promise<void> {
  return new Promise((r) => setTimeout(r, seconds * 1000).unref());
}

/** `threading.Thread(target=f).start()`: an un-awaited task; `daemon=True`: one whose waits do not keep the process. */
export async function _test_wait_for_threads(evt: mp.Event) {
  const func1 = async () => {
    await sleep(0.5);
    await evt.set();
  };
  const func2 = async () => {
    await daemonSleep(20);
    await evt.clear();
  };
  void func1();
  void func2();
}

class _TestProcess extends TestCase {
  async test_current() {
    const current = mp.currentProcess();
    const authkey = current.authkey;

    this.assertTrue(current.isAlive());
    this.assertFalse(current.daemon);
    this.assertIsInstance(authkey, 'bytes');
    this.assertTrue(authkey.length > 0);
    this.assertEqual(current.ident, getpid());
    this.assertEqual(current.exitcode, null);
  }

  test_set_executable() {}

  async test_args_argument() {
    // bpo-45735: Using list or tuple as *args* in constructor could achieve the same effect.
    const args_cases = [1, 'str', [1], [1]];
    const args_types = ['list', 'tuple']; // both are arrays here

    for (const args of args_cases) {
      for (const args_type of args_types) {
        await this.subTest({ args, args_type }, async () => {
          const q = new mp.Queue(1);
          // pass a tuple or list as args
          const p = new mp.Process({ target: _test_args, args: [q, args] });
          p.daemon = true;
          await p.start();
          const child_args = await q.get();
          this.assertEqual(child_args, args);
          await p.join();
          await close_queue(q);
        });
      }
    }
  }

  test_daemon_argument() {
    // By default uses the current process's daemon flag.
    const proc0 = new mp.Process({ target: _test });
    this.assertEqual(proc0.daemon, mp.currentProcess().daemon);
    const proc1 = new mp.Process({ target: _test, daemon: true });
    this.assertTrue(proc1.daemon);
    const proc2 = new mp.Process({ target: _test, daemon: false });
    this.assertFalse(proc2.daemon);
  }

  async test_parent_process_attributes() {
    this.assertIsNone(mp.parentProcess());

    const [rconn, wconn] = mp.Pipe({ duplex: false });
    const p = new mp.Process({ target: _test_send_parent_process, args: [wconn] });
    await p.start();
    await p.join();
    const [parent_pid, parent_name] = await rconn.recv();
    this.assertEqual(parent_pid, mp.currentProcess().pid);
    this.assertEqual(parent_pid, getpid());
    this.assertEqual(parent_name, mp.currentProcess().name);
  }

  async test_parent_process() {
    // Launch a child process. Make it launch a grandchild process. Kill the child process and
    // make sure that the grandchild notices the death of its parent (a.k.a the child process).
    const [rconn, wconn] = mp.Pipe({ duplex: false });
    const p = new mp.Process({ target: _test_create_grandchild_process, args: [wconn] });
    await p.start();

    if (!(await rconn.poll({ timeout: support.LONG_TIMEOUT }))) throw new Error('Could not communicate with child process');
    let parent_process_status = await rconn.recv();
    this.assertEqual(parent_process_status, 'alive');

    p.terminate();
    await p.join();

    if (!(await rconn.poll({ timeout: support.LONG_TIMEOUT }))) throw new Error('Could not communicate with child process');
    parent_process_status = await rconn.recv();
    this.assertEqual(parent_process_status, 'not alive');
  }

  async test_process() {
    const q = new mp.Queue(1);
    const e = new mp.Event();
    void e;
    const args = [q, 1, 2];
    const kwargs = { hello: 23, bye: 2.54 };
    const name = 'SomeProcess';
    const p = new mp.Process({ target: _test, args, kwargs, name });
    p.daemon = true;
    const current = mp.currentProcess();

    this.assertEqual(p.authkey, current.authkey);
    this.assertEqual(p.isAlive(), false);
    this.assertEqual(p.daemon, true);
    this.assertNotIn(p, mp.activeChildren());
    this.assertIsInstance(mp.activeChildren(), 'list');
    this.assertEqual(p.exitcode, null);

    await p.start();

    this.assertEqual(p.exitcode, null);
    this.assertEqual(p.isAlive(), true);
    this.assertIn(p, mp.activeChildren());

    this.assertEqual(await q.get(), args.slice(1));
    this.assertEqual(await q.get(), kwargs);
    this.assertEqual(await q.get(), p.name);
    this.assertEqual(await q.get(), current.authkey);
    this.assertEqual(await q.get(), p.pid);

    await p.join();

    this.assertEqual(p.exitcode, 0);
    this.assertEqual(p.isAlive(), false);
    this.assertNotIn(p, mp.activeChildren());
    await close_queue(q);
  }

  async test_process_mainthread_native_id() {
    const current_mainthread_native_id = process.pid;

    const q = new mp.Queue(1);
    const p = new mp.Process({ target: _test_process_mainthread_native_id, args: [q] });
    await p.start();

    const child_mainthread_native_id = await q.get();
    await p.join();
    await close_queue(q);

    this.assertNotEqual(current_mainthread_native_id, child_mainthread_native_id);
  }

  async _kill_process(meth: (p: mp.Process) => void, target: (e: mp.Event) => unknown = _sleep_some_event): Promise<number | null> {
    const event = new mp.Event();
    const p = new mp.Process({ target, args: [event] });
    p.daemon = true;
    await p.start();

    this.assertEqual(p.isAlive(), true);
    this.assertIn(p, mp.activeChildren());
    this.assertEqual(p.exitcode, null);

    const join = new TimingWrapper((...a: unknown[]) => p.join(...(a as [number?])));

    this.assertEqual(await join.call(0), null);
    this.assertTimingAlmostEqual(join.elapsed, 0.0);
    this.assertEqual(p.isAlive(), true);

    this.assertEqual(await join.call(-1), null);
    this.assertTimingAlmostEqual(join.elapsed, 0.0);
    this.assertEqual(p.isAlive(), true);

    const timeout = support.SHORT_TIMEOUT;
    if (!(await event.wait(timeout))) {
      p.terminate();
      await p.join();
      this.fail(`event not signaled in ${timeout} seconds`);
    }

    meth(p);

    // CPython interrupts a join that blocks for too long with alarm(10); the runner's per-test limit does that here.
    this.assertEqual(await join.call(), null);

    this.assertTimingAlmostEqual(join.elapsed, 0.0);

    this.assertEqual(p.isAlive(), false);
    this.assertNotIn(p, mp.activeChildren());

    await p.join();

    return p.exitcode;
  }

  async test_interrupt() {
    const exitcode = await this._kill_process((p) => p.interrupt());
    this.assertEqual(exitcode, 1);
    // exit code 1 is hard-coded for uncaught exceptions (KeyboardInterrupt in this case)
  }

  async test_interrupt_no_handler() {
    const exitcode = await this._kill_process((p) => p.interrupt(), _sleep_no_int_handler);
    this.assertEqual(exitcode, -SIGINT);
  }

  async test_terminate() {
    const exitcode = await this._kill_process((p) => p.terminate());
    this.assertEqual(exitcode, -SIGTERM);
  }

  async test_kill() {
    const exitcode = await this._kill_process((p) => p.kill());
    this.assertEqual(exitcode, -SIGKILL);
  }

  test_cpu_count() {
    const cpus = mp.cpuCount();
    this.assertIsInstance(cpus, 'int');
    this.assertGreaterEqual(cpus, 1);
  }

  async test_active_children() {
    this.assertIsInstance(mp.activeChildren(), 'list');

    const event = new mp.Event();
    const p = new mp.Process({ target: _event_wait, args: [event] });
    this.assertNotIn(p, mp.activeChildren());

    try {
      p.daemon = true;
      await p.start();
      this.assertIn(p, mp.activeChildren());
    } finally {
      await event.set();
    }

    await p.join();
    this.assertNotIn(p, mp.activeChildren());
  }

  async test_recursion() {
    const [rconn, wconn] = mp.Pipe({ duplex: false });
    await _test_recursion(wconn, []);

    await sleep(DELTA);
    const result: unknown[] = [];
    while (await rconn.poll()) result.push(await rconn.recv());

    const expected = [[], [0], [0, 0], [0, 1], [1], [1, 0], [1, 1]];
    this.assertEqual(result, expected);
  }

  async test_sentinel() {
    const event = new mp.Event();
    const p = new mp.Process({ target: _test_sentinel, args: [event] });
    await this.assertRaises(mp.ValueError, () => p.sentinel);
    await p.start();
    this.addCleanup(() => p.join());
    const sentinel = p.sentinel;
    this.assertIsInstance(sentinel, 'int');
    this.assertFalse(await wait_for_handle(sentinel, 0.0));
    await event.set();
    await p.join();
    this.assertTrue(await wait_for_handle(sentinel, 1));
  }

  async test_close() {
    const q = new mp.Queue();
    const p = new mp.Process({ target: _test_close, kwargs: { q } });
    p.daemon = true;
    await p.start();
    this.assertEqual(p.isAlive(), true);
    // Child is still alive, cannot close
    await this.assertRaises(mp.ValueError, () => p.close());

    await q.put(null);
    await p.join();
    this.assertEqual(p.isAlive(), false);
    this.assertEqual(p.exitcode, 0);
    p.close();
    await this.assertRaises(mp.ValueError, () => p.isAlive());
    await this.assertRaises(mp.ValueError, () => p.join());
    await this.assertRaises(mp.ValueError, () => p.terminate());
    p.close();
    // (weakref.ref(p) is None after del p and gc.collect(): README.md, skipped parts)

    await close_queue(q);
  }

  async test_many_processes() {
    const N = 5; // spawn's number

    let procs = Array.from({ length: N }, () => new mp.Process({ target: _test_sleep, args: [0.01] }));
    for (const p of procs) await p.start();
    for (const p of procs) await join_process(p);
    for (const p of procs) this.assertEqual(p.exitcode, 0);

    procs = Array.from({ length: N }, () => new mp.Process({ target: _sleep_some }));
    for (const p of procs) await p.start();
    await sleep(0.001); // let the children start...
    for (const p of procs) p.terminate();
    for (const p of procs) await join_process(p);
    const exitcodes = [-SIGTERM];
    for (const p of procs) this.assertIn(p.exitcode, exitcodes);
  }

  test_lose_target_ref() {}

  async test_child_fd_inflation() {
    // Number of fds in child processes should not grow with the number of running children.
    const N = 5;
    const evt = new mp.Event();
    const q = new mp.Queue();

    const procs = Array.from({ length: N }, () => new mp.Process({ target: _test_child_fd_inflation, args: [evt, q] }));
    for (const p of procs) await p.start();

    try {
      const fd_counts: number[] = [];
      for (let i = 0; i < N; i++) fd_counts.push(await q.get());
      this.assertEqual(new Set(fd_counts).size, 1, String(fd_counts));
    } finally {
      await evt.set();
      for (const p of procs) await p.join();
      await close_queue(q);
    }
  }

  async test_wait_for_threads() {
    // A child process should wait for non-daemonic threads to end before exiting
    const evt = new mp.Event();
    const proc = new mp.Process({ target: _test_wait_for_threads, args: [evt] });
    await proc.start();
    await proc.join();
    this.assertTrue(await evt.isSet());
  }

  async test_error_on_stdio_flush_1() {
    // Check that Process works with broken standard streams
    for (const stream_name of ['stdout', 'stderr'] as const) {
      for (const stream of ['closed', 'none'] as const) {
        const old_stream = breakStream(stream_name, stream);
        try {
          const evt = new mp.Event();
          const proc = new mp.Process({ target: _test_error_on_stdio_flush, args: [evt] });
          await proc.start();
          await proc.join();
          this.assertTrue(await evt.isSet());
          this.assertEqual(proc.exitcode, 0);
        } finally {
          process[stream_name].write = old_stream;
        }
      }
    }
  }

  async test_error_on_stdio_flush_2() {
    // Same as test_error_on_stdio_flush_1(), but standard streams are broken by the child process
    for (const stream_name of ['stdout', 'stderr'] as const) {
      for (const action of ['close', 'remove'] as const) {
        const evt = new mp.Event();
        const proc = new mp.Process({ target: _test_error_on_stdio_flush, args: [evt, { [stream_name]: action }] });
        await proc.start();
        await proc.join();
        this.assertTrue(await evt.isSet());
        this.assertEqual(proc.exitcode, 0);
      }
    }
  }
  test_forkserver_sigint() {}
  test_forkserver_sigkill() {}
  test_forkserver_auth_is_enabled() {}
  test_forkserver_without_auth_fails() {}
}

export class _UpperCaser extends mp.Process {
  child_conn: mp.Connection;
  parent_conn: mp.Connection;

  constructor() {
    super();
    [this.child_conn, this.parent_conn] = mp.Pipe();
  }

  override async run() {
    await this.parent_conn.close();
    for (let s = await this.child_conn.recv(); s !== null; s = await this.child_conn.recv()) await this.child_conn.send((s as string).toUpperCase());
    await this.child_conn.close();
  }

  async submit(s: string) {
    if (typeof s !== 'string') throw new Error('assert type(s) is str');
    await this.parent_conn.send(s);
    return this.parent_conn.recv();
  }

  async stop() {
    await this.parent_conn.send(null);
    await this.parent_conn.close();
    await this.child_conn.close();
  }
}

/** `1/0 # MARKER`: JavaScript's 1/0 is Infinity, so the child raises Python's error itself. */
export class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

/** The child's `sys.stderr = open(fd, 'w')`: what it writes to stderr goes to the file. */
function stderrTo(testfn: string): void {
  const fd = fs.openSync(testfn, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') fs.writeSync(fd, chunk);
    else fs.writeSync(fd, chunk);
    return true;
  }) as typeof process.stderr.write;
}

export function _test_stderr_flush(testfn: string) {
  stderrTo(testfn);
  throw new ZeroDivisionError('division by zero'); // 1/0 # MARKER
}

export function _test_sys_exit(reason: unknown, testfn: string) {
  stderrTo(testfn);
  sys_exit(reason);
}

/** `os_helper.TESTFN`: a file name of this test run's own. */
const TESTFN = path.join(os.tmpdir(), `@test_${process.pid}_tmp`);

class _TestSubclassingProcess extends TestCase {
  async test_subclassing() {
    const uppercaser = new _UpperCaser();
    uppercaser.daemon = true;
    await uppercaser.start();
    this.assertEqual(await uppercaser.submit('hello'), 'HELLO');
    this.assertEqual(await uppercaser.submit('world'), 'WORLD');
    await uppercaser.stop();
    await uppercaser.join();
  }

  async test_stderr_flush() {
    // sys.stderr is flushed at process shutdown (issue #13812)
    const testfn = TESTFN;
    this.addCleanup(() => fs.rmSync(testfn, { force: true }));
    const proc = new mp.Process({ target: _test_stderr_flush, args: [testfn] });
    await proc.start();
    await proc.join();
    const err = fs.readFileSync(testfn, 'utf8');
    // The whole traceback was printed
    this.assertIn('ZeroDivisionError', err);
    this.assertIn('test_process.ts', err);
    this.assertIn('1/0 # MARKER', err);
  }

  async test_sys_exit() {
    // See Issue 13854
    const testfn = TESTFN;
    this.addCleanup(() => fs.rmSync(testfn, { force: true }));

    for (const reason of [[1, 2, 3], 'ignore this']) {
      const p = new mp.Process({ target: _test_sys_exit, args: [reason, testfn] });
      p.daemon = true;
      await p.start();
      await join_process(p);
      this.assertEqual(p.exitcode, 1);

      const content = fs.readFileSync(testfn, 'utf8');
      this.assertEqual(content.trimEnd(), typeof reason === 'string' ? reason : '[1, 2, 3]');

      fs.unlinkSync(testfn);
    }

    const cases: [unknown[], number][] = [[[true], 1], [[false], 0], [[8], 8], [[null], 0], [[], 0]];

    for (const [args, expected] of cases) {
      await this.subTest({ args }, async () => {
        const p = new mp.Process({ target: sys_exit, args });
        p.daemon = true;
        await p.start();
        await join_process(p);
        this.assertEqual(p.exitcode, expected);
      });
    }
  }
}

const SKIPS: Listed = {
  '_TestProcess.test_set_executable': "set_executable() names the Python interpreter children run; children here are the launcher's Node processes",
  '_TestProcess.test_lose_target_ref': 'a callable instance (__call__) as target, and weakref/gc.collect(); a target here is an exported function found by name',
  '_TestProcess.test_forkserver_sigint': 'forkserver start method',
  '_TestProcess.test_forkserver_sigkill': 'forkserver start method',
  '_TestProcess.test_forkserver_auth_is_enabled': 'forkserver start method',
  '_TestProcess.test_forkserver_without_auth_fails': 'forkserver start method',
};

await main([_TestProcess, _TestSubclassingProcess], SKIPS);
