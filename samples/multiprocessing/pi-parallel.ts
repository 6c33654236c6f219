// Serial vs. parallel, part 2: the same eight Pi computations with a pool of one process per CPU.
// With small step counts the pool loses (starting processes and moving data costs more than the
// work); with --large it wins. Compare with pi-serial.ts.
// Run: rankscope run samples/multiprocessing/pi-parallel.ts [--large]
import * as mp from 'rankscope/multiprocessing';
import { Pi, stepCounts } from './pi.js';
import { pyList } from './python-format.js';

// Re-exported so the pool's workers find it in this (re-imported) program.
export { Pi };

await mp.main(async () => {
  const np = mp.cpuCount();
  console.log(`You have ${np} CPUs`);
  const start = performance.now();
  {
    await using p = new mp.Pool(np);
    console.log(pyList(await p.map(Pi, stepCounts(process.argv))));
  }
  console.log(`Time taken ${(performance.now() - start) / 1000} second`);
});
