// How to name a process: a chosen name, and Python's default `Process-N`.
// The daemon process ends with the main process; the other one is waited for, as in Python. Both
// sleep 3 s, so whether the daemon prints "Exiting" before it is stopped is a race, there as here.
// Run: rankscope run --tag-output samples/multiprocessing/naming.ts
import * as mp from 'rankscope/multiprocessing';

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

export async function call() {
  const name = mp.currentProcess().name;
  console.log(`Starting ${name} \n`);
  await sleep(3);
  console.log(`Exiting ${name} \n`);
}

await mp.main(async () => {
  const processWithName = new mp.Process({ name: 'call_process', target: call });
  processWithName.daemon = true;
  const processWithDefaultName = new mp.Process({ target: call });
  await processWithName.start();
  await processWithDefaultName.start();
});
