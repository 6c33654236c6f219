// Port of CPython Lib/test/_test_multiprocessing.py: _TestValue and _TestArray
// (conventions: README.md). Targets are the file's exported functions: a child re-imports the file.
// Reads and writes of shared values are awaited (`v.value` → `await v.get()`; README.md).
import * as mp from 'rankscope/multiprocessing';
import { main, TestCase, type Listed } from './unittest.js';

const latin = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const range = (n: number): number[] => [...globalThis.Array(n).keys()];

const codes_values: [string, unknown, unknown][] = [
  ['i', 4343, 24234],
  ['d', 3.625, -4.25],
  ['h', -232, 234],
  ['q', 2 ** 33, 2 ** 34],
  ['c', latin('x'), latin('y')],
];

export async function _test(values: mp.SharedValue[]) {
  for (const [i, sv] of values.entries()) await sv.set(codes_values[i][2]);
}

/** `seq[i] += seq[i-1]` over a plain list (in the parent) or a shared array (in the child). */
export async function f(seq: number[] | mp.SharedArray) {
  for (let i = 1; i < seq.length; i++) {
    if (Array.isArray(seq)) seq[i] += seq[i - 1];
    else await seq.set(i, (await seq.get(i)) + (await seq.get(i - 1)));
  }
}

class _TestValue extends TestCase {
  async test_value(raw = false) {
    const values = raw
      ? codes_values.map(([code, value]) => mp.RawValue(code, value))
      : codes_values.map(([code, value]) => new mp.Value(code, value));

    for (const [i, sv] of values.entries()) this.assertEqual(await sv.get(), codes_values[i][1]);

    const proc = new mp.Process({ target: _test, args: [values] });
    proc.daemon = true;
    await proc.start();
    await proc.join();

    for (const [i, sv] of values.entries()) this.assertEqual(await sv.get(), codes_values[i][2]);
  }

  async test_rawvalue() {
    await this.test_value(true);
  }

  async test_getobj_getlock() {
    const val1 = new mp.Value('i', 5);
    const lock1 = val1.getLock();
    const obj1 = val1.getObj();

    const val2 = new mp.Value('i', 5, { lock: null });
    const lock2 = val2.getLock();
    const obj2 = val2.getObj();

    const lock = new mp.Lock();
    const val3 = new mp.Value('i', 5, { lock });
    const lock3 = val3.getLock();
    const obj3 = val3.getObj();
    this.assertEqual(lock, lock3);
    void [lock1, obj1, lock2, obj2, obj3];

    const arr4 = new mp.Value('i', 5, { lock: false });
    this.assertNotHasAttr(arr4, 'getLock'); // and Python's spelling:
    this.assertNotHasAttr(arr4, 'get_lock');
    this.assertNotHasAttr(arr4, 'getObj');
    this.assertNotHasAttr(arr4, 'get_obj');

    await this.assertRaises(mp.AttributeError, () => new mp.Value('i', 5, { lock: 'navalue' as never }));

    const arr5 = mp.RawValue('i', 5);
    this.assertNotHasAttr(arr5, 'getLock');
    this.assertNotHasAttr(arr5, 'get_lock');
    this.assertNotHasAttr(arr5, 'getObj');
    this.assertNotHasAttr(arr5, 'get_obj');
  }

  async test_invalid_typecode() {
    await this.assertRaisesRegex(TypeError, 'bad typecode', () => new mp.Value('x', null));
    await this.assertRaisesRegex(TypeError, 'bad typecode', () => mp.RawValue('x', null));
  }
}

class _TestArray extends TestCase {
  async test_array(raw = false) {
    const seq = [680, 626, 934, 821, 150, 233, 548, 982, 714, 831];
    const arr = raw ? mp.RawArray('i', seq) : new mp.Array('i', seq);

    this.assertEqual(arr.length, seq.length);
    this.assertEqual(await arr.get(3), seq[3]);
    this.assertEqual(await arr.slice(2, 7), seq.slice(2, 7));

    // arr[4:8] = seq[4:8] = array.array('i', [1, 2, 3, 4])
    const a = Int32Array.of(1, 2, 3, 4);
    await arr.setSlice(4, 8, a);
    seq.splice(4, 4, ...a);

    this.assertEqual(await arr.slice(), seq);

    await f(seq);

    const p = new mp.Process({ target: f, args: [arr] });
    p.daemon = true;
    await p.start();
    await p.join();

    this.assertEqual(await arr.slice(), seq);
  }

  async test_array_from_size() {
    const size = 10;
    // Test for zeroing (see issue #11675).
    // The repetition below strengthens the test by increasing the chances
    // of previously allocated non-zero memory being used for the new array
    // on the 2nd and 3rd loops.
    for (let i = 0; i < 3; i++) {
      const arr = new mp.Array('i', size);
      this.assertEqual(arr.length, size);
      this.assertEqual(await arr.toArray(), new globalThis.Array(size).fill(0));
      await arr.setSlice(null, null, range(10));
      this.assertEqual(await arr.toArray(), range(10));
    }
  }

  async test_rawarray() {
    await this.test_array(true);
  }

  async test_getobj_getlock_obj() {
    const arr1 = new mp.Array('i', range(10));
    const lock1 = arr1.getLock();
    const obj1 = arr1.getObj();

    const arr2 = new mp.Array('i', range(10), { lock: null });
    const lock2 = arr2.getLock();
    const obj2 = arr2.getObj();

    const lock = new mp.Lock();
    const arr3 = new mp.Array('i', range(10), { lock });
    const lock3 = arr3.getLock();
    const obj3 = arr3.getObj();
    this.assertEqual(lock, lock3);
    void [lock1, obj1, lock2, obj2, obj3];

    const arr4 = new mp.Array('i', range(10), { lock: false });
    this.assertNotHasAttr(arr4, 'getLock'); // and Python's spelling:
    this.assertNotHasAttr(arr4, 'get_lock');
    this.assertNotHasAttr(arr4, 'getObj');
    this.assertNotHasAttr(arr4, 'get_obj');
    await this.assertRaises(mp.AttributeError, () => new mp.Array('i', range(10), { lock: 'notalock' as never }));

    const arr5 = mp.RawArray('i', range(10));
    this.assertNotHasAttr(arr5, 'getLock');
    this.assertNotHasAttr(arr5, 'get_lock');
    this.assertNotHasAttr(arr5, 'getObj');
    this.assertNotHasAttr(arr5, 'get_obj');
  }

  async test_invalid_typecode() {
    await this.assertRaisesRegex(TypeError, 'bad typecode', () => new mp.Array('x', []));
    await this.assertRaisesRegex(TypeError, 'bad typecode', () => mp.RawArray('x', []));
  }
}

const SKIPS: Listed = {};

await main([_TestValue, _TestArray], SKIPS);
