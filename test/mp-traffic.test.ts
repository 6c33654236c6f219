/**
 * Multiprocessing traffic in the trace of a real run (rankscope run --trace): every queue item,
 * pipe message and Pool chunk is named where it is handed over and again where it is taken, so the
 * diagram can draw it; and none of it is an MPI message (`msg`), which the launcher's message state
 * and deadlock detector read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OpEndEvent, OpStartEvent, TraceEvent } from '../runtime/contract/trace-events.js';
import { program, ROOT, runCli } from './helpers/run-cli.js';

interface Run { names: string[]; events: TraceEvent[]; stdout: string }

async function traced(file: string): Promise<Run> {
  const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-trace-')), 'trace.json');
  const r = await runCli(['run', '--no-publish', '--trace', trace, file], { timeoutMs: 60000 });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const saved = (JSON.parse(fs.readFileSync(trace, 'utf8')) as { rankscope: Run }).rankscope;
  return { ...saved, stdout: r.stdout };
}

const starts = (run: Run, op: string, rank?: number): OpStartEvent[] =>
  run.events.filter((e): e is OpStartEvent => e.kind === 'op-start' && e.op === op && (rank === undefined || e.rank === rank)).sort((a, b) => a.id - b.id);

/** The end of each call, in the calls' order. */
function endsOf(run: Run, calls: OpStartEvent[]): OpEndEvent[] {
  const ends = new Map(run.events.flatMap((e) => (e.kind === 'op-end' ? [[`${e.rank}:${e.id}`, e] as const] : [])));
  return calls.map((c) => ends.get(`${c.rank}:${c.id}`)!);
}

const rankOf = (run: Run, name: string): number => run.names.indexOf(name);

function noMpiMessages(run: Run): void {
  assert.deepEqual(run.events.filter((e) => e.msg !== undefined), [], 'multiprocessing traffic is never an MPI message');
}

describe('multiprocessing traffic in the trace', function () {
  this.timeout(120000);

  it('Queue: each get names the put whose item it took (two consumers, one producer)', async () => {
    const run = await traced(program(`import * as mp from 'rankscope/multiprocessing';
export async function consumer(q: mp.Queue, name: string) {
  for (;;) {
    const v = await q.get();
    if (v === null) break;
    console.log(name, v);
  }
}
await mp.main(async () => {
  const q = new mp.Queue();
  const cs = ['A', 'B'].map((name) => new mp.Process({ target: consumer, args: [q, name], name }));
  for (const c of cs) await c.start();
  for (let i = 0; i < 20; i++) await q.put(i);
  for (const _ of cs) await q.put(null);
  for (const c of cs) await c.join();
});
`));
    const puts = starts(run, 'Queue.put', 0);
    assert.equal(puts.length, 22);
    assert.equal(new Set(puts.map((p) => p.item)).size, 22, 'every item its own id');
    const lines = run.stdout.trim().split('\n').map((l) => l.split(' '));
    for (const name of ['A', 'B']) {
      const got = endsOf(run, starts(run, 'Queue.get', rankOf(run, name)));
      const printed = lines.filter(([n]) => n === name).map(([, v]) => Number(v));
      // The value i was the i-th put; the last get took a null, which ends the consumer.
      assert.deepEqual(got.map((e) => e.item), [...printed.map((v) => puts[v].item), got.at(-1)!.item]);
      assert.ok(puts.slice(20).some((p) => p.item === got.at(-1)!.item), `${name}'s last get took a null`);
    }
    noMpiMessages(run);
  });

  it('pipes.ts: each recv names the send whose message it took, in order; the EOF names none', async () => {
    const run = await traced(path.join(ROOT, 'samples', 'multiprocessing', 'pipes.ts'));
    const hops = [['Process-1', 'Process-2'], ['Process-2', 'MainProcess']];
    for (const [from, to] of hops) {
      const sent = starts(run, 'Connection.send', rankOf(run, from));
      const got = endsOf(run, starts(run, 'Connection.recv', rankOf(run, to)));
      assert.equal(sent.length, 10);
      assert.deepEqual(got.map((e) => e.item), [...sent.map((s) => s.item), undefined], `${from} → ${to}`);
      assert.match(got.at(-1)!.error ?? '', /the other end of the pipe is closed/, 'the last recv met EOF');
    }
    noMpiMessages(run);
  });

  it('pool.ts: each chunk dealt is a task on a worker, which gives a result the pool takes', async () => {
    const run = await traced(path.join(ROOT, 'samples', 'multiprocessing', 'pool.ts'));
    const deals = starts(run, 'Pool.deal', 0);
    const tasks = starts(run, 'Pool.task');
    const results = endsOf(run, starts(run, 'Pool.result', 0));
    assert.equal(deals.length, 2 * Math.ceil(100 / 7));
    assert.deepEqual(tasks.map((t) => t.took).sort(), deals.map((d) => d.item).sort(), 'every chunk dealt ran once as a task');
    assert.ok(tasks.every((t) => run.names[t.rank].startsWith('SpawnPoolWorker-')), 'on the workers\' lanes');
    assert.ok(tasks.every((t) => /^square ×\d+$/.test(t.text)), tasks[0].text);
    const gave = endsOf(run, tasks).map((e) => e.gave);
    assert.deepEqual(results.map((e) => e.item).sort(), [...gave].sort(), 'every result given was taken by the pool');
    noMpiMessages(run);
  });

  it('Lock: a release that lets a waiting acquire through names it; one nobody waited for names none', async () => {
    // Rounds: the taker says it is about to acquire, the main process gives its request time to
    // reach the lock (its owner), then releases. A round whose request came late is no handoff;
    // the test needs one handoff among five rounds, and every acquire to name only real handoffs.
    const run = await traced(program(`import * as mp from 'rankscope/multiprocessing';
export async function taker(lock: mp.Lock, ready: mp.Queue, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    await ready.put(i);
    await lock.acquire();
    await lock.release();
  }
}
await mp.main(async () => {
  const lock = new mp.Lock();
  const ready = new mp.Queue();
  const p = new mp.Process({ target: taker, args: [lock, ready, 5], name: 'Taker' });
  await lock.acquire();
  await p.start();
  for (let i = 0; i < 5; i++) {
    await ready.get();
    await new Promise((r) => setTimeout(r, 200));
    await lock.release();
    if (i < 4) await lock.acquire();
  }
  await p.join();
});
`));
    const released = endsOf(run, starts(run, 'Lock.release', 0));
    const taker = rankOf(run, 'Taker');
    const acquired = endsOf(run, starts(run, 'Lock.acquire', taker));
    assert.equal(released.length, 5);
    const handoffs = released.flatMap((e) => (e.gave ? [e.gave] : []));
    assert.ok(handoffs.length >= 1, 'some release let the waiting taker through');
    assert.deepEqual(acquired.flatMap((e) => (e.item ? [e.item] : [])), handoffs, 'each acquire that waited names the release that let it through');
    assert.deepEqual(endsOf(run, starts(run, 'Lock.release', taker)).filter((e) => e.gave !== undefined && !endsOf(run, starts(run, 'Lock.acquire', 0)).some((a) => a.item === e.gave)), [], 'a release names only a handoff an acquire took');
    noMpiMessages(run);
  });
});
