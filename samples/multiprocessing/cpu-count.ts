// One process per CPU, each with a name, and the PID the OS assigned to it.
// Run: rankscope run samples/multiprocessing/cpu-count.ts
import * as mp from 'rankscope/multiprocessing';

// dummy function
export function f(_id: number) {
  // This is a dummy function taking a parameter
}

await mp.main(async () => {
  // get the number of CPUs
  const np = mp.cpuCount();
  console.log(`You have ${np} CPUs`);

  // Create the processes
  const pList: mp.Process[] = [];
  for (let i = 1; i <= np; i++) {
    const p = new mp.Process({ target: f, name: `Process${i}`, args: [i] });
    pList.push(p);
    console.log('Process:: ', p.name);
    await p.start();
    console.log('Was assigned PID:: ', p.pid);
  }

  // Wait for all the processes to finish
  for (const p of pList) await p.join();
});
