/**
 * Python's `unittest`, the parts the ported suites (mpi4py's, CPython's multiprocessing's) share,
 * with Python's meanings: `assertEqual` is Python `==`, `assertTrue` is Python `bool()`,
 * `assertRaises` awaits the call. Each suite's own `unittest.ts` re-exports this and adds its
 * helpers and its `main`; the conventions are written down in each suite's README.md.
 *
 * A run prints one result line per test method (`<prefix>{"v":1,…}`, see `ResultLine`); with
 * `--list` it prints the method names instead (`<prefix>Class.method`) and runs nothing: that is
 * how the mocha side learns them.
 */
import { inspect, isDeepStrictEqual } from 'node:util';

/** One method's outcome in one process, as printed after a result prefix. Versioned: it crosses a process boundary. */
export interface ResultLine {
  v: 1;
  /** The MPI rank that ran it (0 where there is one process, as in CPython's suite). */
  rank: number;
  size: number;
  test: string;
  /** `gap`: failed, and listed as a known gap (README.md); `gap-passed`: listed, yet passed (take it off the list). */
  outcome: 'pass' | 'fail' | 'skip' | 'gap' | 'gap-passed';
  /** The failure (message and stack), the skip reason, or the gap's reason. */
  detail?: string;
}

/** Python's `unittest.SkipTest`. */
export class SkipTest extends Error {
  override name = 'SkipTest';
}

/** Python's `AssertionError` (what a failed `assert*` raises). */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** Python's `NotImplementedError`. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

export function show(x: unknown): string {
  return inspect(x, { depth: 4, maxArrayLength: 20, breakLength: Infinity });
}

/** Python's `bool(x)`: `__bool__` when the object has one, emptiness for containers, zero for numbers. */
export function bool(x: unknown): boolean {
  if (x === null || x === undefined) return false;
  if ((typeof x === 'object' || typeof x === 'function') && typeof (x as { __bool__?: unknown }).__bool__ === 'function') return (x as { __bool__(): boolean }).__bool__();
  if (Array.isArray(x) || typeof x === 'string' || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length > 0;
  if (x instanceof Set || x instanceof Map) return x.size > 0;
  return Boolean(x);
}

/** Python's `any(xs)` and `all(xs)`, with `bool` above. */
export const any = (xs: Iterable<unknown>): boolean => [...xs].some(bool);
export const all = (xs: Iterable<unknown>): boolean => [...xs].every(bool);

/**
 * Python's `a == b`: numbers compare by value whatever their kind (7 == 7n), sequences element by
 * element, sets and dicts without regard to order, objects with `__eq__` by it.
 */
export function pyEqual(a: unknown, b: unknown): boolean {
  // Objects and callable objects (an MPI.Op is a function, as mpi4py's ops are callable).
  if (a !== null && (typeof a === 'object' || typeof a === 'function') && typeof (a as { __eq__?: unknown }).__eq__ === 'function') return (a as { __eq__(o: unknown): boolean }).__eq__(b);
  if (b !== null && (typeof b === 'object' || typeof b === 'function') && typeof (b as { __eq__?: unknown }).__eq__ === 'function') return (b as { __eq__(o: unknown): boolean }).__eq__(a);
  if ((typeof a === 'number' || typeof a === 'bigint' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'bigint' || typeof b === 'boolean')) {
    // eslint-disable-next-line eqeqeq -- Python's 1 == True == 1n: JavaScript's loose equality across number, bigint and boolean is exactly that
    return a == b;
  }
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a == null && b == null; // None == None, whichever spelling
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if ((Array.isArray(a) || ArrayBuffer.isView(a)) && (Array.isArray(b) || ArrayBuffer.isView(b))) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!pyEqual(x[i], y[i])) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => [...b].some((y) => pyEqual(x, y)));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && pyEqual(v, b.get(k)));
  if (Object.getPrototypeOf(a) === Object.prototype && Object.getPrototypeOf(b) === Object.prototype) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && pyEqual((a as any)[k], (b as any)[k]));
  }
  return isDeepStrictEqual(a, b);
}

export type Ctor<T = unknown> = abstract new (...args: any[]) => T;

export class TestCase {
  /** @internal functions given to addCleanup, run after tearDown, last added first */
  _cleanups: (() => unknown)[] = [];

  setUp(): void | Promise<void> {}
  tearDown(): void | Promise<void> {}

