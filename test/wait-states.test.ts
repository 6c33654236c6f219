/**
 * The wait-state analysis on made-up events, one case per pattern: which call lost how much, to
 * what. Events are fed in an order no rank would make (other ranks' first) where it matters: the
 * launcher hears the ranks in no common order.
 */
import { strict as assert } from 'node:assert';
import { WaitStateAnalyzer, waitStatesOf } from '../runtime/analysis/wait-states.js';
import { waitSummary } from '../runtime/analysis/wait-summary.js';
import type { OpEndEvent, OpStartEvent, TraceEvent, WaitFor } from '../runtime/contract/trace-events.js';
import type { WaitStateRow } from '../runtime/contract/wait-states.js';

const GROUP = [0, 1, 2];
const site = (line: number) => ({ file: '/p/prog.ts', line, column: 1 });
function start(rank: number, id: number, t: number, op: string, more: Partial<OpStartEvent> = {}): OpStartEvent {
  return { kind: 'op-start', rank, id, t, op, text: `${op}()`, comm: 'world', site: site(10 + id), ...more };
}
const end = (rank: number, id: number, t: number, more: Partial<OpEndEvent> = {}): OpEndEvent => ({ kind: 'op-end', rank, id, t, ...more });
const recvWait = (source: number, posted?: number): WaitFor => ({ type: 'recv', comm: 'world', source, tag: -1, group: GROUP, ...(posted === undefined ? {} : { posted }) });
const coll = (op: string, seq: number, group = GROUP): WaitFor => ({ type: 'collective', comm: 'world', seq, op, group });

function rows(events: TraceEvent[]): Omit<WaitStateRow, 'site'>[] {
  const a = new WaitStateAnalyzer();
  a.add(events);
  return a.report(true).rows.map(({ site: _, ...r }) => r).sort((x, y) => x.rank - y.rank || x.pattern.localeCompare(y.pattern));
}

