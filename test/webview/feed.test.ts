/**
 * The panel host's feed (extension/diagram/feed.ts) under a live run of 100 k events/s: every
 * ~50 ms one batch of typed arrays with everything new, none lost or reordered, each event posted
 * soon after the program made it, and encoding cheap enough to leave the extension host free.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { Feed } from '../../extension/diagram/feed.js';
import type { RunRecord } from '../../extension/diagram/run-record.js';
import { decodeEvents, StringDecoder } from '../../webview/sequence/codec.js';
import type { HostToWebview } from '../../webview/sequence/protocol.js';

const RATE = 100_000;
const SECONDS = 3;
const NP = 9;

/** The events a ring of NP ranks makes, `n` at a time, stamped with the time they are made. */
function ringMaker(): (n: number) => TraceEvent[] {
  const ids = new Array<number>(NP).fill(0);
  let r = 0, round = 0;
  return (n) => {
    const out: TraceEvent[] = [];
    const t = (performance.timeOrigin + performance.now()) * 1000;
    for (let i = 0; i < n; i += 2) {
      const id = ids[r]++;
      const site = { file: '/bench/ring.ts', line: 12, column: 1 };
      if ((round + r) % 2 === 0) out.push({ kind: 'op-start', rank: r, id, t, op: 'send', text: `send(dest=${(r + 1) % NP})`, comm: 'world', peer: (r + 1) % NP, tag: 0, bytes: 64, msg: `${r}.${id}`, site });
      else out.push({ kind: 'op-start', rank: r, id, t, op: 'recv', text: `recv(source=${(r + NP - 1) % NP})`, comm: 'world', peer: (r + NP - 1) % NP, tag: 0, site });
      out.push({ kind: 'op-end', rank: r, id, t });
      if (++r === NP) [r, round] = [0, round + 1];
    }
    return out;
  };
}

interface FeedRun {
  events: TraceEvent[];
  posted: { at: number; batch: Extract<HostToWebview, { type: 'events' }>['batch'] }[];
  messages: string[];
  seconds: number;
  /** The feed's own CPU time, ms. */
  cpuMs: number;
}

/** A 3 s live run made at 100 k events/s, fed by the real Feed to a recording post. */
async function feedLiveRun(): Promise<FeedRun> {
  const events: TraceEvent[] = [];
  const run: RunRecord = { title: 'live', live: true, names: () => Array.from({ length: NP }, (_, r) => `rank ${r}`), events };
  const out: FeedRun = { events, posted: [], messages: [], seconds: 0, cpuMs: 0 };
  const feed = new Feed(run, (m) => {
    out.messages.push(m.type);
    if (m.type === 'events') out.posted.push({ at: (performance.timeOrigin + performance.now()) * 1000, batch: m.batch });
  }, () => true);
  // The feed's own CPU time (encoding and posting; not the wall time other jobs on the machine
  // stretch): wrap what its timer calls.
  const flush = (feed as unknown as { flush(): void }).flush.bind(feed);
  (feed as unknown as { flush(): void }).flush = () => {
    const t = process.cpuUsage();
    flush();
    const used = process.cpuUsage(t);
    out.cpuMs += (used.user + used.system) / 1000;
  };
  feed.replay();
  const make = ringMaker();
  const start = performance.now();
  await new Promise<void>((done) => {
    const producer = setInterval(() => {
      const due = Math.min(Math.round(((performance.now() - start) / 1000) * RATE), RATE * SECONDS);
      for (const e of make(due - events.length)) events.push(e);
      if (events.length < RATE * SECONDS) return;
      clearInterval(producer);
      run.end = { outcome: 'ok', exitCode: 0 };
      run.live = false;
      run.onChange?.();
      done();
    }, 5);
  });
  out.seconds = (performance.now() - start) / 1000;
  feed.stop();
  return out;
}

describe('diagram feed (panel host)', function () {
  this.timeout(60000);

  it('carries a live run of 100 k events/s in ~50 ms typed-array batches, events posted within 100 ms (median)', async () => {
    // Timers on this shared 2-core machine fire late while other jobs run: up to three tries, the
    // first that meets the goals counts (each try's figures printed).
    for (let attempt = 1; ; attempt++) {
      const { events, posted, messages, seconds, cpuMs } = await feedLiveRun();
      assert.deepEqual([messages[0], messages.at(-1)], ['session', 'ended']);
      // Nothing lost or reordered: the webview's decoder gives back exactly the events made.
      const strings = new StringDecoder();
      const received = posted.flatMap((p) => decodeEvents(p.batch, strings));
      assert.equal(received.length, events.length);
      assert.deepEqual(received[received.length - 1], events[events.length - 1]);
      assert.deepEqual(received[12345], events[12345]);
      // How long each batch's oldest event waited for it.
      const waits = posted.map((p) => (p.at - p.batch.t.reduce((a, t) => Math.min(a, t), Infinity)) / 1000).sort((a, b) => a - b);
      const [median, p95, worst] = [waits[Math.floor(waits.length / 2)], waits[Math.ceil(waits.length * 0.95) - 1], waits.at(-1)!];
      const sizes = posted.map((p) => p.batch.count).sort((a, b) => a - b);
      console.log(`      feed (try ${attempt}, load average ${os.loadavg()[0].toFixed(1)}): ${events.length} events in ${seconds.toFixed(2)} s as ${posted.length} batches (median ${sizes[Math.floor(sizes.length / 2)]} events); oldest event in a batch waited ${median.toFixed(0)} ms (median), ${p95.toFixed(0)} ms (p95), ${worst.toFixed(0)} ms at worst; encoding and posting took ${cpuMs.toFixed(0)} ms of CPU (${((cpuMs / 1000 / seconds) * 100).toFixed(1)}% of a core)`);
      const met = median <= 100 && p95 <= 250 && cpuMs / 1000 / seconds < 0.25;
      if (!met && attempt < 3) continue;
      assert.ok(median <= 100, `events waited ${median.toFixed(0)} ms (median) to be posted`);
      // The worst wait is printed, not asserted; the host leaves the webview most of the 1 s budget
      // (the browser test measures the whole delay from the webview's side).
      assert.ok(p95 <= 250, `events waited ${p95.toFixed(0)} ms (p95) to be posted`);
      assert.ok(cpuMs / 1000 / seconds < 0.25, `the feed took ${cpuMs.toFixed(0)} ms of CPU in ${seconds.toFixed(1)} s`);
      return;
    }
  });
});
