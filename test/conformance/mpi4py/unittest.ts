/**
 * mpi4py's test helpers (`mpiunittest.py`) over Python's unittest (../pyunit.ts, shared with the
 * CPython port): mpiunittest's `assertAlmostEqual` and `catchNotImplementedError`, and `main`,
 * which runs every method on every rank. The conventions are written down in README.md.
 *
 * A ported file ends with `await main([TestA, TestB])`. Every rank runs every `test*` method of
 * every class (setUp, method, tearDown, as unittest does) and prints one result line per method:
 * `mpi4py-result {"v":1,…}` (see `ResultLine`). Run with `--list`, a rank prints the method names
 * instead (`mpi4py-test Class.method`) and runs nothing: that is how the mocha side learns them.
 */
import { MPI } from 'rankscope/mpi';
import { runTests, TestCase as PyTestCase, type Ctor, type Listed } from '../pyunit.js';

export { AssertionError, SkipTest, all, any, bool, mod, pyEqual, type Listed, type ResultLine } from '../pyunit.js';

/** Python's `NotImplementedError` as mpi4py raises it (the runtime's: a call of a newer MPI), for `catchNotImplementedError`. */
export const NotImplementedError = MPI.NotImplementedError;

export const RESULT_PREFIX = 'mpi4py-result ';
export const LIST_PREFIX = 'mpi4py-test ';

export class TestCase extends PyTestCase {
  /** mpiunittest's version: relative difference within 1e-2. */
  override assertAlmostEqual(a: unknown, b: unknown): void {
    const first = Number(a);
    const second = Number(b);
    const den = Math.max(Math.abs(first), Math.abs(second)) || 1;
    if (Math.abs((second - first) / den) > 1e-2) this.fail(`${first} != ${second}`);
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

/** Runs (or, with `--list`, lists) every test method of `classes` on this rank. */
export async function main(classes: Ctor<TestCase>[], skips: Listed = {}, gaps: Listed = {}): Promise<void> {
  const world = MPI.COMM_WORLD;
  await runTests(classes, skips, gaps, { resultPrefix: RESULT_PREFIX, listPrefix: LIST_PREFIX, rank: world.rank, size: world.size });
}
