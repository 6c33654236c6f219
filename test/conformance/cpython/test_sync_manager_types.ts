/**
 * CPython `TestSyncManagerTypes` (Lib/test/_test_multiprocessing.py): every type a SyncManager
 * shares, made in the parent, then read and changed by a child (`_test_x`, run by run_worker), and
 * seen changed by the parent. Python's `assert` in a child is `check()` here: a failure makes the
 * child exit non-zero, which run_worker's `exitcode == 0` assertion reports.
 */
import * as mp from 'rankscope/multiprocessing';
import { list } from './pool_helpers.js';
import { join_process, main, monotonic, sleep, TestCase, WAIT_ACTIVE_CHILDREN_TIMEOUT } from './unittest.js';

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`assertion failed in the child: ${what}`);
}

/** A `unittest.TestCase()` a child makes for its own assertions. */
const caseIn = (): TestCase => new TestCase();

export async function _test_event(obj: mp.Event) {
  check(await obj.is_set(), 'obj.is_set()');
  await obj.wait();
  await obj.clear();
  await obj.wait(0.001);
}
export async function _test_lock(obj: mp.Lock) {
  await obj.acquire();
  await obj.locked();
}
export async function _test_rlock(obj: mp.RLock) {
  await obj.acquire();
  await obj.release();
  await obj.locked();
}
export async function _test_semaphore(obj: mp.Semaphore) {
  await obj.acquire();
}
export async function _test_condition(obj: mp.Condition) {
  await obj.acquire();
  await obj.release();
}
export async function _test_barrier(obj: mp.Barrier) {
  check(obj.parties === 5, 'obj.parties == 5');
  await obj.reset();
}
export async function _test_pool(obj: mp.PoolProxy) {
  // TODO: fix https://bugs.python.org/issue35919
  await using _p = await obj.enter();
}
export async function _test_queue(obj: mp.Queue) {
  check((await obj.qsize()) === 2, 'obj.qsize() == 2');
  check(await obj.full(), 'obj.full()');
  check(!(await obj.empty()), 'not obj.empty()');
  check((await obj.get()) === 5, 'obj.get() == 5');
  check(!(await obj.empty()), 'not obj.empty()');
  check((await obj.get()) === 6, 'obj.get() == 6');
  check(await obj.empty(), 'obj.empty()');
}
export async function _test_list(obj: mp.ListProxy) {
  const c = caseIn();
  c.assertEqual(await obj.get(0), 5);
  c.assertEqual(await obj.count(5), 1);
  c.assertEqual(await obj.index(5), 0);
  obj = await obj.iadd([7]);
  c.assertIsInstance(obj, mp.ListProxy);
  c.assertEqual(await list(obj), [5, 7]);
  obj = await obj.imul(2);
  c.assertIsInstance(obj, mp.ListProxy);
  c.assertEqual(await list(obj), [5, 7, 5, 7]);
  let double_obj = await obj.mul(2);
  c.assertIsInstance(double_obj, 'list');
  c.assertEqual(double_obj, [5, 7, 5, 7, 5, 7, 5, 7]);
  double_obj = await obj.mul(2); // 2 * obj
  c.assertIsInstance(double_obj, 'list');
  c.assertEqual(double_obj, [5, 7, 5, 7, 5, 7, 5, 7]);
  const copied_obj = await obj.copy();
  c.assertIsInstance(copied_obj, 'list');
  c.assertEqual(copied_obj, [5, 7, 5, 7]);
  await obj.extend([...double_obj, ...copied_obj]);
  await obj.sort();
  await obj.reverse();
  for await (const _x of obj);
  c.assertEqual(await obj.length(), 16);
  c.assertEqual(await obj.pop(0), 7);
  await obj.clear();
  c.assertEqual(await obj.length(), 0);
}
export async function _test_dict(obj: mp.DictProxy) {
  const c = caseIn();
  c.assertEqual(await obj.length(), 1);
  c.assertEqual(await obj.getitem('foo'), 5);
  c.assertEqual(await obj.get('foo'), 5);
  c.assertEqual(await obj.items(), [['foo', 5]]);
  c.assertEqual(await obj.keys(), ['foo']);
  c.assertEqual(await obj.values(), [5]);
  c.assertEqual(await obj.copy(), { foo: 5 });
  obj = await obj.ior({ bar: 6 });
  c.assertIsInstance(obj, mp.DictProxy);
  c.assertEqual(await obj.copy(), { foo: 5, bar: 6 });
  let x: unknown = await obj.reversed();
  c.assertIsInstance(x, 'list'); // type(iter([])): an iterator of the keys
  c.assertEqual(x, ['bar', 'foo']);
  x = await obj.ror({ bar: 7, baz: 7 });
  c.assertEqual(x, { foo: 5, bar: 6, baz: 7 });
  x = await obj.or({ bar: 7, baz: 7 });
  c.assertEqual(x, { foo: 5, bar: 7, baz: 7 });
  x = obj.fromkeys(['bar'], 6);
  c.assertEqual(x, { bar: 6 });
  x = await obj.popitem();
  c.assertIsInstance(x, 'list'); // a tuple
  c.assertEqual(x, ['bar', 6]);
  await obj.setdefault('bar', 0);
  await obj.update({ bar: 7 });
  c.assertEqual(await obj.pop('bar'), 7);
  await obj.clear();
  c.assertEqual(await obj.length(), 0);
}
export async function _test_value(obj: mp.Value) {
  const c = caseIn();
  c.assertEqual(await obj.get(), 1); // obj.value
  c.assertEqual(await obj.get(), 1);
  await obj.set(2);
}
export async function _test_array(obj: mp.Array) {
  const c = caseIn();
  c.assertEqual(await obj.get(0), 0);
  c.assertEqual(await obj.get(1), 1);
  c.assertEqual(obj.length, 2);
  c.assertEqual(await obj.toArray(), [0, 1]);
}
export async function _test_namespace(obj: mp.NamespaceProxy) {
  const c = caseIn();
  c.assertEqual(await obj.get('x'), 0);
  c.assertEqual(await obj.get('y'), 1);
}

