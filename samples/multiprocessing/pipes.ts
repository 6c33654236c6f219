// Exchanging objects with pipes: one process sends 0…9 into a pipe, a second squares them into
// another pipe, the main process prints them and "End" once that pipe is closed everywhere.
// Run: rankscope run samples/multiprocessing/pipes.ts
import * as mp from 'rankscope/multiprocessing';

export async function createItems(pipe: [mp.Connection, mp.Connection]) {
  const [outputPipe] = pipe;
  for (let item = 0; item < 10; item++) await outputPipe.send(item);
  await outputPipe.close();
}

export async function multiplyItems(pipe1: [mp.Connection, mp.Connection], pipe2: [mp.Connection, mp.Connection]) {
  const [close, inputPipe] = pipe1;
  await close.close();
  const [outputPipe] = pipe2;
  try {
    for (;;) {
      const item = await inputPipe.recv();
      await outputPipe.send(item * item);
    }
  } catch (e) {
    if (!(e instanceof mp.EOFError)) throw e;
    await outputPipe.close();
  }
}

await mp.main(async () => {
  // First process pipe with numbers from 0 to 9
  const pipe1 = mp.Pipe(true);
  const processPipe1 = new mp.Process({ target: createItems, args: [pipe1] });
  await processPipe1.start();

  // Second pipe
  const pipe2 = mp.Pipe(true);
  const processPipe2 = new mp.Process({ target: multiplyItems, args: [pipe1, pipe2] });
  await processPipe2.start();

  await pipe1[0].close();
  await pipe2[0].close();

  try {
    for (;;) console.log(await pipe2[1].recv());
  } catch (e) {
    if (!(e instanceof mp.EOFError)) throw e;
    console.log('End');
  }
});
