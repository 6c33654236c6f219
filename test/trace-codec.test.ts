/**
 * Trace event batches (protocol/trace-codec.ts) must decode to the events the rank recorded,
 * across batches that share the value table and past the table's reset.
 */
import * as assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { TraceDecoder, TraceEncoder } from '../runtime/protocol/trace-codec.js';
import type { CallTemplate, DetectorFact, RankEvent, TraceEvent } from '../runtime/protocol/trace-events.js';

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
});
