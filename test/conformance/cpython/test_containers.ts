/**
 * CPython `_TestContainers` (Lib/test/_test_multiprocessing.py): a manager's list, dict and
 * Namespace proxies, nested proxies and queues inside them. The class runs in CPython's 'manager'
 * flavour only; here the manager is `await mp.Manager()` of the main process (README.md).
 * Python's operators on a proxy are its awaited methods (`a[i]` → `get(i)`, `a[:]` → `slice()`,
 * `d[k]` → `getitem(k)`, `d[k] = v` → `set(k, v)`, `len(a)` → `length()`, `iter(a)` → the async iterator).
 */
import * as mp from 'rankscope/multiprocessing';
import { list, next, range, sorted } from './pool_helpers.js';
import { main, TestCase } from './unittest.js';

const chr = (i: number): string => String.fromCharCode(i);
const iter = <T>(x: AsyncIterable<T>): AsyncIterator<T> => x[Symbol.asyncIterator]();

/** MutableSequence's methods (Python's names) → a list proxy's. */
const LIST_METHODS: Record<string, string> = {
  __contains__: 'includes', __delitem__: 'delete', __getitem__: 'get', __iadd__: 'iadd', __len__: 'length', __reversed__: 'reversed', __setitem__: 'set',
};
/** MutableMapping's methods → a dict proxy's (`!=` is `!equals`). */
const DICT_METHODS: Record<string, string | symbol> = {
  __contains__: 'has', __delitem__: 'delete', __eq__: 'equals', __getitem__: 'getitem', __iter__: Symbol.asyncIterator, __len__: 'length', __ne__: 'equals', __setitem__: 'set',
};

export class _TestContainers extends TestCase {
  static manager: mp.SyncManager | null = null;
  private mgr!: mp.SyncManager;

  override async setUp() {
    this.mgr = _TestContainers.manager ??= await mp.Manager();
  }
  list(init?: Iterable<unknown>) {
    return this.mgr.list(init);
  }
  dict(init?: Record<string, unknown>) {
    return this.mgr.dict(init);
  }

  async test_list() {
    const a = this.list(range(10));
    this.assertEqual(await a.slice(), range(10));

    const b = this.list();
    this.assertEqual(await b.slice(), []);

    await b.extend(range(5));
    this.assertEqual(await b.slice(), range(5));

    this.assertEqual(await b.get(2), 2);
    this.assertEqual(await b.slice(2, 10), [2, 3, 4]);

    await b.imul(2);
    this.assertEqual(await b.slice(), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);

    this.assertEqual(await b.add([5, 6]), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6]);

    this.assertEqual(await a.slice(), range(10));

