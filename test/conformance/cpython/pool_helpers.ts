/**
 * The module-level functions of `_test_multiprocessing.py` that the pool classes give to workers
 * (`sqr`, `mul`, `identity`, …). A ported file re-exports the ones it uses, so its workers (which
 * re-import that file) find them by name.
 */
import * as mp from 'rankscope/multiprocessing';
import { sleep } from './unittest.js';

/** Python's keyword arguments arrive as one trailing options object (`apply(sqr, [], { kwds: { x: 3 } })`). */
function bind(args: unknown[], names: string[]): Record<string, any> {
  const last = args[args.length - 1];
  const kw = last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype ? (args.pop() as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...kw };
  args.forEach((a, i) => (out[names[i]] = a));
  return out;
}

/** `sqr(x, wait=0.0, event=None)`: synchronous when it need not wait, as Python's time.sleep(0). */
export function sqr(...args: unknown[]): number | Promise<number> {
  const { x, wait = 0, event = null } = bind(args, ['x', 'wait', 'event']);
  if (event !== null) return (event as mp.Event).wait(wait).then(() => x * x);
  if (wait > 0) return sleep(wait).then(() => x * x);
  return x * x;
}

export function mul(x: number, y: number): number {
  return x * y;
}

export async function raise_large_valuerror(wait: number): Promise<never> {
  await sleep(wait);
  throw new mp.ValueError('x'.repeat(1024 ** 2));
}

export function identity<T>(x: T): T {
  return x;
}

/** `time.sleep` as a pool task. */
export function time_sleep(seconds: number): Promise<void> {
  return sleep(seconds);
}

export class SayWhenError extends mp.ValueError {
  constructor(message = '') {
    super(message);
    this.name = 'SayWhenError';
  }
}

/** A generator that raises SayWhenError when it reaches `when` (-1: at its first next(), as Python's body runs then). */
export function* exception_throwing_generator(total: number, when: number): Generator<number> {
  if (when === -1) throw new SayWhenError('Somebody said when');
  for (let i = 0; i < total; i++) {
    if (i === when) throw new SayWhenError('Somebody said when');
    yield i;
  }
}

export function raising(): never {
  throw new mp.KeyError('key');
}

/** A function cannot be sent back: Python's `lambda: 42`. */
export function unpickleable_result(): () => number {
  return () => 42;
}

/** Python's `next(it)`: the next value, or StopIteration once the iterator is done. */
export class StopIteration extends Error {
  override name = 'StopIteration';
}
export async function next<T>(it: AsyncIterator<T>): Promise<T> {
  const r = await it.next();
  if (r.done) throw new StopIteration();
  return r.value;
}

/** Python's `list(it)` for an async iterable. */
export async function list<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function range(a: number, b?: number, step = 1): number[] {
  const [start, end] = b === undefined ? [0, a] : [a, b];
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
  return out;
}

/** Python's `<` for numbers, strings and tuples of them. */
function cmp(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = cmp(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Python's `sorted()`. */
export function sorted<T>(xs: Iterable<T>): T[] {
  return [...xs].sort(cmp);
}
