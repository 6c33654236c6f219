// The classic lesson: four processes each add 1 to a shared counter 1000 times. Unguarded, a
// read-modify-write of one process interleaves with another's and updates are lost; guarded by
// the value's lock, the total is exactly 4000.
// Run: rankscope run samples/multiprocessing/shared-counter.ts
import * as mp from 'rankscope/multiprocessing';

export async function unguarded(counter: mp.Value) {
  for (let i = 0; i < 1000; i++) await counter.set((await counter.get()) + 1);
}

export async function guarded(counter: mp.Value) {
  for (let i = 0; i < 1000; i++) await counter.getLock().withLock(async () => counter.set((await counter.get()) + 1));
}

async function run(target: (c: mp.Value) => Promise<void>): Promise<number> {
  const counter = new mp.Value('i', 0);
  const procs = Array.from({ length: 4 }, () => new mp.Process({ target, args: [counter] }));
  for (const p of procs) await p.start();
  for (const p of procs) await p.join();
  return counter.get();
}

await mp.main(async () => {
  console.log(`without the lock: ${await run(unguarded)} (expected 4000)`);
  console.log(`with the lock:    ${await run(guarded)} (expected 4000)`);
});
