/**
 * `mp.main(fn)`: the counterpart of Python's `if __name__ == '__main__':`. `fn` runs in the main
 * process only; children re-import the program and skip it. As in Python, a process that ends
 * first waits for its non-daemonic children; daemonic ones are stopped with it.
 */
import { runtime } from '../current.js';
import { hold, release } from '../liveness.js';
import { context } from './context.js';
import { liveNonDaemonChildren } from './process.js';

export function main(fn: () => unknown): Promise<void> {
  if (context.isChild() || runtime.become) return Promise.resolve();
  context.enterMain();
  let result: Promise<void>;
  try {
    result = Promise.resolve(fn()).then(() => undefined);
  } catch (err) {
    result = Promise.reject(err);
  }
  return result.finally(() => context.leaveMain());
}

/** Joins the non-daemonic children still running. */
async function joinChildren(): Promise<void> {
  for (let live = liveNonDaemonChildren(); live.length > 0; live = liveNonDaemonChildren()) {
    await Promise.all(live.map((p) => p.join()));
  }
}

/** Ends this process with `code` once its non-daemonic children have ended; never resolves. */
export function exitAfterChildren(code: number): Promise<never> {
  hold();
  void joinChildren().then(() => runtime.tracer.flush(() => process.exit(code)));
  return new Promise<never>(() => {});
}

let joiningAtExit = false;
process.on('beforeExit', () => {
  if (joiningAtExit || liveNonDaemonChildren().length === 0) return;
  joiningAtExit = true;
  hold();
  void joinChildren().finally(() => {
    joiningAtExit = false;
    release();
  });
});
