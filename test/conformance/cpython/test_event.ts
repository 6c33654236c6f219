// Port of CPython Lib/test/_test_multiprocessing.py: _TestEvent
// (conventions: README.md). Targets are the file's exported functions: a child re-imports the file.
import * as mp from 'rankscope/multiprocessing';
import { main, sleep, TestCase, TimingWrapper, TIMEOUT1, TIMEOUT2, type Listed } from './unittest.js';

export async function _test_event(event: mp.Event) {
  await sleep(TIMEOUT2);
  await event.set();
}

class _TestEvent extends TestCase {
  async test_event() {
    const event = new mp.Event();
    const wait = new TimingWrapper((...a: unknown[]) => event.wait(...(a as [number?])));

    // Removed temporarily, due to API shear, this does not
    // work with threading._Event objects. is_set == isSet
    this.assertEqual(await event.is_set(), false);

    // Removed, threading.Event.wait() will return the value of the __flag
    // instead of None. API Shear with the semaphore backed mp.Event
    this.assertEqual(await wait.call(0.0), false);
    this.assertTimingAlmostEqual(wait.elapsed, 0.0);
    this.assertEqual(await wait.call(TIMEOUT1), false);
    this.assertTimingAlmostEqual(wait.elapsed, TIMEOUT1);

    await event.set();

    // See note above on the API differences
    this.assertEqual(await event.is_set(), true);
    this.assertEqual(await wait.call(), true);
    this.assertTimingAlmostEqual(wait.elapsed, 0.0);
    this.assertEqual(await wait.call(TIMEOUT1), true);
    this.assertTimingAlmostEqual(wait.elapsed, 0.0);
    // self.assertEqual(event.is_set(), True)

    await event.clear();

    // self.assertEqual(event.is_set(), False)

    const p = new mp.Process({ target: _test_event, args: [event] });
    p.daemon = true;
    await p.start();
    this.assertEqual(await wait.call(), true);
    await p.join();
  }

  async test_repr() {
    const event = new mp.Event();
    // TYPE is 'processes' (the 'manager' branch, `<EventProxy object, …>`, is another flavour)
    this.assertRegex(await event.repr(), /<Event at .* unset>/);
    await event.set();
    this.assertRegex(await event.repr(), /<Event at .* set>/);
    await event.clear();
    this.assertRegex(await event.repr(), /<Event at .* unset>/);
  }
}

const SKIPS: Listed = {};

await main([_TestEvent], SKIPS);
