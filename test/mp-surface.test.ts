/**
 * The multiprocessing surface a Python user relies on (issue 20, "Build" items 3 and 4), each
 * checked through the CLI in real processes: synchronous reprs, every keyword argument in the
 * options object (and an unknown one named in a TypeError), and Python's error classes.
 */
import * as assert from 'node:assert/strict';
import { program, runCli } from './helpers/run-cli.js';

/** Runs a multiprocessing program; returns its output lines, with addresses and pids masked. */
const run = async (body: string) => {
  const r = await runCli(['run', program(`import * as mp from 'rankscope/multiprocessing';\n${body}`)]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => l.replace(/ at \d+:\d+/g, ' at X').replace(/pid=\d+/g, 'pid=N').replace(/parent=\d+/g, 'parent=P'));
};

describe('multiprocessing: the surface Python users rely on', () => {
  it("String(x) is Python's repr, synchronously: exact in the owner, what this process holds elsewhere", async () => {
    const out = await run(`
export async function child(lock: mp.Lock, r: mp.RLock, v: mp.Value, ev: mp.Event, q: mp.Queue) {
  await q.put([String(lock), String(r), String(v), String(ev)].join(' '));
  await lock.acquire(); await r.acquire(); await r.acquire();
  await q.put([String(lock), String(r), String(mp.parentProcess())].join(' '));
  await lock.release(); await r.release(); await r.release();
  await q.put(String(lock));
}
await mp.main(async () => {
  const lock = new mp.Lock(), r = new mp.RLock(), s = new mp.Semaphore(2), b = new mp.BoundedSemaphore(2);
  console.log(String(lock), \`\${r}\`, String(s), String(b));
  await lock.acquire(); await r.acquire(); await r.acquire(); await s.acquire();
  console.log(String(lock), String(r), String(s));
  await lock.release(); await r.release(); await r.release();
  const ev = new mp.Event(); console.log(String(ev)); await ev.set(); console.log(String(ev));
  console.log(String(new mp.Condition()), String(new mp.Barrier(3)));
  console.log(String(new mp.Value('i', 5)), String(new mp.Value('d', 1)), String(mp.RawValue('h', -3)));
  console.log(String(new mp.Array('i', 3)));
  console.log(String(mp.RawArray('d', [1, 2])));
  console.log(String(new mp.Queue()), String(mp.Pipe()[0]));
  const pool = new mp.Pool(2); console.log(String(pool)); pool.close(); console.log(String(pool)); await pool.join();
  const q = new mp.Queue(), v = new mp.Value('i', 7);
  const p = new mp.Process({ target: child, args: [lock, r, v, ev, q] });
  console.log(String(p));
  await p.start();
  console.log(String(p));
  for (let i = 0; i < 3; i++) console.log(await q.get());
  await p.join();
  console.log(String(p));
  p.close(); console.log(String(p));
  console.log(String(mp.currentProcess()));
});
`);
    assert.deepEqual(out, [
      '<Lock(owner=None)> <RLock(None, 0)> <Semaphore(value=2)> <BoundedSemaphore(value=2, maxvalue=2)>',
      '<Lock(owner=MainProcess)> <RLock(MainProcess, 2)> <Semaphore(value=1)>',
      '<Event at X unset>',
      '<Event at X set>',
      '<Condition(<RLock(None, 0)>, 0)> <Barrier at X: waiters=0/3>',
      '<Synchronized wrapper for c_int(5)> <Synchronized wrapper for c_double(1.0)> c_short(-3)',
      '<SynchronizedArray wrapper for <multiprocessing.sharedctypes.c_int_Array_3 object at X>>',
      '<multiprocessing.sharedctypes.c_double_Array_2 object at X>',
      '<multiprocessing.queues.Queue object at X> <multiprocessing.connection.Connection object at X>',
      '<multiprocessing.pool.Pool state=RUN pool_size=2>',
      '<multiprocessing.pool.Pool state=CLOSE pool_size=2>',
      "<Process name='Process-1' parent=P initial>",
      "<Process name='Process-1' pid=N parent=P started>",
      '<Lock(owner=unknown)> <RLock(unknown, unknown)> <Synchronized wrapper for c_int(unknown)> <Event at X unknown>',
      "<Lock(owner=Process-1)> <RLock(Process-1, 2)> <_ParentProcess name='MainProcess' parent=None unknown>",
      '<Lock(owner=unknown)>',
      "<Process name='Process-1' pid=N parent=P stopped exitcode=0>",
      "<Process name='Process-1' parent=P closed>",
      "<_MainProcess name='MainProcess' parent=None started>",
    ]);
  });
});
