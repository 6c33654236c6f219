/**
 * Trace event batches (contract/trace-codec.ts) must decode to the events the rank recorded,
 * across batches that share the value table and past the table's reset.
 */
import * as assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { JobState } from '../runtime/launcher/state/job-state.js';
import { TraceEncoder } from '../runtime/contract/trace-codec.js';
import { TraceDecoder } from '../runtime/contract/trace-decoder.js';
import type { CallTemplate, DetectorFact, RankEvent, TraceEvent } from '../runtime/contract/trace-events.js';

describe('trace event batches', () => {
  const site = { file: '/p/prog.ts', line: 7, column: 3 };
  const wait = { type: 'recv' as const, comm: 'world', source: 1, tag: -1, group: [0, 1] };
  const recvCall: CallTemplate = { op: 'recv', text: 'recv(source=1, tag=ANY)', comm: 'world', peer: 1, tag: -1, wait };
  const sendCall: CallTemplate = { op: 'send', text: 'send(dest=1, tag=0)', comm: 'world', peer: 1, tag: 0 };

  function record(enc: TraceEncoder, batch: number, n: number): RankEvent[] {
    const expected: RankEvent[] = [];
    for (let i = 0; i < n; i++) {
      const t = 1.7e15 + i;
      enc.addCallStart(0, 4 * i, t, sendCall, site, 11, 0, i);
      expected.push({ kind: 'op-start', rank: 0, id: 4 * i, t, ...sendCall, bytes: 11, msg: `0.${i}`, site });
      enc.add(true, 0, 4 * i, t, {});
      expected.push({ kind: 'op-end', rank: 0, id: 4 * i, t });
      enc.addCallStart(0, 4 * i + 1, t, recvCall, site, undefined, 0, -1);
      expected.push({ kind: 'op-start', rank: 0, id: 4 * i + 1, t, ...recvCall, site });
      enc.addReceived(0, 4 * i + 1, t, 1, 0, 11, 1, i);
      expected.push({ kind: 'op-end', rank: 0, id: 4 * i + 1, t, peer: 1, tag: 0, bytes: 11, msg: `1.${i}` });
      const fields = { op: 'bcast', text: `bcast(root=0) #${batch}.${i}`, comm: 'world', root: 0, collSeq: i + 1, msg: 'odd.msg', error: `e${i}`, ok: i % 2 === 0 };
      enc.add(false, 0, 4 * i + 2, t, fields);
      expected.push({ kind: 'op-start', rank: 0, id: 4 * i + 2, t, ...fields } as TraceEvent);
      // The collective's own messages, five numbers each; now and then more than the buffer holds.
      const traffic = Array.from({ length: 5 * (i % 500 === 7 ? 1000 : i % 4) }, (_, k) => (k % 5 === 4 ? t + k : k));
      enc.add(true, 0, 4 * i + 2, t, traffic.length ? { traffic } : {});
      expected.push({ kind: 'op-end', rank: 0, id: 4 * i + 2, t, ...(traffic.length ? { traffic } : {}) });
      // A posted irecv, and the detector's fact of its match, in order among the events.
      const irecv = { op: 'irecv', text: 'irecv(source=1, tag=ANY)', comm: 'world', peer: 1, tag: -1, posts: wait };
      enc.add(false, 0, 4 * i + 3, t, irecv);
      expected.push({ kind: 'op-start', rank: 0, id: 4 * i + 3, t, ...irecv });
      const fact: DetectorFact = { kind: 'recv-matched', rank: 0, id: 4 * i + 3, t, msg: `1.${i}` };
      enc.addFact(fact);
      expected.push(fact);
    }
    return expected;
  }

  it('decode to the events recorded, batch after batch, past a table reset', () => {
    const enc = new TraceEncoder();
    const dec = new TraceDecoder();
    let resets = 0;
    for (let b = 0; b < 12; b++) {
      const expected = record(enc, b, 2000);
      const batch = deserialize(serialize(enc.take()));
      if (batch.reset) resets++;
      assert.deepEqual(dec.decode(batch), expected);
    }
    assert.ok(resets > 0, 'one-off texts should have filled the table at least once');
  });

  /** What the detector reads of a job's state. */
  function picture(state: JobState): unknown {
    return {
      inFlight: [...state.inFlight.keys()].sort(),
      ranks: state.ranks.map((r) => ({ status: r.status, open: [...r.open.keys()], blockedIn: r.blockedIn?.id })),
      posted: [...state.postedReceives].map(([rank, m]) => [rank, [...m.keys()]]),
    };
  }

  it('paired calls leave a launcher that keeps no events the same state as whole events do', () => {
    // Rank 0's batch as its tracer writes it: sends and receives that end within the batch are
    // pairs; a send whose end came in a later batch is not; a receive is still open at the end.
    const enc = new TraceEncoder();
    let id = 1;
    const pairedSend = (seq: number) => {
      const at = enc.addCallStart(0, id, 1, sendCall, site, 8, 0, seq);
      const end = enc.length;
      enc.addEnd(0, id++, 2);
      enc.pair(at, end);
    };
    const pairedRecv = (seq: number) => {
      const at = enc.addCallStart(0, id, 3, recvCall, site, undefined, 0, -1);
      const end = enc.length;
      enc.addReceived(0, id++, 4, 1, 0, 8, 1, seq);
      enc.pair(at, end);
    };
    pairedSend(1);
    pairedRecv(1); // rank 1's message 1.1: its send is in rank 1's batch, which arrives later
    pairedSend(2);
    enc.addCallStart(0, id++, 5, sendCall, site, 8, 0, 3); // a send not yet ended
    pairedRecv(7); // 1.7 likewise
    enc.add(false, 0, id++, 6, { op: 'irecv', text: 'irecv', comm: 'world', peer: 1, tag: -1, posts: wait });
    enc.addCallStart(0, id++, 7, recvCall, site, undefined, 0, -1); // blocked here
    const mine = deserialize(serialize(enc.take()));
    const peer = new TraceEncoder();
    for (const seq of [7, 1, 9]) {
      const at = peer.addCallStart(1, 100 + seq, 1, { ...sendCall, peer: 0 }, site, 8, 1, seq);
      const end = peer.length;
      peer.addEnd(1, 100 + seq, 2);
      peer.pair(at, end);
    }
    const theirs = deserialize(serialize(peer.take()));

    const whole = new JobState(2, String);
    const lean = new JobState(2, String);
    const [d1, d2, l1, l2] = [new TraceDecoder(), new TraceDecoder(), new TraceDecoder(), new TraceDecoder()];
    // Ranks flush on their own: here the receiver's batch arrives before the sender's.
    for (const e of d1.decode(mine)) whole.apply(e);
    for (const e of d2.decode(theirs)) whole.apply(e);
    l1.applyTo(mine, lean);
    l2.applyTo(theirs, lean);
    assert.deepEqual(picture(lean), picture(whole));
    assert.deepEqual(picture(lean), {
      inFlight: ['0.1', '0.2', '0.3', '1.9'],
      ranks: [{ status: 'blocked', open: [4, 6, 7], blockedIn: 7 }, { status: 'starting', open: [], blockedIn: undefined }],
      posted: [[0, [6]]],
    });
  });

  it('multiprocessing items round-trip, and a launcher never takes them for MPI messages', () => {
    // A put hands item 1.1 over, a get takes it; a Pool task takes chunk 0.4 and gives result
    // 2.1; an MPI message that is not `<int>.<int>` rides beside them (MSG_AS_VALUE is its alone).
    const enc = new TraceEncoder();
    const put = { op: 'Queue.put', text: 'Queue.put()', comm: 'mp', obj: '9:1', item: '1.1' };
    const expected: RankEvent[] = [];
    const add = (end: boolean, id: number, fields: Record<string, unknown>, pairWith?: number): void => {
      const at = enc.length;
      enc.add(end, 1, id, 10 + id, fields);
      if (pairWith !== undefined) enc.pair(pairWith, at);
      expected.push({ kind: end ? 'op-end' : 'op-start', rank: 1, id, t: 10 + id, ...fields } as RankEvent);
    };
    const putAt = enc.length;
    add(false, 1, put);
    add(true, 1, {}, putAt);
    const getAt = enc.length;
    add(false, 2, { op: 'Queue.get', text: 'Queue.get()', comm: 'mp', obj: '9:1' });
    add(true, 2, { item: '1.1' }, getAt);
    add(false, 3, { op: 'Pool.task', text: 'square ×7', comm: 'mp', took: '0.4' });
    add(true, 3, { gave: '2.1', error: 'boom' });
    add(false, 4, { op: 'bcast', text: 'bcast', comm: 'world', msg: 'odd.msg', item: '3.12' });
    const batch = deserialize(serialize(enc.take()));
    const whole = new JobState(2, String);
    const lean = new JobState(2, String);
    for (const e of new TraceDecoder().decode(batch)) whole.apply(e);
    new TraceDecoder().applyTo(batch, lean);
    assert.deepEqual(new TraceDecoder().decode(deserialize(serialize(batch))), expected);
    for (const state of [whole, lean]) {
      assert.deepEqual([...state.inFlight.keys()], []);
      assert.deepEqual(state.sendOrder.messages().map((m) => m.send.call.msg), ['odd.msg']);
    }
    assert.deepEqual(picture(lean), picture(whole));
  });
});
