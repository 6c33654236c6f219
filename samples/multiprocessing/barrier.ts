// Synchronising with a barrier: p1 and p2 wait for each other, then print (serialised by a lock)
// the same moment; p3 and p4 do not wait.
// Run: rankscope run samples/multiprocessing/barrier.ts
import * as mp from 'rankscope/multiprocessing';

export async function testWithBarrier(synchronizer: mp.Barrier, serializer: mp.Lock) {
  const name = mp.currentProcess().name;
  await synchronizer.wait();
  const now = Date.now();
  await serializer.withLock(() => {
    console.log(`process ${name} ----> ${new Date(now).toISOString()}`);
  });
}

export function testWithoutBarrier() {
  const name = mp.currentProcess().name;
  const now = Date.now();
  // The seed wrote `datatime.fromtimestamp` here (a NameError); it is datetime / Date.
  console.log(`process ${name} ----> ${new Date(now).toISOString()}`);
}

await mp.main(async () => {
  const synchronizer = new mp.Barrier(2); // 2 stands for the total number of processes
  const serializer = new mp.Lock();
  await new mp.Process({ name: 'p1 - test_with_barrier', target: testWithBarrier, args: [synchronizer, serializer] }).start();
  await new mp.Process({ name: 'p2 - test_with_barrier', target: testWithBarrier, args: [synchronizer, serializer] }).start();
  // The seed started p3 and p4 with test_with_barrier too, so they waited at a 2-party barrier
  // of their own by luck; they are meant to run test_without_barrier.
  await new mp.Process({ name: 'p3 - test_without_barrier', target: testWithoutBarrier }).start();
  await new mp.Process({ name: 'p4 - test_without_barrier', target: testWithoutBarrier }).start();
});
