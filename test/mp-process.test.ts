import * as assert from 'node:assert/strict';
import { program, runCli, sortedLines } from './helpers/run-cli.js';

const run = (source: string, args: string[] = [], timeoutMs?: number) => runCli(['run', ...args, program(source)], { timeoutMs });
const HEAD = `import * as mp from 'rankscope/multiprocessing';\n`;

describe('multiprocessing: Process', () => {
  it('runs exported targets with args in real child processes, named Process-N, joined in order', async () => {
    const r = await run(`${HEAD}
export function call(i: number) {
  console.log('called function in process: ' + i + ' ' + mp.currentProcess().name + ' ' + (process.pid !== Number(process.env.PARENT_PID)));
}
await mp.main(async () => {
  process.env.PARENT_PID = String(process.pid);
  console.log('main is', mp.currentProcess().name, mp.parentProcess());
  for (let i = 0; i < 5; i++) {
    const p = new mp.Process({ target: call, args: [i] });
    await p.start();
    await p.join();
    console.log('exit', p.name, p.exitCode, typeof p.pid);
  }
});
`);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'main is MainProcess null');
    for (let i = 0; i < 5; i++) {
      assert.equal(lines[1 + 2 * i], `called function in process: ${i} Process-${i + 1} true`);
      assert.equal(lines[2 + 2 * i], `exit Process-${i + 1} 0 number`);
    }
  });

  it("prints processes as Python's repr does: pid, parent, state, a signal's exit code by name, daemon", async () => {
    const r = await run(`${HEAD}
export async function nap(s: number) { await new Promise((r) => setTimeout(r, s * 1000)); }
export async function me() { console.log('child sees', String(mp.currentProcess()).replace(/\\d+/g, 'N')); }
await mp.main(async () => {
  console.log(String(mp.currentProcess()));
  const p = new mp.Process({ target: nap, args: [30], daemon: true });
  console.log(String(p).replace(/\\d+/g, 'N'));
  await p.start();
  console.log(String(p).replace(/\\d+/g, 'N'));
  p.terminate();
  await p.join();
  console.log(String(p).replace(/\\d+/g, 'N'));
  p.close();
  console.log(String(p).replace(/\\d+/g, 'N'));
  const q = new mp.Process({ target: me });
  await q.start();
  await q.join();
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      "<_MainProcess name='MainProcess' parent=None started>",
      "<Process name='Process-N' parent=N initial daemon>",
      "<Process name='Process-N' pid=N parent=N started daemon>",
      "<Process name='Process-N' pid=N parent=N stopped exitcode=-SIGTERM daemon>",
      "<Process name='Process-N' parent=N closed daemon>",
      "child sees <Process name='Process-N' parent=N started>",
    ]);
  });

  it("sends a subclass instance's fields to the child and names it after the class", async () => {
    const r = await run(`${HEAD}
export class MyProcess extends mp.Process {
  constructor(public label: string, public data: number[]) { super(); }
  async run() { console.log(this.name, this.label, this.data.join('+'), mp.currentProcess().name); }
}
await mp.main(async () => {
  for (let i = 0; i < 2; i++) { const p = new MyProcess('L' + i, [i, i + 1]); await p.start(); await p.join(); }
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'MyProcess-1 L0 0+1 MyProcess-1\nMyProcess-2 L1 1+2 MyProcess-2\n');
  });

  it('reports exit codes: 0, 1 with the traceback on a throw, process.exit(n), -15 after terminate()', async () => {
    const r = await run(`${HEAD}
export function ok() {}
export function boom() { throw new Error('child says no'); }
export function three() { process.exit(3); }
export async function forever() { await new Promise(() => setInterval(() => {}, 1000)); }
await mp.main(async () => {
  const codes = [];
  for (const target of [ok, boom, three]) { const p = new mp.Process({ target }); await p.start(); await p.join(); codes.push(p.exitCode); }
  const f = new mp.Process({ target: forever, name: 'sleeper' });
  await f.start();
  console.log('alive', f.isAlive());
  await f.join(0.2);
  console.log('alive after join timeout', f.isAlive());
  f.terminate();
  await f.join();
  codes.push(f.exitCode);
  console.log(codes.join(','), f.isAlive());
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'alive true\nalive after join timeout true\n0,1,3,-15 false\n');
    assert.match(r.stderr, /Process Process-2:\nError: child says no\n\s+at boom .*prog\.ts:4/);
  });

  it('waits for non-daemon children at exit and stops daemon ones with their parent', async () => {
    const r = await run(`${HEAD}
export async function slow(tag: string) { await new Promise((r) => setTimeout(r, 300)); console.log('done', tag); }
await mp.main(async () => {
  const d = new mp.Process({ target: slow, args: ['daemon'], daemon: true });
  const n = new mp.Process({ target: slow, args: ['normal'] });
  await d.start();
  await n.start();
  d.terminate();
  console.log('main done');
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean), ['main done', 'done normal']);
  });

  it("tags each process's output with its name under --tag-output", async () => {
    const r = await run(`${HEAD}
export function hi() { console.log('hi'); }
await mp.main(async () => { const p = new mp.Process({ target: hi, name: 'worker-a' }); await p.start(); await p.join(); console.log('bye'); });
`, ['--tag-output']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sortedLines(r.stdout), ['[MainProcess] bye', '[worker-a] hi']);
  });

  it('says what to change for an unexported target, an arrow target, top-level Process and unsendable args', async () => {
    const unexported = await run(`${HEAD}function hidden() {}\nawait mp.main(async () => { await new mp.Process({ target: hidden }).start(); });\n`);
    assert.equal(unexported.code, 1);
    assert.match(unexported.stderr, /target function 'hidden' is not exported from .*prog\.ts; write `export function hidden/);
    const arrow = await run(`${HEAD}await mp.main(async () => { await new mp.Process({ target: () => 1 }).start(); });\n`);
    assert.equal(arrow.code, 1);
    assert.match(arrow.stderr, /target must be a named, exported function/);
    const topLevel = await run(`${HEAD}export function f() {}\nnew mp.Process({ target: f });\n`);
    assert.equal(topLevel.code, 1);
    assert.match(topLevel.stderr, /create processes inside mp\.main/);
    const unsendable = await run(`${HEAD}export function f(_x: unknown) {}\nawait mp.main(async () => { await new mp.Process({ target: f, args: [() => 1] }).start(); });\n`);
    assert.equal(unsendable.code, 1);
    assert.match(unsendable.stderr, /cannot send it to the child process .*functions, sockets/);
    const twice = await run(`${HEAD}export function f() {}\nawait mp.main(async () => { const p = new mp.Process({ target: f }); await p.start(); await p.start(); });\n`);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /a process can be started only once/);
  });
});

describe('multiprocessing: Pool', () => {
  it('maps like the seed, with close/join and with `await using`', async () => {
    const r = await run(`${HEAD}
export function square(x: number) { return x * x; }
await mp.main(async () => {
  const inputs = Array.from({ length: 100 }, (_, i) => i);
  const pool = new mp.Pool({ processes: 4 });
  const outputs = await pool.map(square, inputs);
  pool.close();
  await pool.join();
  console.log(JSON.stringify(outputs));
  await using p = new mp.Pool(2);
  console.log(JSON.stringify(await p.map(square, inputs, 7)));
});
`);
    assert.equal(r.code, 0, r.stderr);
    const expected = JSON.stringify(Array.from({ length: 100 }, (_, i) => i * i));
    assert.equal(r.stdout, `${expected}\n${expected}\n`);
  });

  it('maps large inputs exactly (numbers of every kind, mixed chunks, any iterable), in order and in the chunks asked for', async () => {
    const r = await run(`${HEAD}
export function same(x: unknown) { return x; }
export function twice(x: number) { return 2 * x; }
let calls = 0;
export function where(x: number) { return [mp.currentProcess().name, calls++, x]; }
export function picky(x: number) { if (x === 5000) throw new RangeError('no 5000'); return x; }
const exact = (got: unknown[], want: unknown[]) => got.length === want.length && Object.keys(got).length === want.length && want.every((v, i) => Object.is(got[i], v));
await mp.main(async () => {
  await using pool = new mp.Pool(2);
  const ints = Array.from({ length: 20_000 }, (_, i) => i - 10_000);
  const odd: unknown[] = [...ints];
  Object.assign(odd, { 123: -0, 4567: NaN, 8901: 2 ** 40, 12345: 0.5, 19999: -Infinity, 3000: 2 ** 31 });
  const mixed: unknown[] = [...ints];
  Object.assign(mixed, { 3: undefined, 17000: 'text' });
  console.log('ints', exact(await pool.map(twice, ints), ints.map((x) => 2 * x)));
  console.log('odd', exact(await pool.map(same, odd), odd));
  console.log('mixed', exact(await pool.map(same, mixed), mixed));
  console.log('set', exact(await pool.map(twice, new Set(ints)), ints.map((x) => 2 * x)));
  console.log('starmap', exact(await pool.starmap(same, ints.map((x) => [x])), ints));
  const im = [];
  for await (const v of pool.imap(same, odd, 3000)) im.push(v);
  console.log('imap', exact(im, odd));
  const w = (await pool.map(where, Array.from({ length: 1000 }, (_, i) => i), 100)) as [string, number, number][];
  console.log('chunks', w.every(([name, n, x], i) => x === i && (i % 100 === 0 || (name === w[i - 1][0] && n === w[i - 1][1] + 1))));
  try { await pool.map(picky, ints.map((x) => x + 10_000)); } catch (e) { console.log('caught', (e as Error).name, (e as Error).message, /at picky/.test((e as Error).stack ?? '')); }
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ints true\nodd true\nmixed true\nset true\nstarmap true\nimap true\nchunks true\ncaught RangeError no 5000 true\n');
  });

  it('apply, applyAsync with callbacks, starmap, imap and imapUnordered', async () => {
    const r = await run(`${HEAD}
export function add(a: number, b: number) { return a + b; }
export async function later(x: number) { await new Promise((r) => setTimeout(r, (5 - x) * 20)); return x; }
await mp.main(async () => {
  await using pool = new mp.Pool(2);
  console.log('apply', await pool.apply(add, [2, 3]));
  let seen = 0;
  const res = pool.applyAsync(add, [4, 5], (v: number) => (seen = v));
  console.log('async', await res.get(), res.ready(), res.successful(), seen);
  console.log('starmap', (await pool.starmap(add, [[1, 2], [3, 4], [5, 6]])).join(','));
  const ordered = []; for await (const v of pool.imap(later, [1, 2, 3, 4])) ordered.push(v);
  const unordered = []; for await (const v of pool.imapUnordered(later, [1, 2, 3, 4])) unordered.push(v);
  console.log('imap', ordered.join(','), 'unordered', [...unordered].sort().join(','));
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'apply 5\nasync 9 true true 9\nstarmap 3,7,11\nimap 1,2,3,4 unordered 1,2,3,4\n');
  });

  it('raises task errors in the caller, fails tasks of a dead worker instead of hanging, and runs initializers', async () => {
    const r = await run(`${HEAD}
let prefix = 'none';
export function init(p: string) { prefix = p; }
export function tag(x: number) { return prefix + x; }
export function picky(x: number) { if (x === 3) throw new RangeError('no threes'); return x; }
export function die(x: number) { if (x === 2) process.exit(9); return x; }
await mp.main(async () => {
  await using pool = new mp.Pool(2, init, ['w']);
  console.log((await pool.map(tag, [1, 2])).join(','));
  try { await pool.map(picky, [1, 2, 3]); } catch (e) { console.log('caught', (e as Error).name, (e as Error).message); }
  const r = pool.applyAsync(picky, [3]);
  await r.wait();
  console.log('successful', r.successful());
  try { await pool.map(die, [1, 2, 3], 1); } catch (e) { console.log('dead', /worker process died \\(exit code 9\\)/.test((e as Error).message)); }
  console.log('still works', (await pool.map(tag, [5])).join(','));
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'w1,w2\ncaught RangeError no threes\nsuccessful false\ndead true\nstill works w5\n');
  });

  it('ends a program that leaves its pool open (workers are daemonic, as in Python)', async () => {
    const r = await run(`${HEAD}
export function f(x: number) { return x * 2; }
await mp.main(async () => { const p = new mp.Pool(1); console.log(await p.map(f, [1, 2])); });
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '[ 2, 4 ]\n');
  });

  it('loses no task to maxtasksperchild: each worker is dealt only what it may run before it exits', async () => {
    const r = await run(`${HEAD}
export function sq(x: number) { return x * x; }
export function pid(_: number) { return process.pid; }
await mp.main(async () => {
  for (const max of [1, 4]) {
    const p = new mp.Pool(2, { maxtasksperchild: max });
    const rs = Array.from({ length: 8 }, (_, i) => p.applyAsync(sq, [i]));
    let sum = 0;
    for (const r of rs) sum += await r.get();
    const pids = new Set(await p.map(pid, [1, 2, 3, 4, 5, 6], 1));
    console.log(max, sum, pids.size >= 6 / max);
    p.close();
    await p.join();
  }
});
`, [], 120000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1 140 true\n4 140 true\n');
  });

  it("refuses a maxtasksperchild that is not a positive integer, as Python does", async () => {
    const r = await run(`${HEAD}
await mp.main(async () => {
  for (const m of [0, -1, 0.5, '12']) {
    try { new mp.Pool(1, { maxtasksperchild: m as any }); console.log('accepted', m); } catch (e) { console.log((e as Error).name, e instanceof mp.ValueError); }
  }
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ValueError true\n'.repeat(4));
  });

  it("keeps a task error's class (ours, JavaScript's or the program's exported one) and fails only the task whose result cannot be sent", async () => {
    const r = await run(`${HEAD}
export class MyError extends Error { constructor(m: string, public code = 7) { super(m); this.name = 'MyError'; } }
export function bad(x: number) { if (x === 2) throw new mp.ValueError('two'); if (x === 3) throw new MyError('three', 42); return x; }
export function unsendable(x: number) { return x === 1 ? () => 1 : x; }
export function sq(x: number) { return x * x; }
await mp.main(async () => {
  await using pool = new mp.Pool(1);
  for (const x of [2, 3]) { try { await pool.apply(bad, [x]); } catch (e) { console.log((e as Error).name, e instanceof mp.ValueError, e instanceof MyError, (e as MyError).code, (e as Error).message); } }
  const rs = [0, 1, 2].map((x) => pool.applyAsync(unsendable, [x]));
  for (const res of rs) { try { console.log(await res.get()); } catch (e) { console.log((e as Error).name, e instanceof mp.MaybeEncodingError); } }
  console.log(await pool.map(sq, [1, 2, 3], { chunksize: 1 }));
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ValueError true false undefined two\nMyError false true 42 three\n0\nMaybeEncodingError true\n2\n[ 1, 4, 9 ]\n');
  });

  it('imap and imapUnordered read an endless iterable lazily and stop when the consumer does', async () => {
    const r = await run(`${HEAD}
export function* naturals() { for (let i = 0; ; i++) yield i; }
export function sq(x: number) { return x * x; }
await mp.main(async () => {
  await using pool = new mp.Pool(2);
  const got: number[] = [];
  for await (const v of pool.imap(sq, naturals(), { chunksize: 3 })) { got.push(v); if (got.length === 10) break; }
  console.log(got.join(','));
  const un: number[] = [];
  for await (const v of pool.imapUnordered(sq, naturals())) { un.push(v); if (un.length === 5) break; }
  console.log(un.length, un.every((v) => Number.isInteger(Math.sqrt(v))));
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '0,1,4,9,16,25,36,49,64,81\n5 true\n');
  });

  it("takes Python's keyword arguments in an options object: apply kwds, Process kwargs, get/join timeouts; an unknown one is a TypeError naming it", async () => {
    const r = await run(`${HEAD}
export function kw(a: number, k: { b: number }) { return a + k.b; }
export function hi(a: number, k: { greet: string }) { console.log(k.greet, a); }
await mp.main(async () => {
  await using pool = new mp.Pool(1);
  console.log(await pool.apply(kw, { args: [1], kwds: { b: 2 } }));
  console.log(await pool.applyAsync(kw, { args: [3], kwds: { b: 4 } }).get({ timeout: 30 }));
  const p = new mp.Process({ target: hi, args: [1], kwargs: { greet: 'hello' } });
  await p.start();
  await p.join({ timeout: 100 }); // its timer must not outlive the join
  console.log('joined', p.exitCode);
  try { await pool.map(kw, [1], { chunksiz: 1 } as any); } catch (e) { console.log((e as Error).name, (e as Error).message); }
});
`, [], 150000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "3\n7\nhello 1\njoined 0\nTypeError Pool.map() got an unexpected keyword argument 'chunksiz'; it takes chunksize\n");
    assert.ok(r.ms < 60000, `the program took ${r.ms} ms: join(100)'s timer kept it alive`);
  });

  it('rejects unexported functions and work after close()', async () => {
    const r = await run(`${HEAD}
function hidden(x: number) { return x; }
export function shown(x: number) { return x; }
await mp.main(async () => {
  const pool = new mp.Pool(1);
  try { await pool.map(hidden, [1]); } catch (e) { console.log((e as Error).message); }
  pool.close();
  try { await pool.map(shown, [1]); } catch (e) { console.log((e as Error).message); }
  await pool.join();
});
`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the function 'hidden' is not exported from .*prog\.ts; write `export function hidden/);
    assert.match(r.stdout, /the pool is closed; submit work before close\(\)/);
  });
});
