// Serial vs. parallel, part 1: Pi for eight step counts, one after the other.
// Run: rankscope run samples/multiprocessing/pi-serial.ts [--large]
import { Pi, stepCounts } from './pi.js';
import { pyList } from './python-format.js';

const start = performance.now();
const pi: number[] = [];
for (const steps of stepCounts(process.argv)) pi.push(Pi(steps));

console.log(pyList(pi));
console.log(`Time taken ${(performance.now() - start) / 1000} second`);
