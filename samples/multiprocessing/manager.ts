// Managing state between processes: a manager's dict, filled by ten processes.
// Run: rankscope run samples/multiprocessing/manager.ts
import * as mp from 'rankscope/multiprocessing';

export async function worker(dictionary: mp.DictProxy, key: number, item: number) {
  await dictionary.set(key, item);
  console.log(`key = ${key}, value = ${item}`);
}

await mp.main(async () => {
  const mgr = await mp.Manager();
  const dictionary = mgr.dict();
  const jobs = [];
  for (let i = 0; i < 10; i++) jobs.push(new mp.Process({ target: worker, args: [dictionary, i, i ** 2] }));
  for (const j of jobs) await j.start();
  for (const j of jobs) await j.join();
  // Printed like Python's dict, in key order (the processes finish in any order).
  const entries = (await dictionary.entries()).sort(([a], [b]) => a - b);
  console.log(`Results: {${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
  await mgr.shutdown();
});