  /** `self.addCleanup(fn, *args)`: runs after tearDown (even when the test fails), last added first. */
  addCleanup<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this._cleanups.push(() => fn(...args));
  }

  fail(msg: string): never {
    throw new AssertionError(msg);
  }
  assertEqual(a: unknown, b: unknown, msg?: string): void {
    if (!pyEqual(a, b)) this.fail(msg ?? `${show(a)} != ${show(b)}`);
  }
  assertNotEqual(a: unknown, b: unknown, msg?: string): void {
    if (pyEqual(a, b)) this.fail(msg ?? `${show(a)} == ${show(b)}`);
  }
  assertTrue(x: unknown, msg?: string): void {
    if (!bool(x)) this.fail(msg ?? `${show(x)} is not true`);
  }
  assertFalse(x: unknown, msg?: string): void {
    if (bool(x)) this.fail(msg ?? `${show(x)} is not false`);
  }
  /** Python `is`: the same object (or the same primitive value). */
  assertIs(a: unknown, b: unknown, msg?: string): void {
    if (!Object.is(a, b)) this.fail(msg ?? `${show(a)} is not ${show(b)}`);
  }
  assertIsNot(a: unknown, b: unknown, msg?: string): void {
    if (Object.is(a, b)) this.fail(msg ?? `${show(a)} is ${show(b)}`);
  }
  /** None is `null` as a value and `undefined` as "returns nothing" (README.md): either passes. */
  assertIsNone(x: unknown, msg?: string): void {
    if (x !== null && x !== undefined) this.fail(msg ?? `${show(x)} is not None`);
  }
  assertIsNotNone(x: unknown, msg?: string): void {
    if (x === null || x === undefined) this.fail(msg ?? 'unexpectedly None');
  }
  assertIsInstance(x: unknown, cls: Ctor | 'list' | 'int' | 'bool' | 'str' | 'bytes', msg?: string): void {
    const ok =
      cls === 'list' ? Array.isArray(x)
      : cls === 'int' ? Number.isInteger(x) || typeof x === 'bigint'
      : cls === 'bool' ? typeof x === 'boolean'
      : cls === 'str' ? typeof x === 'string'
      : cls === 'bytes' ? x instanceof Uint8Array
      : x instanceof cls;
    if (!ok) this.fail(msg ?? `${show(x)} is not an instance of ${typeof cls === 'string' ? cls : cls.name}`);
  }
  assertIn(x: unknown, container: Iterable<unknown>, msg?: string): void {
    if (!contains(container, x)) this.fail(msg ?? `${show(x)} not found in ${show(container)}`);
  }
  assertNotIn(x: unknown, container: Iterable<unknown>, msg?: string): void {
    if (contains(container, x)) this.fail(msg ?? `${show(x)} unexpectedly found in ${show(container)}`);
  }
  assertGreater(a: number, b: number, msg?: string): void {
    if (!(a > b)) this.fail(msg ?? `${a} not greater than ${b}`);
  }
  assertGreaterEqual(a: number, b: number, msg?: string): void {
    if (!(a >= b)) this.fail(msg ?? `${a} not greater than or equal to ${b}`);
  }
  assertLess(a: number | readonly number[], b: number | readonly number[], msg?: string): void {
    if (!(compare(a, b) < 0)) this.fail(msg ?? `${show(a)} not less than ${show(b)}`);
  }
  assertLessEqual(a: number, b: number, msg?: string): void {
    if (!(a <= b)) this.fail(msg ?? `${a} not less than or equal to ${b}`);
  }
  /**
   * unittest's: `round(abs(a - b), places) == 0` (places 7 by default), or `abs(a - b) <= delta`
   * with `{ delta }`; `places` may be given positionally, as Python allows.
   */
  assertAlmostEqual(a: unknown, b: unknown, places?: number | { places?: number; delta?: number; msg?: string }): void {
    const o = typeof places === 'number' ? { places } : (places ?? {});
    const first = Number(a);
    const second = Number(b);
    if (first === second) return;
    const diff = Math.abs(first - second);
    if (o.delta !== undefined ? diff <= o.delta : Number(diff.toFixed(o.places ?? 7)) === 0) return;
    this.fail(o.msg ?? `${first} != ${second} within ${o.delta !== undefined ? `${o.delta} delta` : `${o.places ?? 7} places`} (${diff} difference)`);
  }
  /**
   * `with self.assertRaises(cls) as cm: fn()`: `fn` may be async; resolves to the error raised
   * (`cm.exception`). `cls` may be a list of classes, as Python's tuple of classes.
   */
  async assertRaises(cls: Ctor<Error> | Ctor<Error>[], fn: () => unknown): Promise<Error> {
    const classes = Array.isArray(cls) ? cls : [cls];
    const names = classes.map((c) => c.name).join(', ');
    try {
      await fn();
    } catch (err) {
      if (classes.some((c) => err instanceof c)) return err as Error;
      this.fail(`expected ${names}, got ${show(err)}`);
    }
    this.fail(`${names} not raised`);
  }
  /** `with self.assertRaisesRegex(cls, pattern): fn()`: also checks the message (Python's `re.search`). */
  async assertRaisesRegex(cls: Ctor<Error> | Ctor<Error>[], pattern: RegExp | string, fn: () => unknown): Promise<Error> {
    const err = await this.assertRaises(cls, fn);
    const re = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
    if (!re.test(String(err.message))) this.fail(`"${re.source}" does not match "${err.message}"`);
    return err;
  }
  /** `assertRegex(text, regex)`: Python's `re.search`. */
  assertRegex(text: string, pattern: RegExp | string, msg?: string): void {
    const re = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
    if (!re.test(text)) this.fail(msg ?? `Regex didn't match: "${re.source}" not found in ${show(text)}`);
  }
  /** `assertHasAttr(obj, name)` / `assertNotHasAttr`: Python's `hasattr` is `name in obj` (methods included). */
  assertHasAttr(obj: object, name: string, msg?: string): void {
    if (!(name in obj)) this.fail(msg ?? `${show(obj)} has no attribute '${name}'`);
  }
  assertNotHasAttr(obj: object, name: string, msg?: string): void {
    if (name in obj) this.fail(msg ?? `${show(obj)} has unexpected attribute '${name}'`);
  }
  skipTest(reason: string): never {
    throw new SkipTest(reason);
  }
  /** `with self.subTest(...)`: runs the body; a failure names the parameters. */
  async subTest(params: Record<string, unknown>, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof Error && !(err instanceof SkipTest)) err.message = `${err.message} (subTest ${show(params)})`;
      throw err;
    }
  }
}

