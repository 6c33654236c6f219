// Port of CPython Lib/test/_test_multiprocessing.py: _TestConnection and _TestPoll (conventions:
// README.md). Targets are the file's exported functions: a child re-imports the file.
import * as mp from 'rankscope/multiprocessing';
import { main, sleep, TestCase, TIMEOUT1, TimingWrapper, type Listed } from './unittest.js';

/** `latin(s)`: `s.encode('latin')`. */
const latin = (s: string) => Buffer.from(s, 'latin1');

const SENTINEL = latin('');

export async function _echo(conn: mp.Connection) {
  for (let msg = await conn.recvBytes(); !msg.equals(SENTINEL); msg = await conn.recvBytes()) await conn.sendBytes(msg);
  await conn.close();
}

class _TestConnection extends TestCase {
  async test_connection() {
    const [conn, child_conn] = mp.Pipe();

    const p = new mp.Process({ target: _echo, args: [child_conn] });
    p.daemon = true;
    await p.start();

    const seq = [1, 2.25, null];
    const msg = latin('hello world');
    const longmsg = Buffer.concat(Array.from({ length: 10 }, () => msg));
    const arr = Int32Array.from([0, 1, 2, 3]); // array.array('i', list(range(4)))

    this.assertIsInstance(conn.fileno(), 'int');

    this.assertEqual(await conn.send(seq), null);
    this.assertEqual(await conn.recv(), seq);

    this.assertEqual(await conn.sendBytes(msg), null);
    this.assertEqual(await conn.recvBytes(), msg);

    let buffer = new Int32Array(10);
    let expected = [...arr, ...new Array(10 - arr.length).fill(0)];
    this.assertEqual(await conn.sendBytes(arr), null);
    this.assertEqual(await conn.recvBytesInto(buffer), arr.length * buffer.BYTES_PER_ELEMENT);
    this.assertEqual([...buffer], expected);

    buffer = new Int32Array(10);
    expected = [0, 0, 0, ...arr, ...new Array(10 - 3 - arr.length).fill(0)];
    this.assertEqual(await conn.sendBytes(arr), null);
    this.assertEqual(await conn.recvBytesInto(buffer, 3 * buffer.BYTES_PER_ELEMENT), arr.length * buffer.BYTES_PER_ELEMENT);
    this.assertEqual([...buffer], expected);

    const bytearray = Buffer.from(latin(' '.repeat(40)));
    this.assertEqual(await conn.sendBytes(longmsg), null);
    let res: number | undefined;
    try {
      res = await conn.recvBytesInto(bytearray);
    } catch (e) {
      if (!(e instanceof mp.BufferTooShort)) throw e;
      this.assertEqual(e.args, [longmsg]);
    }
    if (res !== undefined) this.fail(`expected BufferTooShort, got ${res}`);

    const poll = new TimingWrapper((...a: unknown[]) => conn.poll(...(a as [number?])));

    this.assertEqual(await poll.call(), false);
    this.assertTimingAlmostEqual(poll.elapsed, 0);

    this.assertEqual(await poll.call(-1), false);
    this.assertTimingAlmostEqual(poll.elapsed, 0);

    this.assertEqual(await poll.call(TIMEOUT1), false);
    this.assertTimingAlmostEqual(poll.elapsed, TIMEOUT1);

    await conn.send(null);
    await sleep(0.1);

    this.assertEqual(await poll.call(TIMEOUT1), true);
    this.assertTimingAlmostEqual(poll.elapsed, 0);

    this.assertEqual(await conn.recv(), null);

    const really_big_msg = Buffer.alloc(1024 * 1024 * 16, 'X'); // 16Mb
    await conn.sendBytes(really_big_msg);
    this.assertEqual((await conn.recvBytes()).equals(really_big_msg), true); // (one comparison, not 16M of pyEqual's)

    await conn.sendBytes(SENTINEL); // tell child to quit
    await child_conn.close();

    this.assertEqual(conn.readable, true);
    this.assertEqual(conn.writable, true);
    await this.assertRaises(mp.EOFError, () => conn.recv());
    await this.assertRaises(mp.EOFError, () => conn.recvBytes());

    await p.join();
  }

  async test_duplex_false() {
    const [reader, writer] = mp.Pipe({ duplex: false });
    this.assertEqual(await writer.send(1), null);
    this.assertEqual(await reader.recv(), 1);
    this.assertEqual(reader.readable, true);
    this.assertEqual(reader.writable, false);
    this.assertEqual(writer.readable, false);
    this.assertEqual(writer.writable, true);
    await this.assertRaises(mp.OSError, () => reader.send(2));
    await this.assertRaises(mp.OSError, () => writer.recv());
    await this.assertRaises(mp.OSError, () => writer.poll());
  }

  async test_spawn_close() {
    // We test that a pipe connection can be closed by parent process immediately after child is
    // spawned. On Windows this would have sometimes failed on old versions because child_conn
    // would be closed before the child got a chance to duplicate it.
    const [conn, child_conn] = mp.Pipe();

    const p = new mp.Process({ target: _echo, args: [child_conn] });
    p.daemon = true;
    void p.start(); // not awaited: the close below may come before the child runs
    await child_conn.close(); // this might complete before child initializes

    const msg = latin('hello');
    await conn.sendBytes(msg);
    this.assertEqual(await conn.recvBytes(), msg);

    await conn.sendBytes(SENTINEL);
    await conn.close();
    await p.join();
  }

