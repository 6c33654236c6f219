/**
 * Shared objects across real processes: every method, timeouts, wake-ups from another process,
 * pipe EOF, and the errors a user can act on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { program, runCli, runProgram, sortedLines } from './helpers/run-cli.js';

/** An MPI program where rank 0 creates shared objects and broadcasts their handles to every rank. */
const ranks = async (np: number, body: string, extra: string[] = []) => {
  const head = `import * as mp from 'rankscope/multiprocessing';
import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const share = async <T,>(make: () => T): Promise<T> => mp.decodeHandles(await comm.bcast(rank === 0 ? mp.encodeHandles(make()) : undefined)) as T;
`;
  // Objects live in rank 0: it must outlive the other ranks' use of them.
  const r = await runProgram(`${head}${body}\nawait comm.barrier();\n`, np, extra);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return sortedLines(r.stdout);
};

const run = async (body: string) => {
  const r = await runCli(['run', program(`import * as mp from 'rankscope/multiprocessing';\n${body}`)]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split('\n');
};

describe('multiprocessing: shared objects', () => {
  it("Manager proxies have Python's dict and list methods (KeyError, ValueError, async iteration); Lock.locked(); withLock gets acquire()'s result; RawValue; a bad typecode is a TypeError", async () => {
    const out = await run(`
await mp.main(async () => {
  const mgr = await mp.Manager();
  const d = mgr.dict({ a: 1, b: 2 });
  console.log(await d.values(), await d.items(), await d.setdefault('c', 3), await d.pop('a'), await d.pop('zz', 'dflt'));
  try { await d.pop('zz'); } catch (e) { console.log((e as Error).name, e instanceof mp.KeyError); }
  await d.update({ x: 9 }); console.log(await d.popitem());
  const ks: string[] = []; for await (const k of d) ks.push(k); console.log(ks.join(','));
  await d.clear(); console.log(await d.length());
  const l = mgr.list([3, 1, 2, 1]);
  await l.insert(0, 9); await l.remove(1); console.log(await l.copy(), await l.index(2), await l.count(1));
  await l.sort(); console.log(await l.copy()); await l.sort({ reverse: true }); console.log(await l.copy()); await l.reverse(); console.log(await l.slice(1, 3));
  try { await l.remove(42); } catch (e) { console.log((e as Error).name); }
  const xs: number[] = []; for await (const x of l) xs.push(x); console.log(xs.join(','));
  await l.clear(); console.log(await l.length());
  const lk = new mp.Lock(); console.log(await lk.locked()); await lk.withLock(async (ok) => console.log('got', ok, await lk.locked()));
  const rv = mp.RawValue('i', 5); console.log(await rv.get(), 'getObj' in rv); // Python's RawValue has no get_obj
  try { new mp.Value('z', 1); } catch (e) { console.log((e as Error).name); }
  await mgr.shutdown();
});
`);
    assert.deepEqual(out, [
      "[ 1, 2 ] [ [ 'a', 1 ], [ 'b', 2 ] ] 3 1 dflt", 'KeyError true', "[ 'x', 9 ]", 'b,c', '0', '[ 9, 3, 2, 1 ] 2 1',
      '[ 1, 2, 3, 9 ]', '[ 9, 3, 2, 1 ]', '[ 2, 3 ]', 'ValueError', '1,2,3,9', '0', 'false', 'got true true', '5 false', 'TypeError',
    ]);
  });

  it("hands a pipe end to the child at start(): Python's `p.start(); w.close()` without await keeps the stream", async () => {
    const out = await run(`
export async function writer(w: mp.Connection) { for (let i = 0; i < 3; i++) await w.send(i); await w.close(); }
await mp.main(async () => {
  const [r, w] = mp.Pipe({ duplex: false });
  const p = new mp.Process({ target: writer, args: [w] });
  void p.start();
  void w.close();
  const got: number[] = [];
  for (;;) { try { got.push(await r.recv()); } catch (e) { if (e instanceof mp.EOFError) break; throw e; } }
  console.log(got.join(','));
  await p.join();
});
`);
    assert.deepEqual(out, ['0,1,2']);
  });

  it("takes Python's keyword arguments in options objects (Queue maxsize, Pipe duplex, timeouts of waitFor/Barrier/Event/get) and names an unknown one", async () => {
    const out = await run(`
await mp.main(async () => {
  const q = new mp.Queue({ maxsize: 1 });
  await q.put(1);
  try { await q.put(2, { timeout: 0.1 }); } catch (e) { console.log('put', (e as Error).name); }
  try { await new mp.Queue().get({ block: true, timeout: 0.1 }); } catch (e) { console.log('get', (e as Error).name); }
  const [a] = mp.Pipe({ duplex: false });
  try { await a.send(1); } catch (e) { console.log('one-way', (e as Error).name); }
  const c = new mp.Condition();
  await c.acquire();
  console.log('waitFor', await c.waitFor(() => false, { timeout: 0.2 }));
  await c.release();
  try { await new mp.Barrier(2, { timeout: 0.2 }).wait(); } catch (e) { console.log('barrier', (e as Error).name); }
  console.log('event', await new mp.Event().wait({ timeout: 0.1 }));
  console.log('semaphore', await new mp.Semaphore({ value: 2 }).getValue());
  for (const make of [() => new mp.Queue({ maxsiz: 1 } as any), () => mp.Pipe({ duplx: false } as any), () => new mp.Barrier(2, { timout: 1 } as any)]) {
    try { make(); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  }
});
`);
    assert.deepEqual(out, [
      'put Full', 'get Empty', 'one-way OSError', 'waitFor false', 'barrier BrokenBarrierError', 'event false', 'semaphore 2',
      "TypeError Queue() got an unexpected keyword argument 'maxsiz'; it takes maxsize",
      "TypeError Pipe() got an unexpected keyword argument 'duplx'; it takes duplex",
      "TypeError Barrier() got an unexpected keyword argument 'timout'; it takes parties, action, timeout",
    ]);
  });

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
    assert.deepEqual(out, ['poll before false', 'hi! false false', 'child exit 0', 'Connection.send: handle is closed', 'drain 1', 'eof true']);
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
  console.log('parties', lonely.parties, /^<Barrier at \\d+:\\d+: broken>$/.test(await lonely.repr()), /: waiters=0\\/2>$/.test(await new mp.Barrier(2).repr()));
});
`);
    assert.deepEqual(out, ['event false false', 'event set true', 'cond saw 7', 'barrier index number', 'broken true true', 'parties 3 true true']);
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
  console.log('as ctypes', await new mp.Value('b', 200).get(), await new mp.Value('L', -1).get(), await new mp.Value('f', 0.1).get());
  try { new mp.Value('z', 1); } catch (e) { console.log(/^Value: bad typecode "z" .must be one of/.test((e as Error).message)); }
  await mgr.shutdown();
  try { mgr.dict(); } catch (e) { console.log((e as Error).message); }
});
`);
    assert.deepEqual(out, ['array 0,1.5,3 3', 'list 0,1,2 3', 'ns true', 'int value 2', 'as ctypes -56 18446744073709552000 0.10000000149011612', 'true', 'Manager.dict: the manager was shut down; call mgr.shutdown() only after every process is done with its proxies']);
  });
});

