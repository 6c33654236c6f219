// Issue 25's measurement, as the issue gives it: 2,000 small round trips after 200 warm-up, each
// timed alone, then 20 echoed 16 MiB Send/Recv round trips after 3; rank 0 prints the medians.
import { MPI } from 'rankscope/mpi';
const comm = MPI.COMM_WORLD, other = 1 - comm.rank;
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
const small = { i: 1 }, ts: number[] = [];
for (let i = 0; i < 2200; i++) {
  const t = MPI.Wtime();
  if (comm.rank === 0) { await comm.send(small, 1, 0); await comm.recv(1, 0); }
  else { await comm.recv(0, 0); await comm.send(small, 0, 0); }
  if (i >= 200) ts.push(MPI.Wtime() - t);
}
const buf = new Float64Array(2 * 1024 * 1024), tb: number[] = [];
for (let i = 0; i < 23; i++) {
  const t = MPI.Wtime();
  if (comm.rank === 0) { await comm.Send(buf, other, 1); await comm.Recv(buf, other, 1); }
  else { await comm.Recv(buf, other, 1); await comm.Send(buf, other, 1); }
  if (i >= 3) tb.push(MPI.Wtime() - t);
}
if (comm.rank === 0) console.log(JSON.stringify({ small_one_way_us: (med(ts) / 2) * 1e6, big_MBps: (16 << 20) / (med(tb) / 2) / 1e6 }));
