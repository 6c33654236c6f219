/**
 * MPI point to point in `npm run bench`: ours (`rankscope run`, with and without `--trace`), issue
 * 25's own program, the raw socket anchor as plain `node` and mpi4py, taking turns so that drift
 * hits all alike; then the same ping-pong with two busy processes on the machine ("under load").
 * Latency is shown two ways: the mean of batches of 2,000 trips (what this bench used to report)
 * and each trip timed alone (p50/p90/p99): the tail is what the batch mean hides.
 */
import * as os from 'node:os';
import { busy, fmt, goal, json, MiB, mpi4py, MPI_ENV, rankscope, run } from './harness.js';
import { summarize } from './stats.js';

const raw = (tcp = false): any => json(run(process.execPath, ['bench/raw/socket-pingpong.mjs', ...(tcp ? ['--tcp'] : [])]).out);
const med = (xs: number[]): number => summarize(xs).median;
type Trips = { p50: number; p90: number; p99: number };
/** Median over runs of each per-trip percentile. */
const tails = (runs: any[]): Trips => ({ p50: med(runs.map((r) => r.tripUs.p50)), p90: med(runs.map((r) => r.tripUs.p90)), p99: med(runs.map((r) => r.tripUs.p99)) });
const showTrips = (t: Trips): string => `p50 ${t.p50.toFixed(1)}  p90 ${t.p90.toFixed(1)}  p99 ${t.p99.toFixed(1)}`;
const pad = (s: string): string => `  ${s.padEnd(30)}`;

