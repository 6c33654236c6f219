// How to use a process in a subclass: override run(); the default name is `MyProcess-N`.
// Run: rankscope run samples/multiprocessing/subclass.ts
import * as mp from 'rankscope/multiprocessing';

// Exported, so each child can find the class by name and rebuild the instance.
export class MyProcess extends mp.Process {
  async run() {
    console.log(`called run method in process: ${this.name}`);
  }
}

await mp.main(async () => {
  const jobs: MyProcess[] = [];
  for (let i = 0; i < 5; i++) {
    const p = new MyProcess();
    jobs.push(p);
    await p.start();
    await p.join();
  }
});
