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

  it('takes every keyword argument Python accepts in one trailing options object, names an unknown one, and raises Python\'s errors', async () => {
    const out = await run(`
export function sq(x: number, kw?: any) { return kw ? x * kw.k : x * x; }
export function add(a: number, b: number) { return a + b; }
export function boom(x: number) { throw new mp.ValueError("bad " + x); }
export function child(x: number, kw: any) { console.log('child', x, JSON.stringify(kw)); }
const t = async (label: string, f: () => unknown) => {
  try { const r = await f(); console.log(label, 'OK', JSON.stringify(r) ?? ''); } catch (e) { console.log(label, 'ERR', (e as Error).name, (e as Error).message.slice(0, 90)); }
};
await mp.main(async () => {
  await t('Lock()', () => new mp.Lock({ x: 1 } as any));
  await t('RLock()', () => new mp.RLock({ x: 1 } as any));
  await t('Event()', () => new mp.Event({ x: 1 } as any));
  await t('SimpleQueue()', () => new mp.SimpleQueue({ x: 1 } as any));
  await t('JoinableQueue(maxsize)', async () => { const q = new mp.JoinableQueue({ maxsize: 1 }); await q.put(1); return q.full(); });
  await t('JoinableQueue bad', () => new mp.JoinableQueue({ maxsze: 2 } as any));
  await t('Condition({lock})', () => String(new mp.Condition({ lock: new mp.Lock() } as any)));
  await t('Condition bad', () => new mp.Condition({ lok: 1 } as any));
  await t('Lock.acquire opts', () => new mp.Lock().acquire({ block: false, timeout: null }));
  await t('Lock.acquire bad', () => new mp.Lock().acquire({ blocking: false } as any));
  await t('Sem bad', () => new mp.Semaphore({ val: 2 } as any));
  await t('Cond.wait bad', async () => { const c = new mp.Condition(); await c.acquire(); return c.wait({ tmo: 1 } as any); });
  await t('Cond.waitFor opts', async () => { const c = new mp.Condition(); await c.acquire(); return c.waitFor(() => true, { timeout: 1 }); });
  await t('Event.wait bad', () => new mp.Event().wait({ tmo: 1 } as any));
  await t('Barrier action', async () => { const b = new mp.Barrier(1, { action: () => console.log('act') }); return b.wait({ timeout: 1 }); });
  await t('Value opts', async () => (await new mp.Value('i', 5, { lock: false }).get()));
  await t('Value bad', () => new mp.Value('i', 5, { lok: false } as any));
  await t('Array opts', async () => (await new mp.Array('i', [1, 2], { lock: true }).toArray()));
  await t('Array bad', () => new mp.Array('i', 2, { lck: 1 } as any));
  await t('Queue put/get opts', async () => { const q = new mp.Queue(); await q.put({ a: 1 }); await q.put(5, { block: true, timeout: 1 }); return [await q.get({ block: true, timeout: 1 }), await q.get({ timeout: 1 })]; });
  await t('Queue.get bad', () => new mp.Queue().get({ tmout: 1 } as any));
  await t('Queue.shutdown', async () => { const q = new mp.Queue(); await q.shutdown({ immediate: true }); try { await q.put(1); } catch (e) { return (e as Error).name; } });
  await t('Pipe', async () => { const [a, b] = mp.Pipe({ duplex: true }); await a.send({ x: 1 }); await a.sendBytes(Buffer.from('hello'), { offset: 1, size: 2 }); return [await b.poll({ timeout: 1 }), await b.recv(), (await b.recvBytes({ maxlength: 10 })).toString()]; });
  await t('Pipe.poll bad', () => mp.Pipe()[0].poll({ tmo: 1 } as any));
  await t('recvBytes bad', () => mp.Pipe()[0].recvBytes({ maxlen: 1 } as any));
  await t('Manager()', async () => { const m = await mp.Manager(); const r = await m.list([1]).copy(); await m.shutdown(); return r; });
  await t('Manager bad', async () => { const m = await (mp.Manager as any)({ foo: 1 }); await m.shutdown(); });
  const pool = new mp.Pool({ processes: 2, maxtasksperchild: 5, initializer: undefined, initargs: [] });
  await t('Pool context', async () => { const p = new mp.Pool({ processes: 1, context: mp.getContext?.('spawn') } as any); p.terminate(); });
  await t('Pool bad', () => new mp.Pool({ procs: 1 } as any));
  await t('apply', () => pool.apply(sq, { args: [3], kwds: { k: 10 } }));
  await t('apply pos', () => pool.apply(sq, [3], { k: 10 }));
  await t('applyAsync', () => new Promise((res) => pool.applyAsync(sq, { args: [4], callback: res })));
  await t('applyAsync err_cb', () => new Promise((res) => pool.applyAsync(boom, { args: [1], error_callback: (e: Error) => res(e.name + ' ' + e.message), callback: res })));
  await t('map', () => pool.map(sq, [1, 2, 3], { chunksize: 2 }));
  await t('map bad', () => pool.map(sq, [1, 2, 3], { chunk: 2 } as any));
  await t('mapAsync', () => new Promise((res) => pool.mapAsync(sq, [1, 2], { chunksize: 1, callback: res, error_callback: res })));
  await t('mapAsync get', () => pool.mapAsync(sq, [1, 2], { chunksize: 1 }).get({ timeout: 5 }));
  await t('mapAsync wait', async () => { const r = pool.mapAsync(sq, [1, 2]); await r.wait({ timeout: 5 }); return [r.ready(), r.successful()]; });
  await t('get bad', () => pool.mapAsync(sq, [1]).get({ tmo: 5 } as any));
  await t('starmap', () => pool.starmap(add, [[1, 2], [3, 4]], { chunksize: 1 }));
  await t('starmapAsync', () => pool.starmapAsync(add, [[1, 2]], { chunksize: 1, errorCallback: () => 0 }).get());
  await t('imap', async () => { const o = []; for await (const x of pool.imap(sq, [1, 2, 3], { chunksize: 2 })) o.push(x); return o; });
  await t('imapUnordered', async () => { const o = []; for await (const x of pool.imapUnordered(sq, [1, 2, 3], { chunksize: 2 })) o.push(x); return o.sort(); });
  await t('imap bad', async () => { for await (const x of pool.imap(sq, [1], { chnk: 2 } as any)) void x; });
  pool.close(); await pool.join();
  for (const m of [0, -1, 0.5, '12']) await t(\`maxtasks \${m}\`, () => new mp.Pool({ maxtasksperchild: m as any }));
  await t('Process', async () => { const p = new mp.Process({ group: null, target: child, name: 'kid', args: [1], kwargs: { a: 2 }, daemon: false }); await p.start(); await p.join({ timeout: 5 }); return [p.name, p.exitCode]; });
  await t('Process bad', () => new mp.Process({ targt: child } as any));
  await t('join bad', async () => { const p = new mp.Process({ target: child, args: [1, {}] }); await p.start(); try { await p.join({ tmo: 1 } as any); } finally { await p.join(); } });
  await t('closed proc', async () => { const p = new mp.Process({ target: child, args: [1, {}] }); await p.start(); await p.join(); p.close(); return p.isAlive(); });
  await t('bad typecode', () => new mp.Value('x', 1));
  await t('wait sentinel', async () => { const p = new mp.Process({ target: child, args: [2, {}] }); await p.start(); const r = await mp.connection.wait([p.sentinel], { timeout: 5 }); await p.join(); return r.length; });
  await t('wait conns', async () => { const [a, b] = mp.Pipe(); await a.send(1); const r = await mp.connection.wait([a, b], 1); return r.length; });
  await t('cur', () => { const c = mp.currentProcess(); return [c.isAlive(), c.ident === c.pid, c.exitCode, c.authkey?.length > 0, mp.parentProcess()]; });
  await t('withLock', () => new mp.Lock().withLock((ok) => ok));
});
`);
    assert.deepEqual(out, EXPECTED_OPTIONS);
  });

  it("the child sees Python's parentProcess() and currentProcess(); stray arguments and a running pool's join() are Python's errors", async () => {
    const out = await run(`
export async function kid() {
  const pp = mp.parentProcess()!;
  const c = mp.currentProcess();
  console.log('kid', pp.name, pp.isAlive(), await pp.join(0.05), c.name, c.isAlive(), c.ident === c.pid, c.exitCode, c.authkey instanceof Uint8Array);
}
await mp.main(async () => {
  const p = new mp.Process({ target: kid });
  await p.start();
  await p.join();
  const [a] = mp.Pipe();
  try { await a.recv({ x: 1 } as any); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  try { await (p as any).join(1, 2); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  p.close();
  try { p.terminate(); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  const pool = new mp.Pool(1);
  try { await pool.join(); } catch (e) { console.log('pool join', (e as Error).name); }
  pool.terminate();
});
`);
    assert.deepEqual(out, [
      'kid MainProcess true undefined Process-1 true true null true',
      "TypeError Connection.recv() got an unexpected keyword argument 'x'; it takes none",
      'TypeError Process-1.join() takes at most 1 arguments (timeout), got 2',
      'ValueError Process-1.terminate: process object is closed',
      'pool join ValueError',
    ]);
  });
});

