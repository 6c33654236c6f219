// Port of mpi4py test/test_op.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { AssertionError, bool, main, TestCase } from './unittest.js';

type Datatype = InstanceType<typeof MPI.Datatype>;
type Op = InstanceType<typeof MPI.Op>;

/** Python's `assert` in a user function. */
function assert(cond: boolean, what: string): void {
  if (!cond) throw new AssertionError(what);
}

/** `asarray(typecode, data)`: a copy of the bytes of `data` as an array of `typecode` ('i' only here). */
function asarray(_typecode: 'i', data: ArrayBufferView): Int32Array {
  return new Int32Array(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer);
}

function mysum_obj(a: ArrayLike<number>, b: number[] | Int32Array): number[] | Int32Array {
  for (let i = 0; i < a.length; i++) b[i] = a[i] + b[i];
  return b;
}

function mysum_buf(a: Int32Array, b: Int32Array, dt: Datatype): void {
  assert(dt === MPI.INT, 'dt == MPI.INT');
  assert(a.length === b.length, 'len(a) == len(b)');
  b.set(mysum_obj(asarray('i', a), asarray('i', b)));
}

// The buffer convention's result is in b; the object convention's is returned.
function mysum(ba: any, bb: any, dt: Datatype | null): any {
  if (dt === null) return mysum_obj(ba, bb);
  return mysum_buf(ba, bb, dt);
}

