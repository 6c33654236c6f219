// A pool of worker processes: pool.map, then close() and join(); and the `with Pool(4) as p` form.
// Run: rankscope run samples/multiprocessing/pool.ts
import * as mp from 'rankscope/multiprocessing';
import { pyList } from './python-format.js';

export function square(data: number) {
  const result = data * data;
  return result;
}

await mp.main(async () => {
  const inputs = Array.from({ length: 100 }, (_, i) => i);
  const pool = new mp.Pool({ processes: 4 });
  const poolOutputs = await pool.map(square, inputs);
  pool.close();
  await pool.join();
  console.log('Pool:', pyList(poolOutputs));

  // Python's `with Pool(4) as p:` is `await using` here: the pool is terminated at the block's end.
  {
    await using p = new mp.Pool(4);
    console.log('Pool:', pyList(await p.map(square, inputs)));
  }
});