describe('wait-state analysis', () => {
  it('Late Sender: a receive entered before the send started loses the gap, and the summary names its line', () => {
    const events = [
      start(1, 1, 5000, 'send', { msg: '1.1', peer: 0 }), end(1, 1, 5010),
      start(0, 1, 1000, 'recv', { wait: recvWait(1) }), end(0, 1, 5100, { msg: '1.1' }),
    ];
    assert.deepEqual(rows(events), [{ rank: 0, pattern: 'late-sender', op: 'recv', lostUs: 4000, count: 1 }]);
    const a = new WaitStateAnalyzer();
    a.add(events);
    assert.equal(waitSummary(a.report(true), undefined, 1000), 'rankscope: wait states — rank 0 recv at /p/prog.ts:11: 4 ms Late Sender\n');
    assert.equal(waitSummary(a.report(true), undefined, 10_000), 'rankscope: wait states — no process waited 10 ms or more for another\n');
  });

  it('a send that started first costs its receiver nothing; a wait on an irecv is judged from the wait', () => {
    assert.deepEqual(rows([start(1, 1, 100, 'send', { msg: '1.1' }), end(1, 1, 110), start(0, 1, 1000, 'recv', { wait: recvWait(1) }), end(0, 1, 1005, { msg: '1.1' })]), []);
    assert.deepEqual(rows([
      start(0, 1, 100, 'irecv', { posts: recvWait(1) as Extract<WaitFor, { type: 'recv' }> }), end(0, 1, 101),
      start(0, 2, 200, 'wait', { wait: recvWait(1, 1) }), end(0, 2, 3000, { msg: '1.1' }),
      start(1, 1, 2900, 'isend', { msg: '1.1' }), end(1, 1, 2901),
    ]), [{ rank: 0, pattern: 'late-sender', op: 'wait', lostUs: 2700, count: 1 }]);
  });

  it('Late Receiver: an ssend waits from its start until the receive is posted (an irecv: when it was posted)', () => {
    const send = { msg: '0.1', wait: { type: 'send', comm: 'world', dest: 1, tag: 0, msg: '0.1' } as WaitFor };
    assert.deepEqual(rows([
      start(1, 1, 4000, 'recv', { wait: recvWait(0) }), end(1, 1, 4050, { msg: '0.1' }),
      start(0, 1, 1000, 'ssend', send), end(0, 1, 4060),
    ]), [{ rank: 0, pattern: 'late-receiver', op: 'ssend', lostUs: 3000, count: 1 }]);
    assert.deepEqual(rows([
      start(0, 1, 1000, 'ssend', send),
      start(1, 1, 2000, 'irecv', { posts: recvWait(0) as Extract<WaitFor, { type: 'recv' }> }), end(1, 1, 2001),
      start(1, 2, 9000, 'wait', { wait: recvWait(0, 1) }), end(1, 2, 9001, { msg: '0.1' }),
      end(0, 1, 2100),
    ]), [{ rank: 0, pattern: 'late-receiver', op: 'ssend', lostUs: 1000, count: 1 }]);
  });

  it('Wait at Barrier and at N×N: each member loses the time until the last one entered', () => {
    const members = (op: string): TraceEvent[] => [0, 1, 2].flatMap((r) => [start(r, 1, 1000 * (r + 1), op, { collSeq: 1, wait: coll(op, 1) }), end(r, 1, 3500)]);
    assert.deepEqual(rows(members('Barrier')), [
      { rank: 0, pattern: 'wait-at-barrier', op: 'Barrier', lostUs: 2000, count: 1 },
      { rank: 1, pattern: 'wait-at-barrier', op: 'Barrier', lostUs: 1000, count: 1 },
    ]);
    assert.deepEqual(rows(members('allreduce')).map((r) => [r.rank, r.pattern, r.lostUs]), [[0, 'wait-at-nxn', 2000], [1, 'wait-at-nxn', 1000]]);
  });

  it('a collective is judged only once every member of its group has left it', () => {
    assert.deepEqual(rows([start(0, 1, 1000, 'Barrier', { collSeq: 1, wait: coll('Barrier', 1) }), end(0, 1, 2000), start(1, 1, 1900, 'Barrier', { collSeq: 1, wait: coll('Barrier', 1) }), end(1, 1, 2000)]), []);
  });

  it('Late Broadcast: members that entered before the root lose the time until it did', () => {
    const ev = [0, 1, 2].flatMap((r) => [start(r, 1, r === 2 ? 5000 : 1000 * (r + 1), 'bcast', { root: 2, collSeq: 1, wait: coll('bcast', 1) }), end(r, 1, 5200)]);
    assert.deepEqual(rows(ev).map((r) => [r.rank, r.pattern, r.lostUs]), [[0, 'late-broadcast', 4000], [1, 'late-broadcast', 3000]]);
  });

  it('Early Reduce: the root that entered before its last contributor loses the gap; the others nothing', () => {
    const ev = [0, 1, 2].flatMap((r) => [start(r, 1, [1000, 3000, 2000][r], 'Reduce', { root: 0, collSeq: 1, wait: coll('Reduce', 1) }), end(r, 1, 3100)]);
    assert.deepEqual(rows(ev), [{ rank: 0, pattern: 'early-reduce', op: 'Reduce', lostUs: 2000, count: 1 }]);
  });

  it('multiprocessing: a blocked acquire is lock contention, a blocked queue get is starvation', () => {
    assert.deepEqual(rows([
      start(1, 1, 1000, 'acquire', { obj: '9:1', wait: { type: 'lock', obj: '9:1' } }), end(1, 1, 1800, { ok: true }),
      start(2, 1, 1000, 'get', { obj: '9:2', wait: { type: 'object', obj: '9:2', op: 'get' } }), end(2, 1, 1600),
      start(2, 2, 2000, 'put', { obj: '9:2' }), end(2, 2, 2100),
    ]), [
      { rank: 1, pattern: 'lock-contention', op: 'acquire', lostUs: 800, count: 1 },
      { rank: 2, pattern: 'queue-starvation', op: 'get', lostUs: 600, count: 1 },
    ]);
  });

  it('the critical path goes back from the last call to end, and jumps to the sender where a receive waited for it', () => {
    const events = [
      start(0, 1, 1000, 'recv', { wait: recvWait(1) }), end(0, 1, 5100, { msg: '1.1' }),
      start(0, 2, 6000, 'send', { msg: '0.2' }), end(0, 2, 9000),
      start(1, 1, 0, 'iprobe'), end(1, 1, 100),
      start(1, 2, 5000, 'send', { msg: '1.1' }), end(1, 2, 5010),
      start(2, 1, 6100, 'recv', { wait: recvWait(0) }), end(2, 1, 6200, { msg: '0.2' }),
    ];
    assert.deepEqual(waitStatesOf(events).criticalPath, [{ rank: 1, from: 0, to: 5000, ops: [1, 2] }, { rank: 0, from: 5000, to: 9000, ops: [1, 2] }]);
    // A process stuck in its first call (a deadlock) has nothing on the path.
    assert.deepEqual(waitStatesOf([start(0, 1, 0, 'compute'), end(0, 1, 50), start(1, 1, 0, 'recv', { wait: recvWait(0) })]).criticalPath, [{ rank: 0, from: 0, to: 50, ops: [1] }]);
    // Through a barrier: to the last member in, at its entry.
    const barrier = [0, 1].flatMap((r) => [start(r, 1, 0, 'compute'), end(r, 1, r === 1 ? 3000 : 10), start(r, 2, r === 1 ? 3000 : 20, 'Barrier', { collSeq: 1, wait: coll('Barrier', 1, [0, 1]) }), end(r, 2, r === 0 ? 3200 : 3100)]);
    assert.deepEqual(waitStatesOf(barrier).criticalPath, [{ rank: 1, from: 0, to: 3000, ops: [1, 2] }, { rank: 0, from: 3000, to: 3200, ops: [2] }]);
  });

  it('sums one call site over its calls, and keeps only the longest intervals when told to', () => {
    const a = new WaitStateAnalyzer(2);
    for (let i = 0; i < 5; i++) {
      a.add([start(0, i, i * 10_000, 'recv', { wait: recvWait(1), site: site(7) }), start(1, i, i * 10_000 + 100 * (i + 1), 'send', { msg: `1.${i}` }), end(1, i, i * 10_000 + 1000), end(0, i, i * 10_000 + 1000, { msg: `1.${i}` })]);
    }
    const r = a.report(true);
    assert.deepEqual(r.rows.map((x) => [x.rank, x.site?.line, x.lostUs, x.count]), [[0, 7, 1500, 5]]);
    assert.equal(r.totalUs, 1500);
    assert.deepEqual(r.intervals.map((x) => x.to - x.from), [500, 400]);
    assert.equal(r.intervalsOmitted, 3);
  });
});