/** Prints the figures, records the goals; returns our per-trip one-way p50 (µs). */
export function pointToPoint(runs = 3): number {
  const ours: any[] = [], traced: any[] = [], anchor: any[] = [], issue: any[] = [];
  const tracePath = `${os.tmpdir()}/rankscope-bench-trace.json`;
  for (let i = 0; i < runs; i++) {
    ours.push(rankscope(2, 'bench/programs/pingpong.ts'));
    anchor.push(raw());
    issue.push(rankscope(2, 'bench/programs/issue25.ts'));
    traced.push(rankscope(2, 'bench/programs/pingpong.ts', ['--trace', tracePath]));
  }
  const m4p = mpi4py ? json(run('mpiexec', ['-n', '2', mpi4py, 'bench/python/mpi4py_pingpong.py'], MPI_ENV).out) : undefined;
  const lat = summarize(ours.flatMap((o) => o.latencyUs)), rawLat = summarize(anchor.flatMap((o) => o.latencyUs));
  const t = tails(ours), r = tails(anchor);
  console.log(`MPI ping-pong, 8-byte object, one-way latency (µs): batch mean of 2,000 trips, median (min–max) over ${runs}×10 batches | each trip timed alone, median over ${runs} runs`);
  console.log(`${pad('rankscope send/recv')}${fmt(lat).padEnd(22)} | ${showTrips(t)}`);
  console.log(`${pad('rankscope with --trace')}${fmt(summarize(traced.flatMap((o) => o.latencyUs))).padEnd(22)} | ${showTrips(tails(traced))}`);
  console.log(`${pad('raw Unix socket, plain node')}${fmt(rawLat).padEnd(22)} | ${showTrips(r)}`);
  if (m4p) console.log(`${pad('mpi4py on Open MPI')}${fmt(summarize(m4p.latencyUs)).padEnd(22)} | ${showTrips(m4p.tripUs)}`);
  const iss = { small: med(issue.map((o) => o.small_one_way_us)), big: med(issue.map((o) => o.big_MBps)) };
  const issRaw = { small: r.p50, big: med(anchor.map((o) => o.big_MBps)) };
  console.log(`  issue 25's program (bench/programs/issue25.ts), median of ${runs} runs: one-way ${iss.small.toFixed(1)} µs (raw p50 ${issRaw.small.toFixed(1)}, ${(iss.small / issRaw.small).toFixed(2)}×), 16 MiB echoed ${iss.big.toFixed(0)} MB/s (raw ${issRaw.big.toFixed(0)}, ${(iss.big / issRaw.big).toFixed(2)}×)`);
  goal('per-trip p50 latency ≤ 1.2 × raw', t.p50 <= 1.2 * r.p50, `ratio ${(t.p50 / r.p50).toFixed(2)}`);
  goal('per-trip p99 latency ≤ 2 × raw p99', t.p99 <= 2 * r.p99, `ratio ${(t.p99 / r.p99).toFixed(2)}`);
  goal('batch-mean latency ≤ 1.2 × raw', lat.median <= 1.2 * rawLat.median, `ratio ${(lat.median / rawLat.median).toFixed(2)}`);
  goal('--trace p50 ≤ 1.1 × without', tails(traced).p50 <= 1.1 * t.p50, `ratio ${(tails(traced).p50 / t.p50).toFixed(2)}`);
  goal("issue 25's program: one-way ≤ 1.2 × raw p50", iss.small <= 1.2 * issRaw.small, `ratio ${(iss.small / issRaw.small).toFixed(2)}`);
  goal("issue 25's program: 16 MiB echoed ≥ 1.0 × raw", iss.big >= issRaw.big, `ratio ${(iss.big / issRaw.big).toFixed(2)}`);

  console.log('\nMPI bandwidth, Float64Array Send/Recv plus a 1-byte ack (GB/s)');
  for (const bytes of [1 << 20, 16 << 20]) {
    const a = summarize(ours.flatMap((o) => o.bandwidth[bytes])), b = summarize(anchor.flatMap((o) => o.bandwidth[bytes]));
    console.log(`  ${MiB(bytes).padEnd(6)} rankscope ${fmt(a, 2)}   raw socket ${fmt(b, 2)}   ratio ${(a.median / b.median).toFixed(2)}${m4p ? `   mpi4py ${fmt(summarize(m4p.bandwidth[bytes]), 2)}` : ''}`);
    if (bytes === 16 << 20) goal('16 MiB bandwidth ≥ 1.0 × raw socket', a.median >= b.median, `ratio ${(a.median / b.median).toFixed(2)}`);
  }
  const rss = summarize(ours.flatMap((o) => o.rss as number[]));
  console.log(`\nresident memory per process after the ping-pong (MiB): rankscope rank ${fmt({ ...rss, median: rss.median / 2 ** 20, min: rss.min / 2 ** 20, max: rss.max / 2 ** 20 }, 0)}   raw socket echo process ${(med(anchor.map((o) => o.rss[1])) / 2 ** 20).toFixed(0)}${m4p ? `   mpi4py rank ${(med(m4p.rss) / 2 ** 20).toFixed(0)}` : ''}`);
  return t.p50;
}

/** The ping-pong again, ours and raw taking turns, with two processes spinning on the machine. */
export function underLoad(runs = 2): void {
  const load = busy(2);
  const ours: any[] = [], anchor: any[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      ours.push(rankscope(2, 'bench/programs/pingpong.ts'));
      anchor.push(raw());
    }
  } finally {
    load.stop();
  }
  const t = tails(ours), r = tails(anchor);
  console.log('\nunder load (2 busy processes): ping-pong one-way latency per trip (µs), 16 MiB bandwidth (GB/s)');
  console.log(`${pad('rankscope send/recv')}${showTrips(t)}   16 MiB ${med(ours.flatMap((o) => o.bandwidth[16 << 20])).toFixed(2)}`);
  console.log(`${pad('raw Unix socket, plain node')}${showTrips(r)}   16 MiB ${med(anchor.flatMap((o) => o.bandwidth[16 << 20])).toFixed(2)}`);
  console.log(`${pad('ratio')}p50 ${(t.p50 / r.p50).toFixed(2)}×  p90 ${(t.p90 / r.p90).toFixed(2)}×  p99 ${(t.p99 / r.p99).toFixed(2)}×`);
}

export { raw as rawAnchor };
