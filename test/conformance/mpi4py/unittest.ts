/**
 * The few parts of Python's `unittest` (and mpi4py's `mpiunittest.py`) the ported test files use,
 * with Python's meanings: `assertEqual` is Python `==`, `assertTrue` is Python `bool()` (a request
 * is false once it is MPI.REQUEST_NULL), `assertRaises` awaits the call. The conventions are
 * written down in README.md.
 *
 * A ported file ends with `await main([TestA, TestB])`. Every rank runs every `test*` method of
 * every class (setUp, method, tearDown, as unittest does) and prints one result line per method:
 * `mpi4py-result {"v":1,…}` (see `ResultLine`). Run with `--list`, a rank prints the method names
 * instead (`mpi4py-test Class.method`) and runs nothing: that is how the mocha side learns them.
 */
import { inspect, isDeepStrictEqual } from 'node:util';
import { MPI } from 'rankscope/mpi';

/** One method's outcome on one rank, as printed after `RESULT_PREFIX`. Versioned: it crosses a process boundary. */
export interface ResultLine {
  v: 1;
  rank: number;
  size: number;
  test: string;
  /** `gap`: failed, and listed as a known gap (README.md); `gap-passed`: listed, yet passed (take it off the list). */
  outcome: 'pass' | 'fail' | 'skip' | 'gap' | 'gap-passed';
  /** The failure (message and stack), the skip reason, or the gap's reason. */
  detail?: string;
}

export const RESULT_PREFIX = 'mpi4py-result ';
export const LIST_PREFIX = 'mpi4py-test ';

/** Python's `unittest.SkipTest`. */
export class SkipTest extends Error {}

/** Python's `AssertionError` (what a failed `assert*` raises). */
export class AssertionError extends Error {}

/** Python's `NotImplementedError`, for mpiunittest's `catchNotImplementedError`. */
export class NotImplementedError extends Error {}

function show(x: unknown): string {
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
    // eslint-disable-next-line eqeqeq
    return a == b;
  }
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a == b; // None == None, whichever spelling
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

type Ctor<T = unknown> = abstract new (...args: any[]) => T;

export class TestCase {
  setUp(): void | Promise<void> {}
  tearDown(): void | Promise<void> {}

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
  assertIs(a: unknown, b: unknown): void {
    if (!Object.is(a, b)) this.fail(`${show(a)} is not ${show(b)}`);
  }
  assertIsNot(a: unknown, b: unknown): void {
    if (Object.is(a, b)) this.fail(`${show(a)} is ${show(b)}`);
  }
  /** None is `null` as a value and `undefined` as "returns nothing" (README.md): either passes. */
  assertIsNone(x: unknown, msg?: string): void {
    if (x !== null && x !== undefined) this.fail(msg ?? `${show(x)} is not None`);
  }
  assertIsNotNone(x: unknown): void {
    if (x === null || x === undefined) this.fail('unexpectedly None');
  }
  assertIsInstance(x: unknown, cls: Ctor | 'list' | 'int' | 'bool'): void {
    const ok = cls === 'list' ? Array.isArray(x) : cls === 'int' ? Number.isInteger(x) : cls === 'bool' ? typeof x === 'boolean' : x instanceof cls;
    if (!ok) this.fail(`${show(x)} is not an instance of ${typeof cls === 'string' ? cls : cls.name}`);
  }
  assertIn(x: unknown, container: Iterable<unknown>): void {
    if (!contains(container, x)) this.fail(`${show(x)} not found in ${show(container)}`);
  }
  assertNotIn(x: unknown, container: Iterable<unknown>): void {
    if (contains(container, x)) this.fail(`${show(x)} unexpectedly found in ${show(container)}`);
  }
  assertGreater(a: number, b: number): void {
    if (!(a > b)) this.fail(`${a} not greater than ${b}`);
  }
  assertGreaterEqual(a: number, b: number): void {
    if (!(a >= b)) this.fail(`${a} not greater than or equal to ${b}`);
  }
  assertLess(a: number | readonly number[], b: number | readonly number[]): void {
    if (!(compare(a, b) < 0)) this.fail(`${show(a)} not less than ${show(b)}`);
  }
  assertLessEqual(a: number, b: number): void {
    if (!(a <= b)) this.fail(`${a} not less than or equal to ${b}`);
  }
  /** mpiunittest's version: relative difference within 1e-2. */
  assertAlmostEqual(a: unknown, b: unknown): void {
    const first = Number(a);
    const second = Number(b);
    const den = Math.max(Math.abs(first), Math.abs(second)) || 1;
    if (Math.abs((second - first) / den) > 1e-2) this.fail(`${first} != ${second}`);
  }
  /** `with self.assertRaises(cls): fn()`; `fn` may be async. */
  async assertRaises(cls: Ctor<Error>, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof cls) return;
      this.fail(`expected ${cls.name}, got ${show(err)}`);
    }
    this.fail(`${cls.name} not raised`);
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
  /**
   * mpiunittest's `catchNotImplementedError(version, subversion)`: a NotImplementedError is
   * accepted only when MPI.Get_version() is below `version.subversion`.
   */
  async catchNotImplementedError(version: number | undefined, subversion: number, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof NotImplementedError)) throw err;
      if (version === undefined) return;
      this.assertLess(MPI.Get_version(), [version, subversion]);
    }
  }
}

