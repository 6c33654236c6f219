// The anchor: piscina (worker threads) running unchunked tasks, measured like applyAsync.
import { Piscina } from 'piscina';

const pool = new Piscina({ filename: new URL('./worker.mjs', import.meta.url).href, maxThreads: 2, minThreads: 2 });
const TASKS = 20_000;
const applyRate: number[] = [];
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: TASKS }, (_, i) => pool.run(i)));
  if (r > 0) applyRate.push(TASKS / ((performance.now() - t0) / 1000));
}
await pool.destroy();
console.log(JSON.stringify({ applyRate }));
