// Rank program: ping-pong latency of a small object and Send/Recv bandwidth between ranks 0 and 1.
// Prints one JSON line from rank 0: { latencyUs: number[], bandwidth: { [bytes]: number[] } } (GB/s).
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const peer = 1 - comm.rank;
const ROUNDS = 10;
const TRIPS = 2000;

async function pingpong(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < TRIPS; i++) {
    if (comm.rank === 0) {
      await comm.send(1.5, peer);
      await comm.recv({ source: peer });
    } else {
      const x = await comm.recv({ source: peer });
      await comm.send(x, peer);
    }
  }
  return ((performance.now() - t0) * 1000) / TRIPS / 2; // one-way µs
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
await pingpong(); // warm-up: connections, JIT
for (let r = 0; r < ROUNDS; r++) latencyUs.push(await pingpong());
const bw: Record<number, number[]> = {};
for (const bytes of [1 << 20, 16 << 20]) {
  bw[bytes] = [];
  for (let r = 0; r < 3; r++) await bandwidth(bytes);
  for (let r = 0; r < 15; r++) bw[bytes].push(await bandwidth(bytes));
}
if (comm.rank === 0) console.log(JSON.stringify({ latencyUs, bandwidth: bw }));
