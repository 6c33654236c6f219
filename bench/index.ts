/**
 * `npm run bench`: Rankscope measured against its anchors in the same run, on this machine.
 * Prints medians (min–max), the ratios the project's goals are stated in, and PASS/MISS for each.
 * It is a report, not a test: a MISS does not fail it; an error does.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, fmt, goal, json, mpi4py, MPI_ENV, python, results, ROOT, run } from './harness.js';
import { describeCost, inspectorCost } from './inspector/cost.js';
import { collectives } from './mpi-collectives.js';
import { pointToPoint, rawAnchor, underLoad } from './mpi-p2p.js';
import { summarize } from './stats.js';

console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`anchors: raw Node Unix socket; piscina; ${python ? `Python multiprocessing (${python})` : 'Python: not found'}; ${mpi4py ? `mpi4py on Open MPI (${mpi4py})` : 'mpi4py/mpiexec: not installed (apt-get install openmpi-bin python3-mpi4py python3-numpy)'}\n`);

// ---- MPI point to point, collectives, memory, under load (mpi-p2p.ts, mpi-collectives.ts) ------
collectives(pointToPoint());
underLoad();
if (process.argv.includes('--mpi-only')) printGoals(); // `npm run bench -- --mpi-only`: this part alone

// ---- the same over TCP: ranks as `mpiexec` starts them, one host, RANKSCOPE_TRANSPORT=tcp ------
const pingpongBundle = run(process.execPath, [CLI, 'run', '--bundle-only', '-o', path.join(os.tmpdir(), 'rankscope-bench', 'pingpong.mjs'), 'bench/programs/pingpong.ts']).out.trim();
const oursTcp: any[] = [];
const rawTcp: any[] = [];
for (let i = 0; i < 3; i++) {
  oursTcp.push(json(runTcpRanks(pingpongBundle, 29500 + i)));
  rawTcp.push(rawAnchor(true));
}
const latTcp = summarize(oursTcp.flatMap((o) => o.latencyUs));
const rawLatTcp = summarize(rawTcp.flatMap((o) => o.latencyUs));
console.log('\nTCP (loopback, Nagle off): ping-pong one-way latency (µs) and bandwidth (GB/s)');
console.log(`  latency    rankscope ${fmt(latTcp)}   raw Node TCP socket ${fmt(rawLatTcp)}   ratio ${(latTcp.median / rawLatTcp.median).toFixed(2)}`);
for (const bytes of [1 << 20, 16 << 20]) {
  const a = summarize(oursTcp.flatMap((o) => o.bandwidth[bytes]));
  const b = summarize(rawTcp.flatMap((o) => o.bandwidth[bytes]));
  console.log(`  ${`${bytes >> 20} MiB`.padEnd(9)}  rankscope ${fmt(a, 2)}   raw Node TCP socket ${fmt(b, 2)}   ratio ${(a.median / b.median).toFixed(2)}`);
  if (bytes === 16 << 20) goal('TCP 16 MiB bandwidth ≥ 1.0 × raw TCP', a.median >= b.median, `ratio ${(a.median / b.median).toFixed(2)}`);
}
goal('TCP latency ≤ 1.2 × raw TCP', latTcp.median <= 1.2 * rawLatTcp.median, `ratio ${(latTcp.median / rawLatTcp.median).toFixed(2)}`);

/** Two ranks started as Open MPI would start them, meeting at 127.0.0.1:port, talking TCP. */
function runTcpRanks(bundle: string, port: number): string {
  const env = (rank: number) => ({ ...process.env, OMPI_COMM_WORLD_RANK: String(rank), OMPI_COMM_WORLD_SIZE: '2', RANKSCOPE_COORDINATOR: `127.0.0.1:${port}`, RANKSCOPE_TRANSPORT: 'tcp' });
  const peer = spawn(process.execPath, [bundle], { env: env(1), stdio: 'ignore' });
  try {
    return run(process.execPath, [bundle], env(0)).out;
  } finally {
    peer.kill();
  }
}

// ---- launch to first barrier ----------------------------------------------------------------
const launch: number[] = [];
const launchM4p: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = Date.now();
  launch.push(json(run(process.execPath, [CLI, 'run', '-n', '2', 'bench/programs/first-barrier.ts']).out).barrierAt - t0);
  if (mpi4py) {
    const t1 = Date.now();
    launchM4p.push(json(run('mpiexec', ['-n', '2', mpi4py, 'bench/python/mpi4py_barrier.py'], MPI_ENV).out).barrierAt - t1);
  }
}
const launchS = summarize(launch);
console.log(`\n-n 2 launch to first barrier (ms): rankscope ${fmt(launchS, 0)}${launchM4p.length ? `   mpiexec + mpi4py ${fmt(summarize(launchM4p), 0)}` : ''}`);
goal('-n 2 launch to first barrier ≤ 400 ms', launchS.median <= 400, `${launchS.median.toFixed(0)} ms`);

