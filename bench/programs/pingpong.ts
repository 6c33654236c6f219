// Rank program: ping-pong latency of a small object and Send/Recv bandwidth between ranks 0 and 1.
// Prints one JSON line from rank 0: { latencyUs: number[] (batch means, one-way µs, one a round),
// tripUs: { p50, p90, p99 } (each round trip timed alone, halved), bandwidth: { [bytes]: number[] }
// (GB/s), rss: number[] (each rank's resident bytes at the end) }.
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const peer = 1 - comm.rank;
const ROUNDS = 10;
const TRIPS = 2000;
const trips: number[] = [];

async function pingpong(keep: boolean): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < TRIPS; i++) {
    const t = performance.now();
    if (comm.rank === 0) {
      await comm.send(1.5, peer);
      await comm.recv({ source: peer });
    } else {
      const x = await comm.recv({ source: peer });
      await comm.send(x, peer);
    }
    if (keep) trips.push(((performance.now() - t) * 1000) / 2);
  }
  return ((performance.now() - t0) * 1000) / TRIPS / 2; // one-way µs, the batch's mean
}

async function bandwidth(bytes: number): Promise<number> {
  const buf = new Float64Array(bytes / 8);
  const ack = new Uint8Array(1);
  const t0 = performance.now();
  if (comm.rank === 0) {
    await comm.Send(buf, peer);
    await comm.Recv(ack, peer);
  } else {
    await comm.Recv(buf, peer);
    await comm.Send(ack, peer);
  }
  return bytes / ((performance.now() - t0) / 1000) / 1e9;
}

const latencyUs: number[] = [];
await pingpong(false); // warm-up: connections, JIT
for (let r = 0; r < ROUNDS; r++) latencyUs.push(await pingpong(true));
const bw: Record<number, number[]> = {};
for (const bytes of [1 << 20, 16 << 20]) {
  bw[bytes] = [];
  for (let r = 0; r < 3; r++) await bandwidth(bytes);
  for (let r = 0; r < 15; r++) bw[bytes].push(await bandwidth(bytes));
}
trips.sort((a, b) => a - b);
const q = (p: number): number => trips[Math.min(trips.length - 1, Math.floor(p * trips.length))];
const rss = await comm.gather(process.memoryUsage().rss, 0);
if (comm.rank === 0) console.log(JSON.stringify({ latencyUs, tripUs: { p50: q(0.5), p90: q(0.9), p99: q(0.99) }, bandwidth: bw, rss }));
