/**
 * Keeps a process alive while it waits inside the runtime.
 *
 * Our sockets are unref'd so that a finished program exits on its own; but a pending `await
 * comm.recv()` holds no handle, and Node would exit with the promise unsettled. Every blocking call
 * holds the event loop open for its duration with one long timer that is ref'd while anything is
 * held (a sleep, not a spin; and toggling a timer's ref costs far less than creating one per call).
 */
let holds = 0;
let keeper: NodeJS.Timeout | undefined;

export function hold(): void {
  if (holds++ > 0) return;
  keeper ??= setInterval(() => {}, 1 << 30);
  keeper.ref();
}

export function release(): void {
  if (--holds === 0) keeper?.unref();
}

/** Runs `work` with the process held alive until it settles. */
export async function holding<T>(work: Promise<T>): Promise<T> {
  hold();
  try {
    return await work;
  } finally {
    release();
  }
}
