/**
 * The panel host's feed (extension/diagram/feed.ts) under a live run of 100 k events/s, published
 * as a launcher publishes one (a RunHub): batches of typed arrays pushed as events come, none lost
 * or reordered, each event posted soon after the program made it, and encoding cheap enough to
 * leave the extension host free.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { TraceEvent } from '../../runtime/contract/trace-events.js';
import { Feed } from '../../extension/diagram/feed.js';
import { RunHub } from '../../runtime/launcher/run-hub.js';
import { writeChromeTrace } from '../../runtime/launcher/index.js';
import { savedRun } from '../../extension/diagram/run-record.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from '../../webview/sequence/codec.js';
import { decodeEvents } from '../helpers/decode-events.js';
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

/** A 3 s live run made at 100 k events/s, published by a RunHub, fed by the real Feed to a recording post. */
async function feedLiveRun(): Promise<FeedRun> {
  const events: TraceEvent[] = [];
  const hub = new RunHub({ program: 'ring.ts', programPath: '/bench/ring.ts', cwd: '/bench', np: NP, startedAt: Date.now(), launcher: 'test', pid: process.pid }, { suspend: () => {}, stop: () => {} }, true);
  hub.processesChanged(Array.from({ length: NP }, (_, index) => ({ index, name: `rank ${index}`, status: 'running' as const })));
  const out: FeedRun = { events, posted: [], messages: [], seconds: 0, cpuMs: 0 };
  const feed = new Feed({ title: 'live', run: hub }, (m) => {
    out.messages.push(m.type);
    if (m.type === 'events') out.posted.push({ at: (performance.timeOrigin + performance.now()) * 1000, batch: m.batch });
  }, () => true);
  feed.replay();
  const make = ringMaker();
  // The feed's own CPU time (encoding and posting; not the wall time other jobs on the machine
  // stretch): all of this process's CPU in the run, less what making and publishing the events took.
  let producerMs = 0;
  const cpuAtStart = process.cpuUsage();
  const start = performance.now();
  await new Promise<void>((done) => {
    const producer = setInterval(() => {
      const t = process.cpuUsage();
      const due = Math.min(Math.round(((performance.now() - start) / 1000) * RATE), RATE * SECONDS);
      const made = make(due - events.length);
      for (const e of made) events.push(e);
      const used = process.cpuUsage(t);
      producerMs += (used.user + used.system) / 1000;
      // Published as the launcher does: one batch per rank connection read (here, per tick).
      hub.trace(made);
      if (events.length < RATE * SECONDS) return;
      clearInterval(producer);
      hub.finish({ outcome: 'ok', exitCode: 0 });
      done();
    }, 5);
  });
  // The last flush is pending: let it go out.
  await new Promise((r) => setTimeout(r, 50));
  const all = process.cpuUsage(cpuAtStart);
  out.cpuMs = (all.user + all.system) / 1000 - producerMs;
  out.seconds = (performance.now() - start) / 1000;
  feed.stop();
  return out;
}

describe('diagram feed (panel host)', function () {
  this.timeout(60000);

  it('carries a live run of 100 k events/s in typed-array batches pushed as they come, events posted within 100 ms (median)', async () => {
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

  it('keeps what a hidden panel would get and sends it, once, when the panel is shown', async () => {
    const hub = new RunHub({ program: 'p.ts', programPath: '/p.ts', cwd: '/', np: 2, startedAt: 0, launcher: 'test', pid: 0 }, { suspend: () => {}, stop: () => {} }, true);
    let visible = true;
    const posted: HostToWebview[] = [];
    const feed = new Feed({ title: 'live', run: hub }, (m) => posted.push(m), () => visible);
    feed.replay();
    assert.deepEqual(posted.map((m) => m.type), ['session']);
    visible = false;
    hub.processesChanged([{ index: 0, name: 'rank 0', status: 'running' }, { index: 1, name: 'rank 1', status: 'running' }]);
    hub.trace(ringMaker()(10));
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(posted.map((m) => m.type), ['session'], 'nothing posted while hidden');
    visible = true;
    feed.flush();
    feed.flush();
    assert.deepEqual(posted.map((m) => m.type), ['session', 'names', 'events']);
    const batch = posted[2].type === 'events' ? posted[2].batch : undefined;
    assert.equal(batch?.count, 10);
    hub.finish({ outcome: 'ok', exitCode: 0 });
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(posted.at(-1)?.type, 'ended');
  });

  it("forwards the run's wait-state report: the final one just before the end", async () => {
    const hub = new RunHub({ program: 'p.ts', programPath: '/p.ts', cwd: '/', np: 2, startedAt: 0, launcher: 'test', pid: 0 }, { suspend: () => {}, stop: () => {} }, true);
    const posted: HostToWebview[] = [];
    new Feed({ title: 'live', run: hub }, (m) => posted.push(m), () => true).replay();
    const site = { file: '/p.ts', line: 7, column: 1 };
    hub.trace([
      { kind: 'op-start', rank: 0, id: 1, t: 1000, op: 'recv', text: 'recv(source=1)', comm: 'world', wait: { type: 'recv', comm: 'world', source: 1, tag: -1, group: [0, 1] }, site },
      { kind: 'op-start', rank: 1, id: 1, t: 201_000, op: 'send', text: 'send(dest=0)', comm: 'world', msg: '1.1' },
      { kind: 'op-end', rank: 1, id: 1, t: 201_010 },
      { kind: 'op-end', rank: 0, id: 1, t: 201_100, msg: '1.1' },
    ]);
    hub.finish({ outcome: 'ok', exitCode: 0 });
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(posted.map((m) => m.type).slice(-2), ['wait-states', 'ended']);
    const w = posted.at(-2);
    assert.ok(w?.type === 'wait-states' && w.report.final);
    assert.deepEqual(w.report.rows.map((r) => [r.rank, r.pattern, r.site?.line, r.lostUs]), [[0, 'late-sender', 7, 200_000]]);
  });

  it('shows a saved trace file as an ended run: the session, its events, its deadlock, its end', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-feed-')), 'saved.json');
    const deadlock = { text: 'deadlock', members: [], cycle: [0, 1], latencyMs: 1 };
    writeChromeTrace(file, ringMaker()(6), ['rank 0', 'rank 1'], { outcome: 'deadlock', exitCode: 86, report: 'deadlock', deadlock });
    const posted: HostToWebview[] = [];
    new Feed(savedRun(file), (m) => posted.push(m), () => true).replay();
    // A trace file keeps no wait-state report: the run read back works it out from the events.
    assert.deepEqual(posted.map((m) => m.type), ['session', 'events', 'deadlock', 'wait-states', 'ended']);
    assert.ok(posted[0].type === 'session' && !posted[0].live && posted[0].events === 6 && posted[0].names.join() === 'rank 0,rank 1');
    assert.ok(posted[3].type === 'wait-states' && posted[3].report.final);
    assert.ok(posted[4].type === 'ended' && posted[4].outcome === 'deadlock' && posted[4].exitCode === 86);
  });
});
