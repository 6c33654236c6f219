// How to spawn a process: build the Process, start() it, join() it.
// Run: rankscope run samples/multiprocessing/spawn.ts
import * as mp from 'rankscope/multiprocessing';

// The target is exported: the child re-imports this file and finds it by name (Python's spawn).
export function call(i: number) {
  console.log(`called function in process: ${i}`);
}

// The counterpart of `if __name__ == '__main__':` — runs in the main process only.
await mp.main(async () => {
  const processJobs: mp.Process[] = [];
  for (let i = 0; i < 5; i++) {
    const p = new mp.Process({ target: call, args: [i] });
    processJobs.push(p);
    await p.start();
    await p.join();
  }
});