function mybor(a: Uint8Array, b: Uint8Array, dt: Datatype | null): void {
  assert(dt === MPI.BYTE, 'dt == MPI.BYTE');
  assert(a.length === b.length, 'len(a) == len(b)');
  for (let i = 0; i < a.length; i++) b[i] = a[i] | b[i];
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

class TestOp extends TestCase {
  //
  testConstructor() {
    const op = new MPI.Op();
    this.assertFalse(op);
    this.assertEqual(op, MPI.OP_NULL);
  }

  async testCreate() {
    for (const comm of [MPI.COMM_SELF, MPI.COMM_WORLD]) {
      for (const commute of [true, false]) {
        for (const N of range(4)) {
          const myop = MPI.Op.Create(mysum, commute);
          this.assertFalse(myop.is_predefined);
          try {
            const size = comm.Get_size();
            const rank = comm.Get_rank();
            let a = Int32Array.from(range(N), (i) => i * (rank + 1));
            let b = new Int32Array(a.length);
            await comm.Allreduce([a, MPI.INT], [b, MPI.INT], myop);
            const scale = range(size + 1).reduce((x, y) => x + y, 0);
            for (const i of range(N)) this.assertEqual(b[i], scale * i);
            let res = myop(a, b);
            this.assertIs(res, b);
            for (const i of range(N)) this.assertEqual(b[i], a[i] + scale * i);
            let myop2: Op | null = new MPI.Op(myop);
            a = new Int32Array(N).fill(1);
            b = new Int32Array(N).fill(2);
            res = myop2(a, b);
            this.assertIs(res, b);
            for (const i of range(N)) this.assertEqual(b[i], 3);
            myop2 = null;
          } finally {
            myop.Free();
          }
        }
      }
    }
  }

  async testCreateMany() {
    const MAX_USER_OP = 32; // max user-defined operations
    // create
    let ops: Op[] = [];
    for (const _i of range(MAX_USER_OP)) ops.push(MPI.Op.Create(mysum));
    // Python's RuntimeError for too many ops is MPI.OpError here (README.md).
    await this.assertRaises(MPI.OpError, () => MPI.Op.Create(mysum));
    // cleanup
    for (const o of ops) o.Free();
    // another round
    ops = [];
    for (const _i of range(MAX_USER_OP)) ops.push(MPI.Op.Create(mybor));
    await this.assertRaises(MPI.OpError, () => MPI.Op.Create(mybor));
    // local reductions
    await this.catchNotImplementedError(undefined, 0, () => {
      const b1 = new Uint8Array(3).fill(2);
      const b2 = new Uint8Array(3).fill(4);
      for (const op of ops) {
        const ibuf = [b1, MPI.BYTE];
        const obuf = [b2, MPI.BYTE];
        op.Reduce_local(ibuf, obuf);
        for (const i of range(3)) {
          this.assertEqual(b1[i], 2);
          this.assertEqual(b2[i], 6);
        }
      }
    });
    // pickling support: skipped part (README.md), __reduce__ and toint/fromint handles.
    // cleanup
    for (const op of ops) op.Free();
  }

  private _test_call(op: Op, args: [unknown, unknown], res: unknown) {
    this.assertEqual(op(...args), res);
    this.assertEqual(new MPI.Op(op)(...args), res);
  }

  async testCall() {
    const opNull = MPI.OP_NULL as unknown as (...xs: unknown[]) => unknown;
    await this.assertRaises(TypeError, () => opNull());
    await this.assertRaises(TypeError, () => opNull(null));
    // Python's ValueError for calling the null op is MPI.OpError here (README.md).
    await this.assertRaises(MPI.Exception, () => opNull(null, null));
    this._test_call(MPI.MIN, [2, 3], 2);
    this._test_call(MPI.MAX, [2, 3], 3);
    this._test_call(MPI.SUM, [2, 3], 5);
    this._test_call(MPI.PROD, [2, 3], 6);
    for (const x of [false, true]) {
      for (const y of [false, true]) {
        this._test_call(MPI.LAND, [x, y], x && y);
        this._test_call(MPI.LOR, [x, y], x || y);
        this._test_call(MPI.LXOR, [x, y], x !== y);
      }
    }
    for (const x of range(5)) {
      for (const y of range(5)) {
        this._test_call(MPI.BAND, [x, y], x & y);
        this._test_call(MPI.BOR, [x, y], x | y);
        this._test_call(MPI.BXOR, [x, y], x ^ y);
      }
    }
    if (bool(MPI.REPLACE)) {
      this._test_call(MPI.REPLACE, [2, 3], 3);
      this._test_call(MPI.REPLACE, [3, 2], 2);
    }
    if (bool(MPI.NO_OP)) {
      this._test_call(MPI.NO_OP, [2, 3], 2);
      this._test_call(MPI.NO_OP, [3, 2], 3);
    }
  }

  testMinMax() {
    const x = [1];
    const y = [1];
    let res = MPI.MIN(x, y);
    this.assertEqual(res, x);
    res = MPI.MAX(x, y);
    this.assertEqual(res, x);
  }

  testMinMaxLoc() {
    let x: unknown = [1];
    let i: unknown = [2];
    let u = [x, i];
    let y: unknown = [2];
    let j: unknown = [1];
    let v = [y, j];
    let res = MPI.MINLOC(u, v);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    res = MPI.MINLOC(v, u);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    res = MPI.MAXLOC(u, v);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
    res = MPI.MAXLOC(v, u);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
    //
    [x, i] = [[1], 0];
    u = [x, i];
    [y, j] = [[1], 1];
    v = [y, j];
    res = MPI.MINLOC(u, v);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    res = MPI.MAXLOC(u, v);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    //
    [x, i] = [[1], 1];
    u = [x, i];
    [y, j] = [[1], 0];
    v = [y, j];
    res = MPI.MINLOC(u, v);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
    res = MPI.MAXLOC(u, v);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
    //
    [x, i] = [[1], [0]];
    u = [x, i];
    [y, j] = [[1], [1]];
    v = [y, j];
    res = MPI.MINLOC(u, v);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    res = MPI.MAXLOC(u, v);
    this.assertIs(res[0], x);
    this.assertIs(res[1], i);
    //
    [x, i] = [[1], [1]];
    u = [x, i];
    [y, j] = [[1], [0]];
    v = [y, j];
    res = MPI.MINLOC(u, v);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
    res = MPI.MAXLOC(u, v);
    this.assertIs(res[0], y);
    this.assertIs(res[1], j);
  }

  testIsCommutative() {
    const ops = [MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD, MPI.LAND, MPI.BAND, MPI.LOR, MPI.BOR, MPI.LXOR, MPI.BXOR, MPI.MAXLOC, MPI.MINLOC];
    for (const op of ops) {
      const flag = op.Is_commutative();
      this.assertEqual(flag, op.is_commutative);
      this.assertTrue(flag);
    }
  }

  testIsCommutativeExtra() {
    const ops = [MPI.REPLACE, MPI.NO_OP];
    for (const op of ops) {
      if (!bool(op)) continue;
      const flag = op.Is_commutative();
      this.assertEqual(flag, op.is_commutative);
      // self.assertFalse(flag)
    }
  }

  testIsPredefined() {
    this.assertTrue(MPI.OP_NULL.is_predefined);
    const ops = [MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD, MPI.LAND, MPI.BAND, MPI.LOR, MPI.BOR, MPI.LXOR, MPI.BXOR, MPI.MAXLOC, MPI.MINLOC];
    for (const op of ops) this.assertTrue(op.is_predefined);
  }

  // testPicklePredefined, testPickleUserDefined: skipped (README.md), Python's pickle of MPI handles.
  testPicklePredefined() {}
  testPickleUserDefined() {}
}

await main([TestOp], {
  'TestOp.testPicklePredefined': "Python's pickle of MPI.Op handles; structured clone (MPI.pickle) cannot carry a function or keep a class",
  'TestOp.testPickleUserDefined': "Python's pickle of a user-defined MPI.Op (a registered Python function); structured clone cannot carry a function",
});