    const d = [a, b];
    const e = this.list(d);
    const sliced: unknown[] = [];
    for await (const element of e) sliced.push(await element.slice());
    this.assertEqual(sliced, [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]]);

    const f = this.list([a]);
    await a.append('hello');
    this.assertEqual(await (await f.get(0)).slice(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'hello']);
  }

  async test_list_isinstance() {
    const a = this.list();
    this.assertIsInstance(a, mp.ListProxy); // collections.abc.MutableSequence

    const mutable_sequence_methods = ['__contains__', '__delitem__', '__getitem__', '__iadd__', '__len__', '__reversed__', '__setitem__', 'append', 'clear', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse'];
    for (const name of mutable_sequence_methods) {
      await this.subTest({ name }, () => this.assertTrue(typeof (a as any)[LIST_METHODS[name] ?? name] === 'function'));
    }
  }

  async test_list_iter() {
    const a = this.list(range(10));
    let it = iter(a);
    this.assertEqual(await list({ [Symbol.asyncIterator]: () => it }), range(10));
    this.assertEqual(await list({ [Symbol.asyncIterator]: () => it }), []); // exhausted
    // list modified during iteration
    it = iter(a);
    await a.set(0, 100);
    this.assertEqual(await next(it), 100);
  }

  async test_list_proxy_in_list() {
    const a = this.list(range(3).map(() => this.list(range(3))));
    const inners: unknown[] = [];
    for await (const inner of a) inners.push(await inner.slice());
    this.assertEqual(inners, [[0, 1, 2], [0, 1, 2], [0, 1, 2]]);

    await (await a.get(0)).set(-1, 55);
    this.assertEqual(await (await a.get(0)).slice(), [0, 1, 55]);
    for (const i of range(1, 3)) this.assertEqual(await (await a.get(i)).slice(), [0, 1, 2]);

    this.assertEqual(await (await a.get(1)).pop(), 2);
    this.assertEqual(await (await a.get(1)).length(), 2);
    for (const i of range(0, 3, 2)) this.assertEqual(await (await a.get(i)).length(), 3);

    const b = this.list();
    await b.append(b);
  }

  async test_dict() {
    const d = this.dict();
    const indices = range(65, 70);
    for (const i of indices) await d.set(i, chr(i));
    this.assertEqual(await d.copy(), Object.fromEntries(indices.map((i) => [i, chr(i)])));
    this.assertEqual(sorted(await d.keys()), indices);
    this.assertEqual(sorted(await d.values()), indices.map(chr));
    this.assertEqual(sorted(await d.items()), indices.map((i) => [i, chr(i)]));
  }

  async test_dict_isinstance() {
    const a = this.dict();
    this.assertIsInstance(a, mp.DictProxy); // collections.abc.MutableMapping

    const mutable_mapping_methods = ['__contains__', '__delitem__', '__eq__', '__getitem__', '__iter__', '__len__', '__ne__', '__setitem__', 'clear', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values'];
    for (const name of mutable_mapping_methods) {
      await this.subTest({ name }, () => this.assertTrue(typeof (a as any)[DICT_METHODS[name] ?? name] === 'function'));
    }
  }

  async test_dict_iter() {
    const d = this.dict();
    const indices = range(65, 70);
    for (const i of indices) await d.set(i, chr(i));
    let it = iter(d);
    this.assertEqual(await list({ [Symbol.asyncIterator]: () => it }), indices);
    this.assertEqual(await list({ [Symbol.asyncIterator]: () => it }), []); // exhausted
    // dictionary changed size during iteration
    it = iter(d);
    await d.clear();
    await this.assertRaises(mp.RuntimeError, () => next(it));
  }

  async test_dict_proxy_nested() {
    let pets: mp.DictProxy | null = this.dict({ ferrets: 2, hamsters: 4 });
    let supplies: mp.DictProxy | null = this.dict({ water: 10, feed: 3 });
    const d = this.dict({ pets, supplies });

    this.assertEqual(await supplies.getitem('water'), 10);
    this.assertEqual(await (await d.getitem('supplies')).getitem('water'), 10);

    await (await d.getitem('supplies')).set('blankets', 5);
    this.assertEqual(await supplies.getitem('blankets'), 5);
    this.assertEqual(await (await d.getitem('supplies')).getitem('blankets'), 5);

    await (await d.getitem('supplies')).set('water', 7);
    this.assertEqual(await supplies.getitem('water'), 7);
    this.assertEqual(await (await d.getitem('supplies')).getitem('water'), 7);

    pets = supplies = null; // eslint-disable-line no-useless-assignment -- Python's `del pets, supplies`: the proxies go, the shared objects must stay
    this.assertEqual(await (await d.getitem('pets')).getitem('ferrets'), 2);
    await (await d.getitem('supplies')).set('blankets', 11);
    this.assertEqual(await (await d.getitem('supplies')).getitem('blankets'), 11);

    pets = (await d.getitem('pets')) as mp.DictProxy;
    supplies = (await d.getitem('supplies')) as mp.DictProxy;
    await supplies.set('water', 7);
    this.assertEqual(await supplies.getitem('water'), 7);
    this.assertEqual(await (await d.getitem('supplies')).getitem('water'), 7);

    await d.clear();
    this.assertEqual(await d.length(), 0);
    this.assertEqual(await supplies.getitem('water'), 7);
    this.assertEqual(await pets.getitem('hamsters'), 4);

    const l = this.list([pets, supplies]);
    await (await l.get(0)).set('marmots', 1);
    this.assertEqual(await pets.getitem('marmots'), 1);
    this.assertEqual(await (await l.get(0)).getitem('marmots'), 1);

    pets = supplies = null; // eslint-disable-line no-useless-assignment -- Python's `del pets, supplies`: the proxies go, the shared objects must stay
    this.assertEqual(await (await l.get(0)).getitem('marmots'), 1);

    const outer = this.list([[88, 99], l]);
    this.assertIsInstance(await outer.get(0), 'list'); // Not a ListProxy
    this.assertEqual(await (await (await outer.get(-1)).get(-1)).getitem('feed'), 3);
  }

  async test_nested_queue() {
    const a = this.list(); // Test queue inside list
    await a.append(this.mgr.Queue());
    await (await a.get(0)).put(123);
    this.assertEqual(await (await a.get(0)).get(), 123);
    const b = this.dict(); // Test queue inside dict
    await b.set(0, this.mgr.Queue());
    await (await b.getitem(0)).put(456);
    this.assertEqual(await (await b.getitem(0)).get(), 456);
  }

  async test_namespace() {
    const n = this.mgr.Namespace();
    await n.set('name', 'Bob');
    await n.set('job', 'Builder');
    await n.set('_hidden', 'hidden');
    this.assertEqual([await n.get('name'), await n.get('job')], ['Bob', 'Builder']);
    await n.delete('job');
    this.assertEqual(await n.repr(), "Namespace(name='Bob')");
    this.assertTrue(await n.has('name')); // assertHasAttr
    this.assertFalse(await n.has('job')); // assertNotHasAttr
  }
}

await main([_TestContainers]);
await _TestContainers.manager?.shutdown();
