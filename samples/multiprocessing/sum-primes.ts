// Exercise: the sum of the primes up to n, for three values of n, in a pool.
// Run: rankscope run samples/multiprocessing/sum-primes.ts
import * as mp from 'rankscope/multiprocessing';
import { pyList } from './python-format.js';

export function sumPrime(num: number): number {
  let sumOfPrimes = 0;
  let ix = 2;
  while (ix <= num) {
    if (isPrime(ix)) sumOfPrimes += ix;
    ix += 1;
  }
  return sumOfPrimes;
}

function isPrime(num: number): boolean {
  if (num <= 1) return false;
  else if (num <= 3) return true;
  else if (num % 2 === 0 || num % 3 === 0) return false;
  let i = 5;
  while (i * i <= num) {
    if (num % i === 0 || num % (i + 2) === 0) return false;
    i += 6;
  }
  return true;
}

await mp.main(async () => {
  const start = performance.now();
  {
    await using p = new mp.Pool(1);
    console.log(pyList(await p.map(sumPrime, [1000000, 2000000, 3000000])));
  }
  console.log(`Time taken = ${((performance.now() - start) / 1000).toFixed(5)}`);
});
