// Rank program: multiprocessing throughput. Prints one JSON line:
// { mapRate: tasks/s of pool.map over 100k items (Python's default chunking), applyRate: tasks/s of
//   unchunked applyAsync, startJoinMs: Process start→join of a trivial target (ms, each run) }.
import * as mp from 'rankscope/multiprocessing';

export function trivial(x: number): number {
  return x + 1;
}

export function nothing(): void {}

await mp.main(async () => {
  const N = 100_000;
  const items = Array.from({ length: N }, (_, i) => i);
  const mapRate: number[] = [];
  const applyRate: number[] = [];
  {
    await using pool = new mp.Pool(2);
    for (let r = 0; r < 3; r++) await pool.map(trivial, items); // warm-up: JIT in the workers and here
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      await pool.map(trivial, items);
      mapRate.push(N / ((performance.now() - t0) / 1000));
    }
    const TASKS = 20_000;
    for (let r = 0; r < 4; r++) {
      const t0 = performance.now();
      const results = [];
      for (let i = 0; i < TASKS; i++) results.push(pool.applyAsync(trivial, [i]));
      for (const res of results) await res.get();
      if (r > 0) applyRate.push(TASKS / ((performance.now() - t0) / 1000));
    }
  }
  const startJoinMs: number[] = [];
  for (let r = 0; r < 12; r++) {
    const t0 = performance.now();
    const p = new mp.Process({ target: nothing });
    await p.start();
    await p.join();
    if (r > 1) startJoinMs.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 150)); // let a warm spare get ready, as a forkserver would be
  }
  console.log(JSON.stringify({ mapRate, applyRate, startJoinMs }));
});
