// CPython's `_DummyList`, `Bunch` and `_wait` from Lib/test/_test_multiprocessing.py, for the
// barrier tests (test_barrier.ts). A Bunch's processes run `bunch_task`, which the program file
// re-exports (a child finds its target among the program's exports), and call a function the
// program registered by name with `bunchFunctions`: a child finds functions by name, not value.
import * as mp from 'rankscope/multiprocessing';
import { AssertionError, getpid, sleep } from './unittest.js';

type Fn = (...args: any[]) => Promise<unknown>;
const FUNCS: Record<string, Fn> = {};

/** Names the functions a Bunch may run; the program calls it at its top level (in every process). */
export function bunchFunctions(fs: Record<string, Fn>): void {
  Object.assign(FUNCS, fs);
}

/**
 * `_DummyList`: a list used as an atomic counter (append adds one, len reads it). CPython keeps
 * the count in shared memory behind a Lock; here a shared Value behind its own lock. A class
 * instance would reach a child as a plain object, so `append`/`len` are functions of the list.
 */
export type DummyList = mp.Value;
export const DummyList = (): DummyList => new mp.Value('i', 0);
export async function append(l: DummyList, _x: unknown): Promise<void> {
  await l.getLock().withLock(async () => l.set((await l.get()) + 1));
}
export async function len(l: DummyList): Promise<number> {
  return l.getLock().withLock(() => l.get());
}

/** Python's `assert` statement. */
export function pyAssert(ok: unknown): void {
  if (!ok) throw new AssertionError('assert failed');
}

/** A crude wait/yield function not relying on synchronization primitives. */
export const _wait = () => sleep(0.01);

/** `Bunch.task`, run by each of a bunch's processes. */
export async function bunch_task(fname: string, args: unknown[], started: DummyList, finished: DummyList, can_exit: mp.Event) {
  const pid = getpid();
  await append(started, pid);
  try {
    await FUNCS[fname](...args);
  } finally {
    await append(finished, pid);
    await can_exit.wait(30);
    pyAssert(await can_exit.is_set());
  }
}

/** A bunch of `n` processes running the same function `f` (CPython: "a bunch of threads"). */
export class Bunch {
  readonly started = DummyList();
  readonly finished = DummyList();
  private readonly _can_exit = new mp.Event();
  private readonly threads: mp.Process[] = [];

  private constructor(readonly n: number) {}

  /** If `wait_before_exit` is true, the processes won't terminate until do_finish() is called. */
  static async create(f: string, args: unknown[], n: number, wait_before_exit = false): Promise<Bunch> {
    const b = new Bunch(n);
    if (!wait_before_exit) await b._can_exit.set();
    for (let i = 0; i < n; i++) {
      const p = new mp.Process({ target: bunch_task, args: [f, args, b.started, b.finished, b._can_exit] });
      p.daemon = true;
      await p.start();
      b.threads.push(p);
    }
    return b;
  }

  async wait_for_started() {
    while ((await len(this.started)) < this.n) await _wait();
  }

  async wait_for_finished() {
    while ((await len(this.finished)) < this.n) await _wait();
  }

  async do_finish() {
    await this._can_exit.set();
  }

  async close() {
    for (const p of this.threads) await p.join();
  }
}
