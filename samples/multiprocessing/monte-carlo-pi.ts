// Monte Carlo estimate of Pi: each worker counts random points inside the unit circle.
// Run: rankscope run samples/multiprocessing/monte-carlo-pi.ts
import * as mp from 'rankscope/multiprocessing';

// calculate the number of points in the unit circle out of n points
export function monteCarloPiPart(n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.random();
    const y = Math.random();
    // if it is within the unit circle
    if (x * x + y * y <= 1) count = count + 1;
  }
  return count;
}

await mp.main(async () => {
  const np = mp.cpuCount();
  console.log(`You have ${np} CPUs`);

  // Number of points to use for the Pi estimation
  const n = 10_000_000;

  // each worker process gets n/np points; the seed passed n/np as a float (TypeError in range()),
  // so split into whole numbers that add up to n
  const partCount = Array.from({ length: np }, (_, i) => Math.floor(n / np) + (i < n % np ? 1 : 0));

  await using pool = new mp.Pool({ processes: np });

  // parallel map
  const count = await pool.map(monteCarloPiPart, partCount);

  console.log('Estimated value of Pi:: ', (count.reduce((a, b) => a + b, 0) / (n * 1.0)) * 4);
});