/** What the options program prints: `OK <result>` or `ERR <class> <message start>`. */
const EXPECTED_OPTIONS: string[] = [
  "Lock() ERR TypeError Lock() got an unexpected keyword argument 'x'; it takes none",
  "RLock() ERR TypeError RLock() got an unexpected keyword argument 'x'; it takes none",
  "Event() ERR TypeError Event() got an unexpected keyword argument 'x'; it takes none",
  "SimpleQueue() ERR TypeError SimpleQueue() got an unexpected keyword argument 'x'; it takes none",
  "JoinableQueue(maxsize) OK true",
  "JoinableQueue bad ERR TypeError JoinableQueue() got an unexpected keyword argument 'maxsze'; it takes maxsize",
  "Condition({lock}) OK \"<Condition(<Lock(owner=None)>, 0)>\"",
  "Condition bad ERR TypeError Condition() got an unexpected keyword argument 'lok'; it takes lock",
  "Lock.acquire opts OK true",
  "Lock.acquire bad ERR TypeError Lock.acquire() got an unexpected keyword argument 'blocking'; it takes block, timeout",
  "Sem bad ERR TypeError Semaphore() got an unexpected keyword argument 'val'; it takes value",
  "Cond.wait bad ERR TypeError Condition.wait() got an unexpected keyword argument 'tmo'; it takes timeout",
  "Cond.waitFor opts OK true",
  "Event.wait bad ERR TypeError Event.wait() got an unexpected keyword argument 'tmo'; it takes timeout",
  "act",
  "Barrier action OK 0",
  "Value opts OK 5",
  "Value bad ERR TypeError Value() got an unexpected keyword argument 'lok'; it takes lock",
  "Array opts OK [1,2]",
  "Array bad ERR TypeError Array() got an unexpected keyword argument 'lck'; it takes lock",
  "Queue put/get opts OK [{\"a\":1},5]",
  "Queue.get bad ERR TypeError Queue.get() got an unexpected keyword argument 'tmout'; it takes block, timeout",
  "Queue.shutdown OK \"ShutDown\"",
  "Pipe OK [true,{\"x\":1},\"el\"]",
  "Pipe.poll bad ERR TypeError Connection.poll() got an unexpected keyword argument 'tmo'; it takes timeout",
  "recvBytes bad ERR TypeError Connection.recvBytes() got an unexpected keyword argument 'maxlen'; it takes maxlength",
  "Manager() OK [1]",
  "Manager bad ERR TypeError Manager() got an unexpected keyword argument 'foo'; it takes none",
  "Pool context OK ",
  "Pool bad ERR TypeError Pool() got an unexpected keyword argument 'procs'; it takes processes, initializer, initar",
  "apply OK 30",
  "apply pos OK 30",
  "applyAsync OK 16",
  "applyAsync err_cb OK \"ValueError bad 1\"",
  "map OK [1,4,9]",
  "map bad ERR TypeError Pool.map() got an unexpected keyword argument 'chunk'; it takes chunksize",
  "mapAsync OK [1,4]",
  "mapAsync get OK [1,4]",
  "mapAsync wait OK [true,true]",
  "get bad ERR TypeError AsyncResult.get() got an unexpected keyword argument 'tmo'; it takes timeout",
  "starmap OK [3,7]",
  "starmapAsync OK [3]",
  "imap OK [1,4,9]",
  "imapUnordered OK [1,4,9]",
  "imap bad ERR TypeError Pool.imap() got an unexpected keyword argument 'chnk'; it takes chunksize",
  "maxtasks 0 ERR ValueError mp.Pool: maxtasksperchild must be a positive integer or null, got 0",
  "maxtasks -1 ERR ValueError mp.Pool: maxtasksperchild must be a positive integer or null, got -1",
  "maxtasks 0.5 ERR ValueError mp.Pool: maxtasksperchild must be a positive integer or null, got 0.5",
  "maxtasks 12 ERR ValueError mp.Pool: maxtasksperchild must be a positive integer or null, got \"12\"",
  "child 1 {\"a\":2}",
  "Process OK [\"kid\",0]",
  "Process bad ERR TypeError Process() got an unexpected keyword argument 'targt'; it takes group, target, name, args, ",
  "child 1 {}",
  "join bad ERR TypeError Process-1.join() got an unexpected keyword argument 'tmo'; it takes timeout",
  "child 1 {}",
  "closed proc ERR ValueError Process-2.isAlive: process object is closed",
  "bad typecode ERR TypeError Value: bad typecode \"x\" (must be one of b B h H i I l L q Q f d c u, e.g. 'i' int, 'd' dou",
  "child 2 {}",
  "wait sentinel OK 1",
  "wait conns OK 1",
  "cur OK [true,true,null,true,null]",
  "withLock OK true",
];
