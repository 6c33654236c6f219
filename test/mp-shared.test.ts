/**
 * Shared objects across real processes: every method, timeouts, wake-ups from another process,
 * pipe EOF, and the errors a user can act on.
 */
import * as assert from 'node:assert/strict';
import { program, runCli } from './helpers/run-cli.js';

const run = async (body: string) => {
  const r = await runCli(['run', program(`import * as mp from 'rankscope/multiprocessing';\n${body}`)]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split('\n');
};

describe('multiprocessing: shared objects', () => {
  it('Queue: put/get across processes, FIFO, qsize/empty/full, Empty and Full on timeouts, JoinableQueue', async () => {
    const out = await run(`
export async function producer(q: mp.Queue, n: number) { for (let i = 0; i < n; i++) await q.put({ i }); }
export async function worker(q: mp.JoinableQueue, done: mp.Queue) {
  for (;;) { const x = await q.get(); if (x === null) { await q.taskDone(); return; } await done.put(x * 10); await q.taskDone(); }
}
await mp.main(async () => {
  const q = new mp.Queue();
  const p = new mp.Process({ target: producer, args: [q, 5] });
  await p.start();
  const got = [];
  for (let i = 0; i < 5; i++) got.push((await q.get()).i);
  await p.join();
  console.log('fifo', got.join(','), await q.empty(), await q.qsize());
  try { await q.get(true, 0.1); } catch (e) { console.log('timeout', (e as Error).name, e instanceof mp.Empty); }
  try { await q.getNowait(); } catch (e) { console.log('nowait', e instanceof mp.Empty); }
  const small = new mp.Queue(1);
  await small.put('a');
  console.log('full', await small.full());
  try { await small.put('b', { timeout: 0.1 }); } catch (e) { console.log('put timeout', e instanceof mp.Full); }
  const jq = new mp.JoinableQueue();
  const done = new mp.Queue();
  const w = new mp.Process({ target: worker, args: [jq, done] });
  await w.start();
  for (const x of [1, 2, 3]) await jq.put(x);
  await jq.put(null);
  await jq.join();
  const results = [await done.get(), await done.get(), await done.get()];
  console.log('joined', results.join(','));
  await w.join();
});
`);
    assert.deepEqual(out, ['fifo 0,1,2,3,4 true 0', 'timeout Empty true', 'nowait true', 'full true', 'put timeout true', 'joined 10,20,30']);
  });

  it('Pipe: both directions, poll, EOFError only once every holder closed, closed-end errors', async () => {
    const out = await run(`
export async function echo(conn: mp.Connection) {
  for (;;) { let x; try { x = await conn.recv(); } catch (e) { if (e instanceof mp.EOFError) break; throw e; } await conn.send(x + '!'); }
  await conn.close();
}
await mp.main(async () => {
  const [a, b] = mp.Pipe();
  const p = new mp.Process({ target: echo, args: [b] });
  await p.start();
  await b.close(); // the child still holds b: no EOF for a yet
  console.log('poll before', await a.poll());
  await a.send('hi');
  console.log(await a.recv(), await a.poll(), await a.poll(0.05));
  await a.close();
  await p.join();
  console.log('child exit', p.exitCode);
  try { await a.send('x'); } catch (e) { console.log((e as Error).message); }
  const [c, d] = mp.Pipe();
  await c.send(1);
  await c.close();
  console.log('drain', await d.recv());
  try { await d.recv(); } catch (e) { console.log('eof', e instanceof mp.EOFError); }
});
`);
    assert.deepEqual(out, ['poll before false', 'hi! false false', 'child exit 0', 'send: this end of the pipe is closed in this process', 'drain 1', 'eof true']);
  });

  it('Lock, RLock, Semaphore and BoundedSemaphore across processes', async () => {
    const out = await run(`
export async function holder(lock: mp.Lock, ev: mp.Event) { await lock.acquire(); await ev.set(); await new Promise((r) => setTimeout(r, 200)); await lock.release(); }
await mp.main(async () => {
  const lock = new mp.Lock();
  const ev = new mp.Event();
  const p = new mp.Process({ target: holder, args: [lock, ev] });
  await p.start();
  await ev.wait();
  console.log('try while held', await lock.acquire(false), await lock.acquire(true, 0.05));
  console.log('wait for release', await lock.acquire());
  await lock.release();
  await p.join();
  try { await lock.release(); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  const r = new mp.RLock();
  console.log('reentrant', await r.acquire(), await r.acquire());
  await r.release(); await r.release();
  const s = new mp.Semaphore(2);
  console.log('sem', await s.acquire(), await s.acquire(), await s.acquire(false), await s.getValue());
  await s.release(); await s.release();
  const b = new mp.BoundedSemaphore(1);
  try { await b.release(); } catch (e) { console.log((e as Error).name); }
  console.log('withLock', await lock.withLock(() => 42));
});
`);
    assert.deepEqual(out, ['try while held false false', 'wait for release true', 'ValueError release unlocked lock', 'reentrant true true', 'sem true true false 0', 'ValueError', 'withLock 42']);
  });

  it('Event, Condition and Barrier wake processes up; a barrier that times out is broken', async () => {
    const out = await run(`
export async function waiter(cond: mp.Condition, box: mp.Value, b: mp.Barrier) {
  await cond.withLock(async () => { while ((await box.get()) === 0) await cond.wait(); });
  console.log('cond saw', await box.get());
  console.log('barrier index', typeof (await b.wait()));
}
await mp.main(async () => {
  const ev = new mp.Event();
  console.log('event', await ev.isSet(), await ev.wait(0.05));
  await ev.set();
  console.log('event set', await ev.wait());
  const cond = new mp.Condition();
  const box = new mp.Value('i', 0);
  const b = new mp.Barrier(2);
  const p = new mp.Process({ target: waiter, args: [cond, box, b] });
  await p.start();
  await new Promise((r) => setTimeout(r, 100));
  await cond.withLock(async () => { await box.set(7); await cond.notifyAll(); });
  await b.wait();
  await p.join();
  const lonely = new mp.Barrier(3, undefined, 0.1);
  try { await lonely.wait(); } catch (e) { console.log('broken', e instanceof mp.BrokenBarrierError, await lonely.broken()); }
  console.log('parties', lonely.parties);
});
`);
    assert.deepEqual(out, ['event false false', 'event set true', 'cond saw 7', 'barrier index number', 'broken true true', 'parties 3']);
  });

  it('Value, Array and Manager dict/list/Namespace are shared; a list proxy is usable in children', async () => {
    const out = await run(`
export async function fill(arr: mp.Array, l: mp.ListProxy, ns: mp.NamespaceProxy, i: number) {
  await arr.set(i, i * 1.5);
  await l.append(i);
  await ns.set('last', i);
}
await mp.main(async () => {
  const arr = new mp.Array('d', 3);
  const mgr = await mp.Manager();
  const l = mgr.list();
  const ns = mgr.Namespace({ last: -1 });
  const ps = [0, 1, 2].map((i) => new mp.Process({ target: fill, args: [arr, l, ns, i] }));
  for (const p of ps) await p.start();
  for (const p of ps) await p.join();
  console.log('array', (await arr.toArray()).join(','), arr.length);
  console.log('list', (await l.copy()).sort().join(','), await l.length());
  console.log('ns', [0, 1, 2].includes(await ns.get('last')));
  const v = new mp.Value('i', 2.9);
  console.log('int value', await v.get());
  try { new mp.Value('z', 1); } catch (e) { console.log(/^Value: unknown typecode 'z'; use one of/.test((e as Error).message)); }
  await mgr.shutdown();
  try { mgr.dict(); } catch (e) { console.log((e as Error).message); }
});
`);
    assert.deepEqual(out, ['array 0,1.5,3 3', 'list 0,1,2 3', 'ns true', 'int value 2', 'true', 'Manager.dict: the manager was shut down']);
  });
});
