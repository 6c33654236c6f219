/**
 * CPython `_TestPoolWorkerErrors` and `_TestPoolWorkerLifetime` (Lib/test/_test_multiprocessing.py),
 * 'processes' flavour: a task's error reaches error_callback, a result that cannot be sent back is
 * a MaybeEncodingError that costs no worker, maxtasksperchild replaces workers, and a program that
 * leaves a pool in a global ends well.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as mp from 'rankscope/multiprocessing';
import { range, sqr } from './pool_helpers.js';
import { DELTA, main, sleep, TestCase } from './unittest.js';

// Workers re-import this file and find their functions here, by name.
export { raising, sqr, unpickleable_result } from './pool_helpers.js';
import { raising, unpickleable_result } from './pool_helpers.js';

export class _TestPoolWorkerErrors extends TestCase {
  async test_async_error_callback() {
    const p = new mp.Pool(2);

    const scratchpad: unknown[] = [null];
    const errback = (exc: unknown): void => {
      scratchpad[0] = exc;
    };

    const res = p.applyAsync(raising, { error_callback: errback });
    await this.assertRaises(mp.KeyError, () => res.get());
    this.assertTrue(scratchpad[0]);
    this.assertIsInstance(scratchpad[0], mp.KeyError);

    p.close();
    await p.join();
  }

  async test_unpickleable_result() {
    const p = new mp.Pool(2);

    // Make sure we don't lose pool processes because of encoding errors.
    for (const _iteration of range(20)) {
      const scratchpad: unknown[] = [null];
      const errback = (exc: unknown): void => {
        scratchpad[0] = exc;
      };

      const res = p.applyAsync(unpickleable_result, { error_callback: errback });
      await this.assertRaises(mp.MaybeEncodingError, () => res.get());
      const wrapped = scratchpad[0] as mp.MaybeEncodingError;
      this.assertTrue(wrapped);
      this.assertIsInstance(scratchpad[0], mp.MaybeEncodingError);
      this.assertIsNotNone(wrapped.exc);
      this.assertIsNotNone(wrapped.value);
    }

    p.close();
    await p.join();
  }
}

export class _TestPoolWorkerLifetime extends TestCase {
  async test_pool_worker_lifetime() {
    const p = new mp.Pool(3, { maxtasksperchild: 10 });
    this.assertEqual(3, (await p._pool()).length);
    const origworkerpids = (await p._pool()).map((w) => w.pid);
    // Run many tasks so each worker gets replaced (hopefully)
    const results: mp.AsyncResult<number>[] = [];
    for (const i of range(100)) results.push(p.applyAsync(sqr, [i]));
    // Fetch the results and verify we got the right answers,
    // also ensuring all the tasks have completed.
    for (const [j, res] of results.entries()) this.assertEqual(await res.get(), sqr(j));
    // Refill the pool
    await p._repopulate_pool();
    // Wait until all workers are alive
    // (countdown * DELTA = 5 seconds max startup process time)
    let countdown = 50;
    while (countdown && !(await p._pool()).every((w) => w.isAlive())) {
      countdown -= 1;
      await sleep(DELTA);
    }
    const finalworkerpids = (await p._pool()).map((w) => w.pid);
    // All pids should be assigned.  See issue #7805.
    this.assertNotIn(null, origworkerpids);
    this.assertNotIn(null, finalworkerpids);
    // Finally, check that the worker pids have changed
    this.assertNotEqual([...origworkerpids].sort(), [...finalworkerpids].sort());
    p.close();
    await p.join();
  }

  async test_pool_worker_lifetime_early_close() {
    // Issue #10332: closing a pool whose workers have limited lifetimes
    // before all the tasks completed would make join() hang.
    const p = new mp.Pool(3, { maxtasksperchild: 1 });
    const results: mp.AsyncResult<number>[] = [];
    for (const i of range(6)) results.push(p.applyAsync(sqr, [i, 0.3]));
    p.close();
    await p.join();
    // check the results
    for (const [j, res] of results.entries()) this.assertEqual(await res.get(), sqr(j));
  }

  async test_pool_maxtasksperchild_invalid() {
    for (const value of [0, -1, 0.5, '12']) {
      await this.assertRaises(mp.ValueError, () => new mp.Pool(3, { maxtasksperchild: value as number }));
    }
  }

  async test_worker_finalization_via_atexit_handler_of_multiprocessing() {
    // tests cases against bpo-38744 and bpo-39360
    const cmd = `
      import * as mp from 'rankscope/multiprocessing';
      export function float(x: number) { return Number(x); }
      let problem: A | null = null;
      class A {
        pool = new mp.Pool({ processes: 1 });
      }
      async function test() {
        problem = new A();
        await problem.pool.map(float, [...Array(10).keys()]);
      }
      await mp.main(test);
    `;
    const [rc] = await assert_program_ok(cmd);
    this.assertEqual(rc, 0);
  }
}

/** script_helper.assert_python_ok('-c', cmd): runs `cmd` as a program of its own; it must exit 0. */
async function assert_program_ok(source: string): Promise<[number, string, string]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpython-pool-'));
  const file = path.join(dir, 'prog.ts');
  fs.writeFileSync(file, source);
  // process.argv[1] is this program's file (import.meta.url is its compiled copy).
  const cli = path.resolve(path.dirname(process.argv[1]), '../../../dist/cli.js');
  try {
    return await new Promise((resolve, reject) => {
      execFile(process.execPath, [cli, 'run', file], { timeout: 60_000 }, (err, stdout, stderr) => {
        const rc = err ? ((err as { code?: number }).code ?? 1) : 0;
        if (rc !== 0) reject(new Error(`the program exited with ${rc}:\n${stderr}`));
        else resolve([rc, stdout, stderr]);
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main([_TestPoolWorkerErrors, _TestPoolWorkerLifetime]);