export function compare(a: number | readonly number[], b: number | readonly number[]): number {
  const x = typeof a === 'number' ? [a] : a;
  const y = typeof b === 'number' ? [b] : b;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** `test*` methods of a class and its bases, in unittest's (alphabetical) order. */
function testMethods(cls: Ctor<TestCase>): string[] {
  const names = new Set<string>();
  for (let p = cls.prototype; p && p !== TestCase.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k.startsWith('test') && typeof p[k] === 'function') names.add(k);
  }
  return [...names].sort();
}

/**
 * Tests by `Class.method` or `*.method`, with a reason: `skips` are never run (what cannot exist
 * in TypeScript); `gaps` run, and their failure is reported as a known gap of the runtime, not yet
 * closed (each README.md lists both).
 */
export type Listed = Record<string, string>;

function reasonFor(listed: Listed, cls: string, method: string): string | undefined {
  return listed[`${cls}.${method}`] ?? listed[`*.${method}`];
}

export interface RunOptions {
  resultPrefix: string;
  listPrefix: string;
  rank: number;
  size: number;
  /** A method still running after this long is reported failed and the run goes on (a hang must not hide the rest). */
  timeoutSeconds?: number;
}

/** Runs (or, with `--list`, lists) every test method of `classes` in this process. */
export async function runTests(classes: Ctor<TestCase>[], skips: Listed, gaps: Listed, opts: RunOptions): Promise<void> {
  const listing = process.argv.includes('--list');
  const only = process.env.PYUNIT_ONLY?.split(',');
  for (const cls of classes) {
    for (const method of testMethods(cls)) {
      const test = `${cls.name}.${method}`;
      if (listing) {
        console.log(`${opts.listPrefix}${test}`);
        continue;
      }
      if (only && !only.some((o) => test === o || method === o)) continue;
      const reason = reasonFor(skips, cls.name, method);
      const line: ResultLine = { v: 1, rank: opts.rank, size: opts.size, test, outcome: 'pass' };
      if (reason !== undefined) Object.assign(line, { outcome: 'skip', detail: reason });
      else await runOne(cls, method, line, opts.timeoutSeconds);
      const gap = reasonFor(gaps, cls.name, method);
      if (gap !== undefined && line.outcome === 'fail') Object.assign(line, { outcome: 'gap', detail: `${gap}\n${line.detail}` });
      else if (gap !== undefined && line.outcome === 'pass') Object.assign(line, { outcome: 'gap-passed', detail: gap });
      console.log(`${opts.resultPrefix}${JSON.stringify(line)}`);
    }
  }
}

async function runOne(cls: Ctor<TestCase>, method: string, line: ResultLine, timeoutSeconds?: number): Promise<void> {
  const instance = new (cls as unknown as new () => TestCase)();
  let timer: NodeJS.Timeout | undefined;
  const body = async () => {
    await instance.setUp();
    try {
      await (instance as any)[method]();
    } finally {
      try {
        await instance.tearDown();
      } finally {
        for (let f = instance._cleanups.pop(); f; f = instance._cleanups.pop()) await f();
      }
    }
  };
  const limit = new Promise<never>((_, reject) => {
    if (timeoutSeconds !== undefined) timer = setTimeout(() => reject(new AssertionError(`${cls.name}.${method} still running after ${timeoutSeconds} s`)), timeoutSeconds * 1000);
  });
  try {
    await Promise.race([body(), limit]);
  } catch (err) {
    line.outcome = err instanceof SkipTest ? 'skip' : 'fail';
    line.detail = err instanceof SkipTest ? err.message : err instanceof Error ? (err.stack ?? err.message) : show(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Python's `x in container`: a substring for strings, an equal item otherwise. */
function contains(container: Iterable<unknown>, x: unknown): boolean {
  if (typeof container === 'string') return typeof x === 'string' && container.includes(x);
  return [...container].some((y) => pyEqual(x, y));
}

/** Python's `a % n` for a positive `n`: never negative (`(rank - 1) % size` is size - 1 at rank 0). */
export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
