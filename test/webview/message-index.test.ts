/**
 * The diagram's message index (webview/sequence/message-index.ts), in Node: batches whose receives
 * complete out of send order and batches later, against a plain recount; every lane pair sorted by
 * send, nothing lost, and the per-block latest receives that let a frame skip what ended before it.
 */
import * as assert from 'node:assert/strict';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { encodeEvents, StringEncoder } from '../../webview/sequence/codec.js';
import { MessageIndex } from '../../webview/sequence/message-index.js';
import { TraceModel } from '../../webview/sequence/model.js';
import { BLOCK } from '../../webview/sequence/pair-index.js';

/** A seeded generator, so a failure repeats. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('diagram message index', () => {
  it('keeps each lane pair sorted by send, complete, with true block summaries, whatever order receives complete in', () => {
    const rnd = random(7);
    const np = 4, n = 3000;
    const sends: TraceEvent[] = [], recvs: TraceEvent[] = [];
    const ids = new Array<number>(np).fill(0);
    for (let i = 0; i < n; i++) {
      const from = Math.floor(rnd() * np), to = (from + 1 + Math.floor(rnd() * (np - 1))) % np;
      const t = i * 10, latency = rnd() < 0.05 ? 5000 * rnd() : 20 * rnd();
      const s = ids[from]++, r = ids[to]++;
      sends.push({ kind: 'op-start', rank: from, id: s, t, op: 'send', text: 'send', comm: 'world', msg: `${from}.${s}` }, { kind: 'op-end', rank: from, id: s, t: t + 1 });
      recvs.push({ kind: 'op-start', rank: to, id: r, t: t + latency, op: 'recv', text: 'recv', comm: 'world' }, { kind: 'op-end', rank: to, id: r, t: t + latency + 1, msg: `${from}.${s}` });
    }
    // Receives reach the webview in shuffled batches, some well after their sends.
    const order = recvs.map((_, i) => i).filter((i) => i % 2 === 0).sort(() => rnd() - 0.5);
    const m = new TraceModel();
    const index = new MessageIndex();
    const enc = new StringEncoder();
    const batch = (events: TraceEvent[]): void => {
      m.add(encodeEvents(events, enc));
      index.update(m, 'wall', () => true, '');
    };
    batch(sends.slice(0, n));
    for (let i = 0; i < order.length; i += 250) batch(order.slice(i, i + 250).flatMap((q) => [recvs[q], recvs[q + 1]]));
    batch(sends.slice(n));

    assert.equal(index.pairs.reduce((sum, q) => sum + q.size, 0), n);
    const seen = new Set<number>();
    for (const q of index.pairs) {
      for (let j = 0; j < q.size; j++) {
        const msg = q.msgs.a[j];
        seen.add(msg);
        assert.equal(m.rank.a[m.msgSend.a[msg]], q.from);
        assert.equal(q.keys.a[j], m.t0.a[m.msgSend.a[msg]]);
        if (j > 0) assert.ok(q.keys.a[j - 1] <= q.keys.a[j], `pair ${q.from}→${q.to} out of order at ${j}`);
      }
      for (let b = 0; b < q.blockEnd.n; b++) {
        const latest = Math.max(...Array.from(q.ends.a.subarray(b * BLOCK, Math.min((b + 1) * BLOCK, q.size))));
        assert.equal(q.blockEnd.a[b], latest, `pair ${q.from}→${q.to} block ${b}`);
      }
    }
    assert.equal(seen.size, n);
  });
});