describe('multiprocessing: shared objects between MPI ranks (handles sent with bcast)', () => {
  it('Queue: a get and a put blocked in one rank are woken by another; Full/Empty on timeouts; close() is per process; items are copies', async () => {
    const out = await ranks(3, `
const q = await share(() => new mp.Queue(2));
if (rank === 0) console.log('own handle revives to the original', mp.decodeHandles(mp.encodeHandles(q)) === q);
if (rank === 1) { const t0 = Date.now(); const x = await q.get(); console.log('r1 woke with', x.v, Date.now() - t0 >= 100); }
if (rank === 2) { await sleep(200); await q.put({ v: 'late' }); }
await comm.barrier();
if (rank === 0) {
  await q.put(1); await q.put(2);
  console.log('full', await q.full(), await q.qsize(), await q.empty());
  const t0 = Date.now();
  try { await q.put(3, true, 0.1); } catch (e) { console.log('put timeout', e instanceof mp.Full, Date.now() - t0 >= 90); }
  try { await q.putNowait(3); } catch (e) { console.log('putNowait', e instanceof mp.Full); }
  try { await q.put(3, false); } catch (e) { console.log('put block=false', e instanceof mp.Full); }
}
await comm.barrier();
if (rank === 1) { await q.put(3); console.log('r1 put went through'); }
if (rank === 2) { await sleep(150); const got = [await q.get(), await q.get(), await q.get()]; console.log('r2 got', got.join(',')); }
await comm.barrier();
if (rank === 2) {
  console.log('empty', await q.empty(), await q.qsize());
  const t0 = Date.now();
  try { await q.get(true, 0.1); } catch (e) { console.log('get timeout', (e as Error).name, e instanceof mp.Empty, Date.now() - t0 >= 90); }
  try { await q.getNowait(); } catch (e) { console.log('getNowait', e instanceof mp.Empty); }
  try { await q.get({ timeout: 0.05 }); } catch (e) { console.log('get options', e instanceof mp.Empty); }
  try { await q.put(() => 1); } catch (e) { console.log('function', (e as Error).name, /cannot send this value to another process/.test((e as Error).message)); }
  await q.close();
  try { await q.put('after close'); } catch (e) { console.log('closed here', (e as Error).name, /this process closed the queue/.test((e as Error).message)); }
}
await comm.barrier();
if (rank === 0) {
  const item = { n: 1 };
  await q.put(item);
  item.n = 2;
  console.log('copy', (await q.get()).n);
  const ev = new mp.Event();
  await q.put({ ev });
  console.log('event set by rank 1', await ev.wait(5));
}
if (rank === 1) { await sleep(100); const { ev } = await q.get(); await ev.set(); }
`);
    assert.deepEqual(out, [
      'closed here ValueError true', 'copy 1', 'empty true 0', 'event set by rank 1 true', 'full true 2 false', 'function TypeError true',
      'get options true', 'get timeout Empty true true', 'getNowait true', 'own handle revives to the original true',
      'put block=false true', 'put timeout true true', 'putNowait true', 'r1 put went through', 'r1 woke with late true', 'r2 got 1,2,3',
    ]);
  });

  it('JoinableQueue and SimpleQueue: join waits for every taskDone from other ranks; too many taskDone is a ValueError', async () => {
    const out = await ranks(3, `
const [jq, sq] = await share(() => [new mp.JoinableQueue(), new mp.SimpleQueue()]);
if (rank === 0) {
  for (let i = 0; i < 6; i++) await jq.put(i);
  for (let i = 0; i < 2; i++) await jq.put(null);
  const t0 = Date.now();
  await jq.join();
  console.log('joined after work', Date.now() - t0 >= 50);
  try { await jq.taskDone(); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  const sum = (await sq.get()) + (await sq.get());
  console.log('sum', sum, await sq.empty());
} else {
  let sum = 0;
  for (;;) { const x = await jq.get(); if (x === null) { await jq.taskDone(); break; } await sleep(20); sum += x; await jq.taskDone(); }
  await sq.put(sum);
}
`);
    assert.deepEqual(out, ['ValueError taskDone() called more times than there were items put', 'joined after work true', 'sum 15 true']);
  });

  it('Lock, RLock, Semaphore, BoundedSemaphore: exclusion, wake-ups across ranks, timeouts, RLock ownership per process', async () => {
    const out = await ranks(3, `
const [lock, rlock, sem, bsem, v] = await share(() => [new mp.Lock(), new mp.RLock(), new mp.Semaphore(1), new mp.BoundedSemaphore(2), new mp.Value('i', 0)]);
for (let i = 0; i < 20; i++) await lock.withLock(async () => { const x = await v.get(); await sleep(1); await v.set(x + 1); });
await comm.barrier();
if (rank === 0) console.log('guarded by Lock', await v.get());
if (rank === 1) { console.log('rlock', await rlock.acquire(), await rlock.acquire()); }
await comm.barrier();
if (rank === 2) {
  console.log('held elsewhere', await rlock.acquire(false), await rlock.acquire(true, 0.05), await rlock.repr());
  try { await rlock.release(); } catch (e) { console.log('not owner', /not held by this process/.test((e as Error).message), e instanceof mp.RuntimeError); }
}
await comm.barrier();
if (rank === 1) { await rlock.release(); await rlock.release(); }
await comm.barrier();
if (rank === 2) { console.log('free now', await rlock.acquire(false)); await rlock.release(); }
if (rank === 1) { await sem.acquire(); await comm.barrier(); await sleep(150); await sem.release(); }
else if (rank === 2) { await comm.barrier(); const t0 = Date.now(); console.log('sem try', await sem.acquire(false), await sem.getValue()); console.log('sem woken', await sem.acquire(), Date.now() - t0 >= 100); await sem.release(); }
else await comm.barrier();
await comm.barrier();
if (rank === 0) {
  console.log('bounded', await bsem.acquire(), await bsem.acquire(), await bsem.acquire({ block: false }), await bsem.repr(), await sem.repr(), await lock.repr());
  await bsem.release(); await bsem.release();
  try { await bsem.release(); } catch (e) { console.log('over-release', (e as Error).name, (e as Error).message); }
  console.log('withSemaphore', await sem.withSemaphore(async () => (await sem.getValue())));
  try { await lock.withLock(async () => { throw new Error('inside'); }); } catch (e) { console.log('released after throw', (e as Error).message, await lock.acquire(false)); }
  await lock.release();
  try { await lock.release(); } catch (e) { console.log('unlocked', (e as Error).name); }
  try { new mp.Semaphore(-1); } catch (e) { console.log((e as Error).message); }
}
`);
    assert.deepEqual(out, [
      'Semaphore: initial value must be an integer >= 0, got -1', 'bounded true true false <BoundedSemaphore(value=0, maxvalue=2)> <Semaphore(value=1)> <Lock(owner=None)>', 'free now true', 'guarded by Lock 60',
      'held elsewhere false false <RLock(SomeOtherProcess, nonzero)>', 'not owner true true', 'over-release ValueError BoundedSemaphore released too many times',
      'released after throw inside true', 'rlock true true', 'sem try false 0', 'sem woken true true', 'unlocked ValueError', 'withSemaphore 0',
    ]);
  });

  it('Event and Condition: set wakes every rank, notify(n) wakes n, waitFor, an RLock held twice is released by wait', async () => {
    const out = await ranks(4, `
const [ev, cond, woken, rcond] = await share(() => [new mp.Event(), new mp.Condition(), new mp.Value('i', 0), new mp.Condition(new mp.RLock())]);
if (rank === 0) console.log('event before', await ev.isSet(), await ev.wait(0.05), await cond.repr(), await cond.withLock(() => cond.repr()));
await comm.barrier();
if (rank > 0) { const t0 = Date.now(); console.log('event', rank, await ev.wait(), Date.now() - t0 >= 50); }
else { await sleep(200); await ev.set(); }
await comm.barrier();
await ev.clear();
if (rank === 0) console.log('cleared', await ev.isSet());
await comm.barrier();
if (rank > 0) {
  await cond.withLock(async () => { await cond.wait(); await woken.set((await woken.get()) + 1); });
} else {
  await sleep(200);
  await cond.withLock(() => cond.notify(2));
  await sleep(200);
  console.log('after notify(2)', await woken.get());
  await cond.withLock(() => cond.notifyAll());
}
await comm.barrier();
if (rank === 0) console.log('after notifyAll', await woken.get());
if (rank === 1) {
  await cond.acquire();
  const t0 = Date.now();
  console.log('waitFor times out', await cond.waitFor(async () => (await woken.get()) > 10, 0.1), Date.now() - t0 >= 90);
  console.log('waitFor true at once', await cond.waitFor(async () => (await woken.get()) === 3));
  await cond.release();
  try { await cond.wait(0.01); } catch (e) { console.log('un-acquired', /cannot wait on an un-acquired lock/.test((e as Error).message), e instanceof mp.RuntimeError); }
  try { await cond.notify(); } catch (e) { console.log('notify un-acquired', e instanceof mp.RuntimeError); }
  await rcond.acquire(); await rcond.acquire();
  console.log('rlock wait', await rcond.wait(0.05));
  await comm.barrier();
  await sleep(200);
  await rcond.release(); await rcond.release();
} else if (rank === 2) {
  await comm.barrier();
  console.log('held twice by rank 1', await rcond.acquire(false));
  const t0 = Date.now(); console.log('then free', await rcond.acquire(), Date.now() - t0 >= 50); await rcond.release();
} else await comm.barrier();
`);
    assert.deepEqual(out, [
      'after notify(2) 2', 'after notifyAll 3', 'cleared false', 'event 1 true true', 'event 2 true true', 'event 3 true true', 'event before false false <Condition(<RLock(None, 0)>, 0)> <Condition(<RLock(rank 0, 1)>, 0)>',
      'held twice by rank 1 false', 'notify un-acquired true', 'rlock wait false', 'then free true true', 'un-acquired true true', 'waitFor times out false true', 'waitFor true at once true',
    ]);
  });

  it('Barrier: arrival indices, the action runs once in the owner, nWaiting, abort and timeout break it, reset mends it', async () => {
    const out = await ranks(4, `
const b = await share(() => new mp.Barrier(3, () => console.log('action in rank', rank)));
if (rank === 3) await comm.recv({ source: 0 }); // arrives last, once rank 0 has seen two waiting
if (rank > 0) console.log('index', await b.wait());
else { while ((await b.nWaiting()) < 2) await sleep(10); console.log('waiting', await b.nWaiting(), b.parties); await comm.send('go', 3); }
await comm.barrier();
if (rank === 1 || rank === 2) { try { await b.wait(); } catch (e) { console.log('aborted', rank, e instanceof mp.BrokenBarrierError); } }
if (rank === 0) { while ((await b.nWaiting()) < 2) await sleep(10); await b.abort(); }
await comm.barrier();
if (rank === 3) {
  console.log('broken', await b.broken());
  try { await b.wait(); } catch (e) { console.log('wait on broken', e instanceof mp.BrokenBarrierError); }
  await b.reset();
  console.log('reset', await b.broken());
  try { await b.wait(0.1); } catch (e) { console.log('timeout', e instanceof mp.BrokenBarrierError, /timed out after 0.1 s with 1 of 3 parties/.test((e as Error).message)); }
  await b.reset();
}
await comm.barrier();
if (rank > 0) await b.wait();
await comm.barrier();
if (rank === 0) { try { new mp.Barrier(0); } catch (e) { console.log((e as Error).message); } }
`);
    assert.deepEqual(out, [
      'Barrier: parties must be an integer >= 1, got 0', 'aborted 1 true', 'aborted 2 true', 'action in rank 0', 'action in rank 0',
      'broken true', 'index 0', 'index 1', 'index 2', 'reset false', 'timeout true true', 'wait on broken true', 'waiting 2 3',
    ]);
  });

  it('the lost-update lesson: 4 ranks × 400 unguarded increments may lose updates; with getLock() exactly 1600', async () => {
    const out = await ranks(4, `
const [unguarded, guarded] = await share(() => [new mp.Value('i', 0), new mp.Value('i', 0)]);
for (let i = 0; i < 400; i++) await unguarded.set((await unguarded.get()) + 1);
for (let i = 0; i < 400; i++) await guarded.getLock().withLock(async () => { await guarded.set((await guarded.get()) + 1); });
await comm.barrier();
if (rank === 0) { const u = await unguarded.get(); console.log('unguarded at most 1600', u <= 1600 && u >= 400); console.log('guarded', await guarded.get()); }
`);
    assert.deepEqual(out, ['guarded 1600', 'unguarded at most 1600 true']);
  });

  it('Pipe between ranks: both directions, poll woken by a send, EOFError once the far end is closed everywhere, one-way pipes', async () => {
    const out = await ranks(2, `
const [a, b, r, w] = await share(() => [...mp.Pipe(), ...mp.Pipe(false)]);
if (rank === 1) await b.poll(); // any call: this rank now holds b
await comm.barrier();
if (rank === 0) {
  await b.close(); // rank 1 still holds b: no EOF yet
  console.log('poll empty', await a.poll(), await a.poll(0.05));
  const t0 = Date.now();
  console.log('poll woken', await a.poll(5), Date.now() - t0 >= 50);
  await a.send('to rank 1');
  const got = [];
  for (;;) { try { got.push(await a.recv()); } catch (e) { console.log('EOF after', got.join(','), e instanceof mp.EOFError); break; } }
  try { await b.send('x'); } catch (e) { console.log('closed end', (e as Error).name, (e as Error).message); }
  try { await r.send(1); } catch (e) { console.log((e as Error).message); }
  try { await w.recv(); } catch (e) { console.log((e as Error).message); }
  await w.send({ one: 'way' });
  console.log('one-way', (await r.recv()).one);
} else {
  await sleep(300);
  for (const x of [1, 2, 3]) await b.send(x);
  await sleep(50);
  console.log('rank 1 got', await b.recv()); // duplex: the other direction too
  await b.close();
}
`);
    assert.deepEqual(out, [
      'Connection.recv: connection is write-only', 'Connection.send: connection is read-only',
      'EOF after 1,2,3 true', 'closed end OSError Connection.send: handle is closed', 'one-way way', 'poll empty false false',
      'poll woken true true', 'rank 1 got to rank 1',
    ]);
  });

  it('Value, Array and Manager proxies between ranks, with their errors', async () => {
    const out = await ranks(2, `
const mgr = rank === 0 ? await mp.Manager() : undefined;
const [v, arr, d, l, ns, raw] = await share(() => [new mp.Value('d', 1.5), new mp.Array('i', [1, 2, 3.7]), mgr!.dict({ a: 1 }), mgr!.list([1, 2]), mgr!.Namespace({ x: 0 }), new mp.Value('i', 0, { lock: false })]);
if (rank === 1) {
  await v.set(2.25); await arr.setItem(0, 10); await arr.set(1, 20);
  await d.set('b', { nested: [1] }); await d.delete('a');
  await l.append(3); await l.extend([4, 5]); await l.set(-1, 50);
  await ns.set('x', 'from rank 1');
}
await comm.barrier();
if (rank === 0) {
  console.log('value', await v.get(), 'array', (await arr.toArray()).join(','), await arr.getItem(2), arr.length);
  console.log('dict', JSON.stringify(await d.copy()), await d.has('a'), await d.get('a', 'dflt'), await d.length(), (await d.keys()).join());
  console.log('list', (await l.copy()).join(','), await l.length(), await l.get(-1), await l.pop(), await l.pop(0), (await l.copy()).join(','));
  console.log('ns', await ns.get('x'));
}
await comm.barrier();
if (rank === 1) {
  try { await arr.get(3); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  try { await l.get(10); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  try { await v.set('text'); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  console.log('raw getLock', 'getLock' in raw); // lock: false is the bare object, as in Python
  console.log('slices', await arr.get(-1), (await arr.slice(-2)).join(','), (await arr.slice(null, 1)).join(','));
  try { await arr.setSlice(0, 2, [1]); } catch (e) { console.log((e as Error).name, /same size/.test((e as Error).message)); }
  try { new mp.Array('x', 2); } catch (e) { console.log((e as Error).name, /bad typecode "x"/.test((e as Error).message)); }
  console.log('lock kinds', v.getLock() instanceof mp.RLock, arr.getLock() instanceof mp.RLock);
}
await comm.barrier();
if (rank === 0) await mgr!.shutdown();
await comm.barrier();
if (rank === 1) { try { await d.get('b'); } catch (e) { console.log((e as Error).name, /the manager was shut down/.test((e as Error).message)); } }
`);
    assert.deepEqual(out, [
      "RangeError Array index 3 out of range (length 3)", 'RangeError list index 10 out of range (length 3)',
      'TypeError true', "TypeError typecode 'd' holds numbers, got string \"text\"; use 'u' for text", 'ValueError true', 'ValueError true',
      'dict {"b":{"nested":[1]}} false dflt 1 b', 'list 1,2,3,4,50 5 50 50 1 2,3,4', 'lock kinds true true', 'ns from rank 1', 'raw getLock false', 'slices 3 20,3 10', 'value 2.25 array 10,20,3 3 3',
    ]);
  });

  it('blocking calls are traced with their line', async () => {
    const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'rankscope-trace-'));
    const file = path.join(dir, 'trace.json');
    await ranks(2, `
const q = await share(() => new mp.Queue());
if (rank === 1) await q.get();
else { await sleep(50); await q.put(1); }
`, ['--trace', file]);
    const trace = fs.readFileSync(file, 'utf8');
    assert.match(trace, /Queue\.get/);
    assert.match(trace, /Queue\.put/);
  });
});

describe('multiprocessing: shared objects and process exits', () => {
  it('a process killed while waiting on a queue does not swallow the next item', async () => {
    const out = await run(`
export async function taker(q: mp.Queue) { await q.get(); }
await mp.main(async () => {
  const q = new mp.Queue();
  const p = new mp.Process({ target: taker, args: [q] });
  await p.start();
  await new Promise((r) => setTimeout(r, 200));
  p.terminate();
  await p.join();
  await new Promise((r) => setTimeout(r, 100));
  await q.put('kept');
  console.log(await q.get(true, 1));
});
`);
    assert.deepEqual(out, ['kept']);
  });

  it('a daemon child blocked on its parent\'s queue neither keeps the parent running nor reports an error', async () => {
    const r = await runCli(['run', program(`import * as mp from 'rankscope/multiprocessing';
export async function worker(q: mp.Queue, out: mp.Queue) { for (;;) await out.put((await q.get()) * 2); }
await mp.main(async () => {
  const q = new mp.Queue();
  const out = new mp.Queue();
  await new mp.Process({ target: worker, args: [q, out], daemon: true }).start();
  await q.put(21);
  console.log(await out.get());
});
`)], { timeoutMs: 10000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '42');
    assert.equal(r.stderr, '');
  });
});
