// Rank program: per-call medians of barrier, allreduce of a number as an object (mpi4py's pickle
// path) and Allreduce of one double, 300 calls each, the first 50 dropped (issue 25's method).
// Each call is timed alone on every rank; rank 0 prints the median over ranks of each rank's median (µs) and the ranks' RSS (bytes).
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const CALLS = 300;
const WARM = 50;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function perCall(call: () => Promise<unknown>): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    if (i >= WARM) ts.push((performance.now() - t) * 1000);
  }
  const all = (await comm.gather(median(ts), 0)) as number[] | undefined;
  return all ? median(all) : 0;
}

const one = new Float64Array([1]);
const sum = new Float64Array(1);
const barrierUs = await perCall(() => comm.barrier());
const allreduceUs = await perCall(() => comm.allreduce(1, MPI.SUM));
const AllreduceUs = await perCall(() => comm.Allreduce(one, sum, MPI.SUM));
const rss = await comm.gather(process.memoryUsage().rss, 0);
if (comm.rank === 0) console.log(JSON.stringify({ n: comm.size, barrierUs, allreduceUs, AllreduceUs, rss }));
