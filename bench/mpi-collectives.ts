/**
 * Collectives in `npm run bench`: per-call medians of barrier, allreduce (object) and Allreduce
 * (one double) at 2, 4, 8 and 16 ranks, beside mpi4py in the same run and beside what the
 * algorithms' rounds would cost at our point-to-point latency: the dissemination barrier takes
 * ⌈log2 n⌉ exchanges, allreduce a binomial reduce then a binomial bcast, 2·⌈log2 n⌉ (algorithms.ts).
 */
import { goal, json, mpi4py, MPI_ENV, rankscope, run } from './harness.js';

const COUNTS = [2, 4, 8, 16];
const ROWS = [['barrier', 'barrierUs', 1], ['allreduce', 'allreduceUs', 2], ['Allreduce', 'AllreduceUs', 2]] as const;

/** Prints the table; `oneWayUs` is our per-trip one-way p50 from the ping-pong. */
export function collectives(oneWayUs: number): void {
  console.log(`\ncollectives, per-call median (µs; 300 calls, first 50 dropped) | estimate = rounds × our one-way p50 (${oneWayUs.toFixed(1)} µs) | mpi4py`);
  for (const n of COUNTS) {
    const ours = rankscope(n, 'bench/programs/collectives.ts');
    const m4p = mpi4py ? json(run('mpiexec', ['-n', String(n), mpi4py, 'bench/python/mpi4py_collectives.py'], MPI_ENV).out) : undefined;
    const log = Math.ceil(Math.log2(n));
    const cells = ROWS.map(([name, key, per]) => {
      const estimate = per * log * oneWayUs;
      if (n === 2 || n === 8) goal(`${name} at ${n} ranks ≤ 1.5 × rounds × one-way`, ours[key] <= 1.5 * estimate, `${ours[key].toFixed(0)} µs vs ${estimate.toFixed(0)} µs (${(ours[key] / estimate).toFixed(2)}×)`);
      return `${name} ${ours[key].toFixed(0)} | ${estimate.toFixed(0)}${m4p ? ` | ${(m4p[key] as number).toFixed(1)}` : ''}`;
    });
    const rss = Math.max(...(ours.rss as number[])) / 2 ** 20;
    const rssM4p = m4p ? `, mpi4py ${(Math.max(...(m4p.rss as number[])) / 2 ** 20).toFixed(0)}` : '';
    console.log(`  n=${String(n).padEnd(3)} ${cells.join('   ')}   (largest rank RSS ${rss.toFixed(0)} MiB${rssM4p})`);
  }
}
