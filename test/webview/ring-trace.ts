/// <reference lib="dom" />
/**
 * A synthetic run for the diagram's load, frame and streaming tests, built inside the page with the
 * real codec (window.RankscopeCodec) the way the panel host encodes a run: 9 ranks passing
 * messages round a ring (each rank alternately sends to the next and receives from the previous),
 * an allreduce every 100 rounds, all with source lines. Kept in window.__batches as encoded
 * batches, ready to post; building it is not part of any measurement.
 */
import type { TraceEvent } from '../../runtime/contract/trace-events.js';

export interface RingOptions {
  /** Events to make (at least). */
  events: number;
  /** Events per batch. */
  batch: number;
  /** µs between rounds (9 ranks × 2 events each). */
  roundUs: number;
}

/** Runs in the page (pass it to page.evaluate): returns how many events it made. */
export function buildRingTrace(o: RingOptions): number {
  const w = window as unknown as { RankscopeCodec: typeof import('../../webview/sequence/codec.js'); __batches: unknown[] };
  const enc = new w.RankscopeCodec.StringEncoder();
  const np = 9;
  const t0 = 1.7e15;
  const ids = new Array<number>(np).fill(0);
  const site = (line: number): { file: string; line: number; column: number } => ({ file: '/bench/ring.ts', line, column: 1 });
  const batches = [];
  let events: TraceEvent[] = [];
  let made = 0;
  for (let round = 0; made < o.events; round++) {
    for (let r = 0; r < np; r++) {
      const t = t0 + round * o.roundUs + r;
      const id = ids[r]++;
      if (round % 100 === 99) {
        events.push({ kind: 'op-start', rank: r, id, t, op: 'allreduce', text: 'allreduce(op=SUM)', comm: 'world', collSeq: round, wait: { type: 'collective', comm: 'world', seq: round, op: 'allreduce', group: [] } as never, site: site(20) });
        events.push({ kind: 'op-end', rank: r, id, t: t + o.roundUs / 2 });
      } else if ((round + r) % 2 === 0) {
        events.push({ kind: 'op-start', rank: r, id, t, op: 'send', text: `send(dest=${(r + 1) % np})`, comm: 'world', peer: (r + 1) % np, tag: 0, bytes: 64, msg: `${r}.${id}`, site: site(12) });
        events.push({ kind: 'op-end', rank: r, id, t: t + o.roundUs / 20 });
      } else {
        const from = (r + np - 1) % np;
        events.push({ kind: 'op-start', rank: r, id, t, op: 'recv', text: `recv(source=${from})`, comm: 'world', peer: from, tag: 0, wait: { type: 'recv', comm: 'world', source: from, tag: 0, group: [] } as never, site: site(14) });
        events.push({ kind: 'op-end', rank: r, id, t: t + (o.roundUs * 3) / 5, peer: from, msg: `${from}.${ids[from] - 1}` });
      }
      made += 2;
    }
    if (events.length >= o.batch) {
      batches.push(w.RankscopeCodec.encodeEvents(events, enc));
      events = [];
    }
  }
  if (events.length) batches.push(w.RankscopeCodec.encodeEvents(events, enc));
  w.__batches = batches;
  return made;
}