function compare(a: number | readonly number[], b: number | readonly number[]): number {
  const x = typeof a === 'number' ? [a] : a;
  const y = typeof b === 'number' ? [b] : b;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** `test*` methods of a class and its bases, in definition order (unittest sorts them; so do we). */
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
 * closed (README.md lists both).
 */
export type Listed = Record<string, string>;

function reasonFor(listed: Listed, cls: string, method: string): string | undefined {
  return listed[`${cls}.${method}`] ?? listed[`*.${method}`];
}

/** Runs (or, with `--list`, lists) every test method of `classes` on this rank. */
export async function main(classes: Ctor<TestCase>[], skips: Listed = {}, gaps: Listed = {}): Promise<void> {
  const listing = process.argv.includes('--list');
  const world = MPI.COMM_WORLD;
  for (const cls of classes) {
    for (const method of testMethods(cls)) {
      const test = `${cls.name}.${method}`;
      if (listing) {
        console.log(`${LIST_PREFIX}${test}`);
        continue;
      }
      const reason = reasonFor(skips, cls.name, method);
      const line: ResultLine = { v: 1, rank: world.rank, size: world.size, test, outcome: 'pass' };
      if (reason !== undefined) Object.assign(line, { outcome: 'skip', detail: reason });
      else await runOne(cls, method, line);
      const gap = reasonFor(gaps, cls.name, method);
      if (gap !== undefined && line.outcome === 'fail') Object.assign(line, { outcome: 'gap', detail: `${gap}\n${line.detail}` });
      else if (gap !== undefined && line.outcome === 'pass') Object.assign(line, { outcome: 'gap-passed', detail: gap });
      console.log(`${RESULT_PREFIX}${JSON.stringify(line)}`);
    }
  }
}

async function runOne(cls: Ctor<TestCase>, method: string, line: ResultLine): Promise<void> {
  const instance = new (cls as unknown as new () => TestCase)();
  try {
    await instance.setUp();
    try {
      await (instance as any)[method]();
    } finally {
      await instance.tearDown();
    }
  } catch (err) {
    line.outcome = err instanceof SkipTest ? 'skip' : 'fail';
    line.detail = err instanceof SkipTest ? err.message : err instanceof Error ? (err.stack ?? err.message) : show(err);
  }
}

/** Python's `a % n` for a positive `n`: never negative (`(rank - 1) % size` is size - 1 at rank 0). */
/** Python's `x in container`: a substring for strings, an equal item otherwise. */
function contains(container: Iterable<unknown>, x: unknown): boolean {
  if (typeof container === 'string') return typeof x === 'string' && container.includes(x);
  return [...container].some((y) => pyEqual(x, y));
}

export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
