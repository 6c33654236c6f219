// Exchanging objects with a queue: a producer puts ten random items, a consumer takes them until
// it finds the queue empty.
// Run: rankscope run --tag-output samples/multiprocessing/queue.ts
import * as mp from 'rankscope/multiprocessing';

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));
const randint = (a: number, b: number) => a + Math.floor(Math.random() * (b - a + 1));

export class Producer extends mp.Process {
  constructor(public queue: mp.Queue) {
    super();
  }

  async run() {
    for (let i = 0; i < 10; i++) {
      const item = randint(0, 256);
      await this.queue.put(item);
      console.log(`Process Producer : item ${item} appended to queue ${this.name}`);
      await sleep(1);
      // console.log(`The size of queue is ${await this.queue.qsize()}`); // works here, unlike on macOS
    }
  }
}

export class Consumer extends mp.Process {
  constructor(public queue: mp.Queue) {
    super();
  }

  async run() {
    // Python's spawn takes a while to start this process, by which time the producer has usually
    // put its first item; Rankscope's warm processes start in a few ms, so give the producer a head
    // start. (Checking empty() and then getting is a race either way: the chapter's lesson.)
    await sleep(0.5);
    for (;;) {
      if (await this.queue.empty()) {
        console.log('the queue is empty');
        break;
      } else {
        await sleep(2);
        const item = await this.queue.get();
        console.log(`Processor Consumer: item ${item} popped from by ${this.name} \n`);
        await sleep(1);
      }
    }
  }
}

await mp.main(async () => {
  const queue = new mp.Queue();
  const processProducer = new Producer(queue);
  const processConsumer = new Consumer(queue);
  await processProducer.start();
  await processConsumer.start();
  await processProducer.join();
  await processConsumer.join();
});