const S = (...xs: string[]): Set<string> => new Set(xs);

export async function _test_set_operator_symbols(obj: mp.SetProxy<string>) {
  const c = caseIn();
  await obj.update(['a', 'b', 'c']);
  c.assertEqual(await obj.length(), 3);
  c.assertTrue(await obj.has('a')); // assertIn('a', obj)
  c.assertFalse(await obj.has('d')); // assertNotIn('d', obj)
  let result = await obj.or(S('d', 'e'));
  c.assertEqual(result, S('a', 'b', 'c', 'd', 'e'));
  result = await obj.ror(S('d', 'e'));
  c.assertEqual(result, S('a', 'b', 'c', 'd', 'e'));
  obj = await obj.ior(S('d', 'e'));
  c.assertEqual(await obj.copy(), S('a', 'b', 'c', 'd', 'e'));
  c.assertIsInstance(obj, mp.SetProxy);

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  result = await obj.rsub(S('a', 'b', 'd'));
  c.assertEqual(result, S('d'));
  result = await obj.sub(S('a', 'b'));
  c.assertEqual(result, S('c'));
  obj = await obj.isub(S('a', 'b'));
  c.assertEqual(await obj.copy(), S('c'));
  c.assertIsInstance(obj, mp.SetProxy);

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  result = await obj.rxor(S('b', 'c', 'd'));
  c.assertEqual(result, S('a', 'd'));
  result = await obj.xor(S('b', 'c', 'd'));
  c.assertEqual(result, S('a', 'd'));
  obj = await obj.ixor(S('b', 'c', 'd'));
  c.assertEqual(await obj.copy(), S('a', 'd'));
  c.assertIsInstance(obj, mp.SetProxy);

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  result = await obj.and(S('b', 'c', 'd'));
  c.assertEqual(result, S('b', 'c'));
  result = await obj.rand(S('b', 'c', 'd'));
  c.assertEqual(result, S('b', 'c'));
  obj = await obj.iand(S('b', 'c', 'd'));
  c.assertEqual(await obj.copy(), S('b', 'c'));
  c.assertIsInstance(obj, mp.SetProxy);

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  c.assertEqual(await obj.copy(), S('a', 'b', 'c'));
}
export async function _test_set_operator_methods(obj: mp.SetProxy<string>) {
  const c = caseIn();
  await obj.add('d');
  c.assertTrue(await obj.has('d'));

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  const copy_obj = await obj.copy();
  c.assertEqual(copy_obj, await obj.copy());
  await obj.remove('a');
  c.assertFalse(await obj.has('a'));
  await c.assertRaises(mp.KeyError, () => obj.remove('a'));

  await obj.clear();
  await obj.update(['a']);
  await obj.discard('a');
  c.assertFalse(await obj.has('a'));
  await obj.discard('a');
  c.assertFalse(await obj.has('a'));
  await obj.update(['a']);
  const popped = await obj.pop();
  c.assertFalse(await obj.has(popped));

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  let result = await obj.intersection(S('b', 'c', 'd'));
  c.assertEqual(result, S('b', 'c'));
  await obj.intersection_update(S('b', 'c', 'd'));
  c.assertEqual(await obj.copy(), S('b', 'c'));

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  result = await obj.difference(S('a', 'b'));
  c.assertEqual(result, S('c'));
  await obj.difference_update(S('a', 'b'));
  c.assertEqual(await obj.copy(), S('c'));

  await obj.clear();
  await obj.update(['a', 'b', 'c']);
  result = await obj.symmetric_difference(S('b', 'c', 'd'));
  c.assertEqual(result, S('a', 'd'));
  await obj.symmetric_difference_update(S('b', 'c', 'd'));
  c.assertEqual(await obj.copy(), S('a', 'd'));
}
export async function _test_set_comparisons(obj: mp.SetProxy<string>) {
  const c = caseIn();
  await obj.update(['a', 'b', 'c']);
  const result = await obj.union(S('d', 'e'));
  c.assertEqual(result, S('a', 'b', 'c', 'd', 'e'));
  c.assertTrue(await obj.isdisjoint(S('d', 'e')));
  c.assertFalse(await obj.isdisjoint(S('a', 'd')));

  c.assertTrue(await obj.issubset(S('a', 'b', 'c', 'd')));
  c.assertFalse(await obj.issubset(S('a', 'b')));
  c.assertTrue(await obj.lt(S('a', 'b', 'c', 'd'))); // assertLess(obj, {...})
  c.assertTrue(await obj.le(S('a', 'b', 'c'))); // assertLessEqual

  c.assertTrue(await obj.issuperset(S('a', 'b')));
  c.assertFalse(await obj.issuperset(S('a', 'b', 'd')));
  c.assertTrue(await obj.gt(S('a'))); // assertGreater
  c.assertTrue(await obj.ge(S('a', 'b'))); // assertGreaterEqual
}