  async test_sendbytes() {
    const msg = latin('abcdefghijklmnopqrstuvwxyz');
    const [a, b] = mp.Pipe();

    await a.sendBytes(msg);
    this.assertEqual(await b.recvBytes(), msg);

    await a.sendBytes(msg, 5);
    this.assertEqual(await b.recvBytes(), msg.subarray(5));

    await a.sendBytes(msg, 7, 8);
    this.assertEqual(await b.recvBytes(), msg.subarray(7, 7 + 8));

    await a.sendBytes(msg, 26);
    this.assertEqual(await b.recvBytes(), latin(''));

    await a.sendBytes(msg, 26, 0);
    this.assertEqual(await b.recvBytes(), latin(''));

    await this.assertRaises(mp.ValueError, () => a.sendBytes(msg, 27));

    await this.assertRaises(mp.ValueError, () => a.sendBytes(msg, 22, 5));

    await this.assertRaises(mp.ValueError, () => a.sendBytes(msg, 26, 1));

    await this.assertRaises(mp.ValueError, () => a.sendBytes(msg, -1));

    await this.assertRaises(mp.ValueError, () => a.sendBytes(msg, 4, -1));
  }

  test_fd_transfer() {}
  test_large_fd_transfer() {}
  test_missing_fd_transfer() {}

  async test_context() {
    const [a, b] = mp.Pipe();

    {
      await using _a = a;
      await using _b = b;
      await a.send(1729);
      this.assertEqual(await b.recv(), 1729);
      this.assertFalse(a.closed);
      this.assertFalse(b.closed);
    }

    this.assertTrue(a.closed);
    this.assertTrue(b.closed);
    await this.assertRaises(mp.OSError, () => a.recv());
    await this.assertRaises(mp.OSError, () => b.recv());
  }
}

export async function _child_strings(conn: mp.Connection, strings: Uint8Array[]) {
  for (const s of strings) {
    await sleep(0.1);
    await conn.sendBytes(s);
  }
  await conn.close();
}

/**
 * Polling may "pull" a message in to the child process, but we don't want it to pull only part of
 * a message, as that would corrupt the pipe for any other processes which might later read from it.
 */
export async function _child_boundaries(r: mp.Connection) {
  await r.poll(5);
}

export async function _child_dont_merge(b: mp.Connection) {
  await b.sendBytes(latin('a'));
  await b.sendBytes(latin('b'));
  await b.sendBytes(latin('cd'));
}

class _TestPoll extends TestCase {
  async test_empty_string() {
    const [a, b] = mp.Pipe();
    this.assertEqual(await a.poll(), false);
    await b.sendBytes(latin(''));
    this.assertEqual(await a.poll(), true);
    this.assertEqual(await a.poll(), true);
  }

  async test_strings() {
    const strings = ['hello', '', 'a', 'b', '', 'bye', '', 'lop'].map(latin);
    const [a, b] = mp.Pipe();
    const p = new mp.Process({ target: _child_strings, args: [b, strings] });
    await p.start();

    for (const s of strings) {
      for (let i = 0; i < 200; i++) if (await a.poll(0.01)) break;
      const x = await a.recvBytes();
      this.assertEqual(s, x);
    }

    await p.join();
  }

  async test_boundaries() {
    const [r, w] = mp.Pipe(false);
    const p = new mp.Process({ target: _child_boundaries, args: [r] });
    await p.start();
    await sleep(2);
    const L = [latin('first'), latin('second')];
    for (const obj of L) await w.sendBytes(obj);
    await w.close();
    await p.join();
    this.assertIn(await r.recvBytes(), L);
  }

  async test_dont_merge() {
    const [a, b] = mp.Pipe();
    this.assertEqual(await a.poll(0.0), false);
    this.assertEqual(await a.poll(0.1), false);

    const p = new mp.Process({ target: _child_dont_merge, args: [b] });
    await p.start();

    this.assertEqual(await a.recvBytes(), latin('a'));
    this.assertEqual(await a.poll(1.0), true);
    this.assertEqual(await a.poll(1.0), true);
    this.assertEqual(await a.recvBytes(), latin('b'));
    this.assertEqual(await a.poll(1.0), true);
    this.assertEqual(await a.poll(1.0), true);
    this.assertEqual(await a.poll(0.0), true);
    this.assertEqual(await a.recvBytes(), latin('cd'));

    await p.join();
  }
}

const SKIPS: Listed = {
  '_TestConnection.test_fd_transfer': 'passes an OS file descriptor through the pipe (multiprocessing.reduction.send_handle)',
  '_TestConnection.test_large_fd_transfer': 'passes an OS file descriptor through the pipe (multiprocessing.reduction.send_handle)',
  '_TestConnection.test_missing_fd_transfer': "writes raw bytes to the pipe's file descriptor and expects reduction.recv_handle to fail",
};

await main([_TestConnection, _TestPoll], SKIPS);