// ---- multiprocessing ------------------------------------------------------------------------
// Ours and piscina take turns, as the ping-pong and its anchor do: this machine's speed drifts.
const mpOurs: any[] = [];
const pis: any[] = [];
for (let i = 0; i < 3; i++) {
  mpOurs.push(json(run(process.execPath, [CLI, 'run', 'bench/programs/multiprocessing.ts']).out));
  pis.push(json(run(process.execPath, ['--import', 'tsx', 'bench/piscina/run.ts']).out));
}
const py = python ? json(run(python, ['bench/python/mp_bench.py']).out) : undefined;
const mapS = summarize(mpOurs.flatMap((o) => o.mapRate));
const applyS = summarize(mpOurs.flatMap((o) => o.applyRate));
const sjS = summarize(mpOurs.flatMap((o) => o.startJoinMs));
const pisS = summarize(pis.flatMap((o) => o.applyRate));
console.log('\nmultiprocessing');
console.log(`  Pool(2).map, 100k trivial items (tasks/s)   rankscope ${fmt(mapS, 0)}${py ? `   Python ${fmt(summarize(py.mapRate), 0)}` : ''}`);
console.log(`  unchunked applyAsync (tasks/s)              rankscope ${fmt(applyS, 0)}   piscina ${fmt(pisS, 0)}${py ? `   Python apply_async ${fmt(summarize(py.applyRate), 0)}` : ''}`);
console.log(`  Process start→join, trivial target (ms)     rankscope ${fmt(sjS)}${py ? `   Python spawn ${fmt(summarize(py.startJoinMs))}` : ''}`);
if (py) goal('Pool.map rate ≥ Python Pool(2).map', mapS.median >= summarize(py.mapRate).median, `ratio ${(mapS.median / summarize(py.mapRate).median).toFixed(2)}`);
goal('applyAsync ≥ 2 × piscina', applyS.median >= 2 * pisS.median, `ratio ${(applyS.median / pisS.median).toFixed(2)}`);
if (py) goal('Process start→join ≤ Python spawn', sjS.median <= summarize(py.startJoinMs).median, `${sjS.median.toFixed(1)} vs ${summarize(py.startJoinMs).median.toFixed(1)} ms`);

// ---- deadlock detection latency --------------------------------------------------------------
const detect: number[] = [];
for (let i = 0; i < 8; i++) {
  const r = spawnSync(process.execPath, [CLI, 'run', '-n', '9', 'samples/mpi/deadlock.ts'], { cwd: ROOT, encoding: 'utf8' });
  const m = /detected ([\d.]+) ms after/.exec(r.stderr);
  if (r.status !== 86 || !m) throw new Error(`deadlock sample did not report a deadlock:\n${r.stderr}`);
  detect.push(Number(m[1]));
}
const detS = summarize(detect);
console.log(`\ndeadlock detection, last blocking call → report (ms, -n 9 deadlock sample): ${fmt(detS)}`);
goal('deadlock detected ≤ 100 ms', detS.median <= 100, `${detS.median.toFixed(1)} ms`);

// ---- the inspector: what F5 costs a run without breakpoints (ready), and with them (on) -------
console.log('\ninspector off / ready (F5 without breakpoints) / on (F5 with breakpoints: js-debug attached, none hit) / on with js-debug\'s default async stacks');
for (const np of [2, 9]) {
  const c = await inspectorCost(np);
  for (const line of describeCost(c)) console.log(line);
  const launchAdds = c.launch.ready[0] - c.launch.off[0];
  const latencyAdds = c.latency.ready[0] / c.latency.off[0] - 1;
  goal(`F5 without breakpoints adds ≤ 50 ms and 5% to -n ${np} launch`, launchAdds <= Math.max(50, 0.05 * c.launch.off[0]), `+${launchAdds.toFixed(0)} ms`);
  goal(`F5 without breakpoints adds ≤ 5% to -n ${np} ping-pong`, latencyAdds <= 0.05, `+${(latencyAdds * 100).toFixed(0)}%`);
}

printGoals();

function printGoals(): never {
  console.log('\ngoals');
  for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'MISS'}  ${r.goal.padEnd(48)} ${r.detail}`);
  process.exit(0);
}
