// Rank program for the inspector bench: when the first barrier completes (ms since the epoch), then
// the one-way latency of an 8-byte number sent back and forth in pairs of ranks (0↔1, 2↔3, …; an odd
// last rank waits), 10 rounds of 500 round trips after one round of warm-up. Rank 0 prints one JSON
// line: { barrierAt, latencyUs: every pair's rounds }.
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
await comm.barrier();
const barrierAt = performance.timeOrigin + performance.now();

const ROUNDS = 10;
const TRIPS = 500;
const peer = comm.rank % 2 === 0 ? comm.rank + 1 : comm.rank - 1;

async function round(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < TRIPS; i++) {
    if (comm.rank % 2 === 0) {
      await comm.send(1.5, peer);
      await comm.recv({ source: peer });
    } else {
      const x = await comm.recv({ source: peer });
      await comm.send(x, peer);
    }
  }
  return ((performance.now() - t0) * 1000) / TRIPS / 2;
}

const mine: number[] = [];
if (peer < comm.size) {
  await round();
  for (let r = 0; r < ROUNDS; r++) mine.push(await round());
}
const all = await comm.gather(comm.rank % 2 === 0 ? mine : [], 0);
if (comm.rank === 0) console.log(JSON.stringify({ barrierAt, latencyUs: (all as number[][]).flat() }));
