// Port of CPython Lib/test/_test_multiprocessing.py: _TestListener, _TestListenerClient and
// _TestPicklingConnections (conventions: README.md). Targets are the file's exported functions.
import * as mp from 'rankscope/multiprocessing';
import { main, sleep, TestCase, type Listed } from './unittest.js';

const latin = (s: string) => Buffer.from(s, 'latin1');

class _TestListener extends TestCase {
  async test_multiple_bind() {
    for (const family of mp.connection.families) {
      const l = await mp.connection.Listener({ family });
      this.addCleanup(() => l.close());
      await this.assertRaises(mp.OSError, () => mp.connection.Listener(l.address, family));
    }
  }

  async test_context() {
    let listener: mp.connection.Listener;
    {
      await using l = await mp.connection.Listener();
      listener = l;
      {
        await using c = await mp.connection.Client(l.address);
        {
          await using d = await l.accept();
          await c.send(1729);
          this.assertEqual(await d.recv(), 1729);
        }
      }
    }

    await this.assertRaises(mp.OSError, () => listener.accept());
  }

  async test_empty_authkey() {
    // bpo-43952: allow empty bytes as authkey
    const run = async (addr: mp.connection.Address, authkey: Uint8Array) => {
      const client = await mp.connection.Client(addr, { authkey });
      await client.send(1729);
    };

    const key = new Uint8Array(0);

    let listener: mp.connection.Listener;
    {
      await using l = await mp.connection.Listener({ authkey: key });
      listener = l;
      const thread = run(l.address, key); // threading.Thread(target=run).start(): a task of its own
      try {
        await using d = await l.accept();
        this.assertEqual(await d.recv(), 1729);
      } finally {
        await thread; // thread.join()
      }
    }

    await this.assertRaises(mp.OSError, () => listener.accept());
  }

  async test_abstract_socket() {
    let listener: mp.connection.Listener;
    {
      await using l = await mp.connection.Listener('\0something');
      listener = l;
      {
        await using client = await mp.connection.Client(l.address);
        {
          await using d = await l.accept();
          await client.send(1729);
          this.assertEqual(await d.recv(), 1729);
        }
      }
    }

    await this.assertRaises(mp.OSError, () => listener.accept());
  }
}

export async function _test(address: mp.connection.Address) {
  const conn = await mp.connection.Client(address);
  await conn.send('hello');
  await conn.close();
}

class _TestListenerClient extends TestCase {
  async test_listener_client() {
    for (const family of mp.connection.families) {
      const l = await mp.connection.Listener({ family });
      const p = new mp.Process({ target: _test, args: [l.address] });
      p.daemon = true;
      await p.start();
      const conn = await l.accept();
      this.assertEqual(await conn.recv(), 'hello');
      await p.join();
      l.close();
    }
  }

  async test_issue14725() {
    const l = await mp.connection.Listener();
    const p = new mp.Process({ target: _test, args: [l.address] });
    p.daemon = true;
    await p.start();
    await sleep(1);
    // On Windows the client process should by now have connected, written data and closed the
    // pipe handle by now. This causes ConnectNamdedPipe() to fail with ERROR_NO_DATA.
    const conn = await l.accept();
    this.assertEqual(await conn.recv(), 'hello');
    await conn.close();
    await p.join();
    l.close();
  }

  async test_issue16955() {
    for (const fam of mp.connection.families) {
      const l = await mp.connection.Listener({ family: fam });
      const c = await mp.connection.Client(l.address);
      const a = await l.accept();
      await a.sendBytes(latin('hello'));
      this.assertTrue(await c.poll(1));
      await a.close();
      await c.close();
      l.close();
    }
  }
}

export async function child_access(conn: mp.Connection) {
  const w = (await conn.recv()) as mp.Connection;
  await w.send('all is well');
  await w.close();

  const r = (await conn.recv()) as mp.Connection;
  const msg = (await r.recv()) as string;
  await conn.send(msg.repeat(2));

  await conn.close();
}

class _TestPicklingConnections extends TestCase {
  test_pickling() {}

  async test_access() {
    // On Windows, if we do not specify a destination pid when using DupHandle then we need to be
    // careful to use the correct access flags for DuplicateHandle() (a Windows concern, kept).
    const [conn, child_conn] = mp.Pipe();
    const p = new mp.Process({ target: child_access, args: [child_conn] });
    p.daemon = true;
    await p.start();
    await child_conn.close();

    let [r, w] = mp.Pipe({ duplex: false });
    await conn.send(w);
    await w.close();
    this.assertEqual(await r.recv(), 'all is well');
    await r.close();

    [r, w] = mp.Pipe({ duplex: false });
    await conn.send(r);
    await r.close();
    await w.send('foobar');
    await w.close();
    this.assertEqual(await conn.recv(), 'foobar'.repeat(2));

    await p.join();
  }
}

const SKIPS: Listed = {
  '_TestPicklingConnections.test_pickling': "sends an accepted socket connection and a raw socket object to another process (file descriptor passing); pipe ends, which travel as handles, are test_access's",
};

await main([_TestListener, _TestListenerClient, _TestPicklingConnections], SKIPS);