/** Python's set dunders → a set proxy's methods (`__class_getitem__`: SetProxy is generic, `SetProxy<string>`). */
const SET_METHODS: Record<string, string | symbol> = {
  __and__: 'and', __contains__: 'has', __iand__: 'iand', __ior__: 'ior', __isub__: 'isub', __iter__: Symbol.asyncIterator, __ixor__: 'ixor', __len__: 'length',
  __or__: 'or', __rand__: 'rand', __ror__: 'ror', __rsub__: 'rsub', __rxor__: 'rxor', __sub__: 'sub', __xor__: 'xor', __ge__: 'ge', __gt__: 'gt', __le__: 'le', __lt__: 'lt',
};

export class TestSyncManagerTypes extends TestCase {
  manager!: mp.SyncManager;
  proc: mp.Process | null = null;

  override async setUp() {
    this.manager = new mp.SyncManager();
    await this.manager.start();
    this.proc = null;
  }

  override async tearDown() {
    if (this.proc !== null && this.proc.isAlive()) {
      this.proc.terminate();
      await this.proc.join();
    }
    await this.manager.shutdown();
    this.proc = null;
  }

  async wait_proc_exit() {
    // Only the manager process should be returned by active_children() (none here: it is this one).
    await join_process(this.proc!);
    const start_time = monotonic();
    while (monotonic() - start_time < WAIT_ACTIVE_CHILDREN_TIMEOUT && mp.activeChildren().length > 1) await sleep(0.1);
  }

  async run_worker(worker: (obj: any) => Promise<void>, obj: unknown) {
    this.proc = new mp.Process({ target: worker, args: [obj] });
    this.proc.daemon = true;
    await this.proc.start();
    await this.wait_proc_exit();
    this.assertEqual(this.proc.exitCode, 0);
  }

  async test_event() {
    const o = this.manager.Event();
    await o.set();
    await this.run_worker(_test_event, o);
    check(!(await o.is_set()), 'not o.is_set()');
    await o.wait(0.001);
  }

