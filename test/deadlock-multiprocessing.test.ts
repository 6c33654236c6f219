/**
 * Deadlocks among multiprocessing processes: lock-order inversion, a queue nobody will fill, a
 * barrier short of parties, a lock taken twice, pipes, a Pool; and look-alikes that must run clean.
 */
import * as assert from 'node:assert/strict';
import { program, runCli } from './helpers/run-cli.js';

const HEAD = `import * as mp from 'rankscope/multiprocessing';\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n`;
const run = (body: string) => runCli(['run', program(HEAD + body)]);

describe('deadlock detection: multiprocessing', () => {
  it('lock-order inversion between two processes: the cycle, both acquires and their lines', async () => {
    // Each takes its first lock, then both meet at a barrier: the inversion is certain, not timed.
    const r = await run(`export async function worker(a: mp.Lock, b: mp.Lock, both: mp.Barrier) {
  await a.acquire();
  await both.wait();
  await b.acquire(); // @second
}
await mp.main(async () => {
  const a = new mp.Lock();
  const b = new mp.Lock();
  const both = new mp.Barrier(2);
  const ps = [new mp.Process({ target: worker, args: [a, b, both] }), new mp.Process({ target: worker, args: [b, a, both] })];
  for (const p of ps) await p.start();
  for (const p of ps) await p.join();
});
`);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /cycle: Process-(1 → Process-2 → Process-1|2 → Process-1 → Process-2)/);
    assert.match(r.stderr, /Process-1: Lock\.acquire\(\) at .*prog\.ts:6/);
    assert.match(r.stderr, /Process-2: Lock\.acquire\(\) at .*prog\.ts:6/);
    assert.match(r.stderr, /MainProcess: join\(Process-1\)/);
  });

  it('every process blocked: a consumer waiting on a queue nobody fills, joined by the main process', async () => {
    const r = await run(`export async function consumer(q: mp.Queue) { await q.get(); await q.get(); }
await mp.main(async () => {
  const q = new mp.Queue();
  const p = new mp.Process({ target: consumer, args: [q] });
  await p.start();
  await q.put(1);
  await p.join();
});
`);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /Process-1: Queue\.get\(\) at .*prog\.ts:3/);
    assert.match(r.stderr, /MainProcess: join\(Process-1\) at .*prog\.ts:9/);
  });

  it('a barrier of 3 parties with only 2 processes', async () => {
    const r = await run(`export async function arrive(b: mp.Barrier) { await b.wait(); }
await mp.main(async () => {
  const b = new mp.Barrier(3);
  const ps = [1, 2].map(() => new mp.Process({ target: arrive, args: [b] }));
  for (const p of ps) await p.start();
  for (const p of ps) await p.join();
});
`);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /Barrier\.wait\(\) at .*prog\.ts:3/);
  });

  it('a non-reentrant lock acquired twice by the same process', async () => {
    const r = await run(`await mp.main(async () => {
  const l = new mp.Lock();
  await l.acquire();
  await l.acquire();
});
`);
    assert.equal(r.code, 86, r.stderr);
    assert.match(r.stderr, /MainProcess: Lock\.acquire\(\) at .*prog\.ts:6/);
  });

  it('pipes: both ends receiving is a cycle; a reader waiting for EOF while it still holds the other end is named so', async () => {
    const both = await run(`export async function child(conn: mp.Connection) { await conn.send(await conn.recv()); }
await mp.main(async () => {
  const [a, b] = mp.Pipe();
  const p = new mp.Process({ target: child, args: [b] });
  await p.start();
  console.log(await a.recv());
});
`);
    assert.equal(both.code, 86, both.stderr);
    assert.match(both.stderr, /cycle: (MainProcess → Process-1 → MainProcess|Process-1 → MainProcess → Process-1)/);
    assert.match(both.stderr, /MainProcess: Connection\.recv\(\) at .*prog\.ts:8/);
    assert.match(both.stderr, /Process-1: Connection\.recv\(\) at .*prog\.ts:3/);
    // The course's pipe example without its close(): the main process reads until EOF that never comes.
    const eof = await run(`export async function producer(conn: mp.Connection) { for (let i = 0; i < 3; i++) await conn.send(i * i); }
await mp.main(async () => {
  const [reader, writer] = mp.Pipe(false);
  const p = new mp.Process({ target: producer, args: [writer] });
  await p.start();
  for (;;) console.log(await reader.recv());
});
`);
    assert.equal(eof.code, 86, eof.stderr);
    assert.equal(eof.stdout, '0\n1\n4\n');
    assert.match(eof.stderr, /MainProcess: Connection\.recv\(\) at .*prog\.ts:8\n\s+EOF never comes: the pipe's other end is still open in MainProcess itself/);
    assert.match(eof.stderr, /Process-1: finished/);
  });

  it('no false alarm: pipes read to EOF, the writer closing its end or just exiting, many rounds', async () => {
    const r = await run(`export async function producer(conn: mp.Connection, n: number) {
  for (let i = 0; i < n; i++) await conn.send(i);
  if (n % 2) await conn.close();
}
await mp.main(async () => {
  let total = 0;
  for (let round = 0; round < 16; round++) {
    const [reader, writer] = mp.Pipe(false);
    const p = new mp.Process({ target: producer, args: [writer, round] });
    await p.start();
    await writer.close();
    try { for (;;) total += await reader.recv(); } catch (e) { if (!(e instanceof mp.EOFError)) throw e; }
    await p.join();
  }
  console.log('total', total);
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'total 560\n');
  });

  it('a Pool whose tasks wait on the main process: the cycle, the Pool call and the tasks, with their lines', async () => {
    // Shared objects travel to Pool tasks as arguments (as to a Process).
    const lock = await run(`export async function task(lock: mp.Lock, x: number) { await lock.acquire(); lock.release(); return x; }
await mp.main(async () => {
  const lock = new mp.Lock();
  const pool = new mp.Pool(2);
  await lock.acquire();
  console.log(await pool.starmap(task, [[lock, 1], [lock, 2]]));
});
`);
    assert.equal(lock.code, 86, lock.stderr);
    assert.match(lock.stderr, /MainProcess: Pool\.starmap\(\) at .*prog\.ts:8\n\s+waits for SpawnPoolWorker-\d, itself blocked in Lock\.acquire\(\)/);
    assert.match(lock.stderr, /SpawnPoolWorker-\d: Lock\.acquire\(\) at .*prog\.ts:3/);
    assert.match(lock.stderr, /cycle: /);
    // One task waits on a queue only the main process fills; the other worker has nothing to do.
    const queue = await run(`export async function consume(q: mp.Queue) { return await q.get(); }
await mp.main(async () => {
  const q = new mp.Queue();
  const pool = new mp.Pool(2);
  console.log(await pool.applyAsync(consume, [q]).get());
});
`);
    assert.equal(queue.code, 86, queue.stderr);
    assert.match(queue.stderr, /MainProcess: AsyncResult\.get\(\) at .*prog\.ts:7/);
    assert.match(queue.stderr, /SpawnPoolWorker-\d: Queue\.get\(\) at .*prog\.ts:3/);
    assert.match(queue.stderr, /SpawnPoolWorker-\d: an idle Pool worker, waiting for work that will not come/);
    // imap: the results before the stuck task are printed, then the report.
    const imap = await run(`export async function consume([q, x]: [mp.Queue, number]) { return x === 3 ? await q.get() : x; }
await mp.main(async () => {
  const q = new mp.Queue();
  const pool = new mp.Pool(2);
  for await (const v of pool.imap(consume, [[q, 1], [q, 2], [q, 3], [q, 4]])) console.log(v);
});
`);
    assert.equal(imap.code, 86, imap.stderr);
    assert.equal(imap.stdout, '1\n2\n');
    assert.match(imap.stderr, /MainProcess: Pool\.imap\(\) at .*prog\.ts:7/);
    // join() waits for the workers to exit, and the one holding the stuck task never will.
    const join = await run(`export async function consume(q: mp.Queue) { return await q.get(); }
await mp.main(async () => {
  const q = new mp.Queue();
  const pool = new mp.Pool(2);
  pool.applyAsync(consume, [q]);
  pool.close();
  await pool.join();
});
`);
    assert.equal(join.code, 86, join.stderr);
    assert.match(join.stderr, /MainProcess: Pool\.join\(\) at .*prog\.ts:9\n\s+waits for SpawnPoolWorker-\d, itself blocked in Queue\.get\(\)/);
  });

  it('no false alarm: Pool.join while tasks still run, and after terminate() with a task stuck, many rounds', async () => {
    const r = await run(`export async function slow(x: number) { await sleep(5 + (x % 4) * 5); return x; }
export async function consume(q: mp.Queue) { return await q.get(); }
await mp.main(async () => {
  for (let round = 0; round < 8; round++) {
    const pool = new mp.Pool(2);
    const results = [1, 2, 3, 4].map((x) => pool.applyAsync(slow, [x]));
    pool.close();
    await pool.join();
    for (const res of results) await res.get();
    const stuck = new mp.Pool(1);
    stuck.applyAsync(consume, [new mp.Queue()]);
    await sleep(20);
    stuck.terminate();
    await stuck.join();
  }
  console.log('done');
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'done\n');
  });

  it('idle Pool workers release nobody: the main process waiting on an empty queue beside its pool', async () => {
    const r = await run(`export function square(x: number) { return x * x; }
await mp.main(async () => {
  const q = new mp.Queue();
  const pool = new mp.Pool(2);
  console.log(await pool.map(square, [1, 2, 3]));
  console.log(await q.get());
});
`);
    assert.equal(r.code, 86, r.stderr);
    assert.equal(r.stdout, '[ 1, 4, 9 ]\n');
    assert.match(r.stderr, /MainProcess: Queue\.get\(\) at .*prog\.ts:8/);
  });

  it('a Pool task argument that cannot cross processes fails its call with what to pass instead', async () => {
    const r = await run(`export function call(f: () => number) { return f(); }
await mp.main(async () => {
  const pool = new mp.Pool(2);
  console.log(await pool.map(call, [() => 1]));
});
`);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /TransferError: Pool\.map: the arguments of call\(\) cannot be sent to a worker process \(.*could not be cloned.*\)\. Pass plain data/);
  });

  it('no false alarm: Pool tasks that sleep, fill a queue the main process reads, or contend for a lock, many rounds', async () => {
    const r = await run(`export async function slow(x: number) { await sleep(x % 7); return x * 2; }
export async function produce(q: mp.Queue, x: number) { await q.put(x); return x; }
export function square(x: number) { return x * x; }
export async function locked(lock: mp.Lock, x: number) { await lock.acquire(); try { await sleep(1); return x; } finally { lock.release(); } }
await mp.main(async () => {
  const pool = new mp.Pool(2);
  const q = new mp.Queue();
  const lock = new mp.Lock();
  let total = 0;
  for (let round = 0; round < 15; round++) {
    total += (await pool.map(slow, [1, 2, 3, 4, 5, 6], 1)).reduce((a, b) => a + b, 0);
    const r = pool.applyAsync(produce, [q, round]);
    total += await q.get();
    total += await r.get();
    total += (await pool.map(square, Array.from({ length: 200 }, (_, i) => i))).length;
    for (let i = 0; i < 5; i++) total += await pool.apply(square, [i]);
    total += (await pool.starmap(locked, [[lock, 1], [lock, 2], [lock, 3]])).reduce((a, b) => a + b, 0);
    for await (const v of pool.imap(square, [1, 2, 3])) total += v;
    await sleep(round % 3);
  }
  pool.close();
  await pool.join();
  console.log('total', total);
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'total 4590\n');
  });

  it('no false alarm: bounded queues, lock contention, barriers and events, many rounds', async () => {
    // Each worker has its own input queue, so their barrier rounds line up; the main process feeds
    // them in turn and takes every result from a one-slot queue.
    const r = await run(`export async function worker(q: mp.Queue, out: mp.Queue, lock: mp.Lock, b: mp.Barrier, counter: mp.Value, ev: mp.Event) {
  for (let i = 0; i < 40; i++) {
    const x = await q.get();
    await lock.withLock(async () => counter.set((await counter.get()) + 1));
    await out.put(x * 2);
    if (i % 10 === 0) await b.wait();
  }
  await ev.wait();
}
await mp.main(async () => {
  const qs = [new mp.Queue(2), new mp.Queue(2)];
  const out = new mp.Queue(1);
  const lock = new mp.Lock();
  const b = new mp.Barrier(2);
  const counter = new mp.Value('i', 0);
  const ev = new mp.Event();
  const ps = qs.map((q) => new mp.Process({ target: worker, args: [q, out, lock, b, counter, ev] }));
  for (const p of ps) await p.start();
  let sum = 0;
  for (let i = 0; i < 80; i++) {
    await qs[i % 2].put(i);
    sum += await out.get();
  }
  await sleep(50);
  await ev.set();
  for (const p of ps) await p.join();
  console.log(sum, await counter.get());
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${2 * ((79 * 80) / 2)} 80\n`);
  });
});
