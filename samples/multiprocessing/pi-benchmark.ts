// The chapter's benchmark cell, made runnable: each Pi call times itself, serially and in a pool,
// for widths 1 … 10^4. (The seed's cell failed with NameError: it never imported `time` or `mp`.)
// Run: rankscope run samples/multiprocessing/pi-benchmark.ts
import * as mp from 'rankscope/multiprocessing';

const width = Array.from({ length: 5 }, (_, n) => 10 ** n);

export function PiTimed(numSteps: number): [number, number, number] {
  const step = 1.0 / numSteps;
  let sum = 0;
  let pi = 0;
  const start = performance.now();
  for (let i = 0; i < numSteps; i++) {
    const x = (i + 0.5) * step;
    sum = sum + 4.0 / (1.0 + x * x);
    pi = step * sum;
  }
  return [numSteps, pi, (performance.now() - start) / 1000];
}

function serial(): [number, number, number][] {
  return width.map((numSteps) => PiTimed(numSteps));
}

async function multiprocess(processes: number): Promise<[number, number, number][]> {
  await using pool = new mp.Pool({ processes });
  return await pool.map(PiTimed, width); // await before the pool is disposed at the end of the block
}

await mp.main(async () => {
  for (const [label, run] of [['serial', async () => serial()], ['pool of 4', () => multiprocess(4)]] as const) {
    const t0 = performance.now();
    const results = await run();
    console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(4)} s`);
    for (const [steps, pi, seconds] of results) console.log(`  steps=${steps} pi=${pi} compute=${seconds.toFixed(6)} s`);
  }
});