  async test_lock(lname: 'Lock' | 'RLock' = 'Lock') {
    const o = this.manager[lname]();
    await this.run_worker(_test_lock, o);
    await o.release();
    await this.assertRaises(mp.RuntimeError, () => o.release()); // already released
  }

  async test_rlock(lname: 'RLock' = 'RLock') {
    const o = this.manager[lname]();
    await this.run_worker(_test_rlock, o);
  }

  async test_semaphore(sname: 'Semaphore' | 'BoundedSemaphore' = 'Semaphore') {
    const o = this.manager[sname]();
    await this.run_worker(_test_semaphore, o);
    await o.release();
  }

  async test_bounded_semaphore() {
    await this.test_semaphore('BoundedSemaphore');
  }

  async test_condition() {
    const o = this.manager.Condition();
    await this.run_worker(_test_condition, o);
  }

  async test_barrier() {
    const o = this.manager.Barrier(5);
    await this.run_worker(_test_barrier, o);
  }

  async test_pool() {
    const o = this.manager.Pool({ processes: 4 });
    await this.run_worker(_test_pool, o);
  }

  async test_queue(qname: 'Queue' | 'JoinableQueue' = 'Queue') {
    const o = this.manager[qname](2);
    await o.put(5);
    await o.put(6);
    await this.run_worker(_test_queue, o);
    check(await o.empty(), 'o.empty()');
    check(!(await o.full()), 'not o.full()');
  }

  async test_joinable_queue() {
    await this.test_queue('JoinableQueue');
  }

  async test_list() {
    const o = this.manager.list();
    await o.append(5);
    await this.run_worker(_test_list, o);
    this.assertIsNotNone(o);
    this.assertEqual(await o.length(), 0);
  }

  async test_dict() {
    const o = this.manager.dict();
    await o.set('foo', 5);
    await this.run_worker(_test_dict, o);
    this.assertIsNotNone(o);
    this.assertEqual(await o.length(), 0);
  }

  async test_value() {
    const o = this.manager.Value('i', 1);
    await this.run_worker(_test_value, o);
    this.assertEqual(await o.get(), 2); // o.value
    this.assertEqual(await o.get(), 2);
  }

  async test_array() {
    const o = this.manager.Array('i', [0, 1]);
    await this.run_worker(_test_array, o);
  }

  async test_namespace() {
    const o = this.manager.Namespace();
    await o.set('x', 0);
    await o.set('y', 1);
    await this.run_worker(_test_namespace, o);
  }

  async test_set() {
    let o = this.manager.set();
    await this.run_worker(_test_set_operator_symbols, o);
    o = this.manager.set();
    await this.run_worker(_test_set_operator_methods, o);
    o = this.manager.set();
    await this.run_worker(_test_set_comparisons, o);
  }

  async test_set_init() {
    let o = this.manager.set(S('a', 'b', 'c'));
    this.assertEqual(await o.copy(), S('a', 'b', 'c'));
    o = this.manager.set(['a', 'b', 'c']);
    this.assertEqual(await o.copy(), S('a', 'b', 'c'));
    o = this.manager.set({ a: 1, b: 2, c: 3 });
    this.assertEqual(await o.copy(), S('a', 'b', 'c'));
    await this.assertRaises(mp.RemoteError, () => this.manager.set(1234 as never));
  }

  async test_set_contain_all_method() {
    const o = this.manager.set();
    const set_methods = [
      '__and__', '__class_getitem__', '__contains__', '__iand__', '__ior__', '__isub__', '__iter__', '__ixor__', '__len__', '__or__', '__rand__',
      '__ror__', '__rsub__', '__rxor__', '__sub__', '__xor__', '__ge__', '__gt__', '__le__', '__lt__',
      'add', 'clear', 'copy', 'difference', 'difference_update', 'discard', 'intersection', 'intersection_update', 'isdisjoint', 'issubset',
      'issuperset', 'pop', 'remove', 'symmetric_difference', 'symmetric_difference_update', 'union', 'update',
    ];
    // assertLessEqual(set_methods, set(dir(o))): each one is there
    const missing = set_methods.filter((m) => (m === '__class_getitem__' ? typeof mp.SetProxy !== 'function' : typeof (o as any)[SET_METHODS[m] ?? m] !== 'function'));
    this.assertEqual(missing, []);
  }
}

await main([TestSyncManagerTypes]);
