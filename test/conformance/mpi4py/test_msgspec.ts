// Port of mpi4py test/test_msgspec.py (conventions: README.md). Buffer specifications: the
// forms mpi4py accepts and the errors of malformed ones. Classes about Python-only buffer
// backends (numpy, cupy, numba, DLPack, CUDA array interface) and RMA are not ported (README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

type Datatype = InstanceType<typeof MPI.Datatype>;
type Arr = Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array | Float32Array | Float64Array;

/** `MPI.Datatype.fromcode(typecode)` for the typecodes below. */
const TYPEMAP: Record<string, Datatype> = {
  b: MPI.SIGNED_CHAR, h: MPI.SHORT, i: MPI.INT, l: MPI.LONG,
  B: MPI.UNSIGNED_CHAR, H: MPI.UNSIGNED_SHORT, I: MPI.UNSIGNED, L: MPI.UNSIGNED_LONG,
  f: MPI.FLOAT, d: MPI.DOUBLE,
};
const typemap = (typecode: string): Datatype => TYPEMAP[typecode];

/** Python's `array.array(typecode, initializer)` over typed arrays (`l`/`L` hold bigints). */
function array(typecode: string, initializer: number[]): Arr {
  const kinds: Record<string, new (n: number) => Arr> = {
    b: Int8Array, h: Int16Array, i: Int32Array, l: BigInt64Array, B: Uint8Array, H: Uint16Array, I: Uint32Array, L: BigUint64Array, f: Float32Array, d: Float64Array,
  };
  const a = new kinds[typecode](initializer.length);
  initializer.forEach((x, i) => ((a as any)[i] = a instanceof BigInt64Array || a instanceof BigUint64Array ? BigInt(x) : x));
  return a;
}

const range = (a: number, b?: number): number[] => (b === undefined ? [...Array(a).keys()] : [...Array(Math.max(b - a, 0)).keys()].map((i) => i + a));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const zip = (a: ArrayLike<unknown>, b: ArrayLike<unknown>): [unknown, unknown][] => range(Math.min(a.length, b.length)).map((i) => [a[i], b[i]]);
const slice = (a: Arr, from: number, to?: number): Arr => a.slice(from, to) as Arr;

async function Sendrecv(smsg: unknown, rmsg: unknown): Promise<void> {
  await MPI.COMM_SELF.Sendrecv(smsg as never, { dest: 0, sendtag: 0, recvbuf: rmsg as never, source: 0, recvtag: 0, status: new MPI.Status() });
}

class TestMessageSimple extends TestCase {
  // Python's ValueError and KeyError (bad typecode) for a malformed specification are MPI.Exception
  // subclasses here, and so is its TypeError for something that is not a buffer (README.md).
  async testMessageBad() {
    let buf: unknown = MPI.Alloc_mem(5);
    const empty = [null, 0, 'B'];
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, 0, 'i', null], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, '\0'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, -1, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, -1, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, +2, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([null, 1, 0, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, null, 0, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, 1, MPI.DATATYPE_NULL], empty));
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, null, 0, MPI.DATATYPE_NULL], empty));
    await this.catchNotImplementedError(2, 0, async () => {
      const t = MPI.INT.Create_resized(0, -4).Commit();
      await this.assertRaises(MPI.Exception, () => Sendrecv([buf, null, t], empty));
      await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 0, 1, t], empty));
      t.Free();
    });
    MPI.Free_mem(buf as Uint8Array);
    buf = [1, 2, 3, 4];
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 4, 0, 'i'], empty));
    buf = { 1: 2, 3: 4 };
    await this.assertRaises(MPI.Exception, () => Sendrecv([buf, 4, 0, 'i'], empty));
    // Sendrecv(b"abc", b"abc"): skipped part (README.md), a read-only receive buffer.
    await this.assertRaises(MPI.Exception, () => Sendrecv(Object, empty));
  }

  async testMessageNone() {
    let empty: unknown[] = [null, 0, 'B'];
    await Sendrecv(empty, empty);
    empty = [null, 'B'];
    await Sendrecv(empty, empty);
  }

  async testMessageBottom() {
    let empty: unknown[] = [MPI.BOTTOM, 0, 'B'];
    await Sendrecv(empty, empty);
    empty = [MPI.BOTTOM, 'B'];
    await Sendrecv(empty, empty);
  }

  async testMessageBytes() {
    const sbuf = bytes('abc');
    const rbuf = new Uint8Array(3);
    await Sendrecv([sbuf, 'c'], [rbuf, MPI.CHAR]);
    this.assertEqual(sbuf, rbuf);
  }

  async testMessageBytearray() {
    const sbuf = bytes('abc');
    const rbuf = new Uint8Array(3);
    await Sendrecv([sbuf, 'c'], [rbuf, MPI.CHAR]);
    this.assertEqual(sbuf, rbuf);
  }

  async testMessageMemoryView() {
    const sbuf = bytes('abc').subarray(0);
    const rbuf = new Uint8Array(3);
    await Sendrecv([sbuf, 'c'], [rbuf, MPI.CHAR]);
    this.assertEqual(sbuf, rbuf);
    // Sendrecv([rbuf, "c"], [sbuf, "c"]) raising: skipped part (README.md), a read-only memoryview.
  }
}

class TestMessageBlock extends TestCase {
  //
  async testMessageBad() {
    const comm = MPI.COMM_WORLD;
    if (comm.Get_size() < 2) this.skipTest('mpi-world-size<2');
    const buf = MPI.Alloc_mem(4);
    const empty = [null, 0, 'B'];
    await this.assertRaises(MPI.Exception, () => comm.Alltoall([buf, null, 'i'], empty as never));
    MPI.Free_mem(buf);
  }
}

type Check = (z: Arr, s: Arr, r: Arr, typecode: string) => Promise<void>;

/** mpi4py's BaseTestMessageSimpleArray (a mixin: run through the classes below). */
class BaseTestMessageSimpleArray extends TestCase {
  //
  TYPECODES = 'bhil' + 'BHIL' + 'fd';

  array(typecode: string, initializer: number[]): Arr {
    return array(typecode, initializer);
  }

  check1: Check = async (z, s, r) => {
    r.set(z as never);
    await Sendrecv(s, r);
    for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
  };

  check2: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      r.set(z as never);
      await Sendrecv([s, typespec], [r, typespec]);
      for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
    }
  };

  check3: Check = async (z, s, r) => {
    const size = r.length;
    for (const count of range(size)) {
      r.set(z as never);
      await Sendrecv([s, count], [r, count]);
      for (const i of range(count)) this.assertEqual(r[i], s[i]);
      for (const i of range(count, size)) this.assertEqual(r[i], z[0]);
    }
    for (const count of range(size)) {
      r.set(z as never);
      await Sendrecv([s, [count, null]], [r, [count, null]]);
      for (const i of range(count)) this.assertEqual(r[i], s[i]);
      for (const i of range(count, size)) this.assertEqual(r[i], z[0]);
    }
    for (const disp of range(size)) {
      r.set(z as never);
      await Sendrecv([s, [null, disp]], [r, [null, disp]]);
      for (const i of range(disp)) this.assertEqual(r[i], z[0]);
      for (const i of range(disp, size)) this.assertEqual(r[i], s[i]);
    }
    for (const disp of range(size)) {
      for (const count of range(size - disp)) {
        r.set(z as never);
        await Sendrecv([s, [count, disp]], [r, [count, disp]]);
        for (const i of range(disp)) this.assertEqual(r[i], z[0]);
        for (const i of range(disp, disp + count)) this.assertEqual(r[i], s[i]);
        for (const i of range(disp + count, size)) this.assertEqual(r[i], z[0]);
      }
    }
  };

  check4: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const count of [null, s.length]) {
        r.set(z as never);
        await Sendrecv([s, count, typespec], [r, count, typespec]);
        for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
      }
    }
  };

  check5: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const p of range(s.length)) {
        r.set(z as never);
        await Sendrecv([s, [p, null], typespec], [r, [p, null], typespec]);
        for (const [a, b] of zip(slice(s, 0, p), slice(r, 0, p))) this.assertEqual(a, b);
        for (const q of range(p, s.length)) {
          const [count, displ] = [q - p, p];
          r.set(z as never);
          await Sendrecv([s, [count, displ], typespec], [r, [count, displ], typespec]);
          for (const [a, b] of zip(slice(r, 0, p), slice(z, 0, p))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, p, q), slice(s, p, q))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, q), slice(z, q))) this.assertEqual(a, b);
        }
      }
    }
  };

  check6: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const p of range(s.length)) {
        r.set(z as never);
        await Sendrecv([s, p, null, typespec], [r, p, null, typespec]);
        for (const [a, b] of zip(slice(s, 0, p), slice(r, 0, p))) this.assertEqual(a, b);
        for (const q of range(p, s.length)) {
          const [count, displ] = [q - p, p];
          r.set(z as never);
          await Sendrecv([s, count, displ, typespec], [r, count, displ, typespec]);
          for (const [a, b] of zip(slice(r, 0, p), slice(z, 0, p))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, p, q), slice(s, p, q))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, q), slice(z, q))) this.assertEqual(a, b);
        }
      }
    }
  };

  async check(test: Check) {
    for (const t of this.TYPECODES) {
      for (const n of range(1, 10)) {
        const z = this.array(t, Array(n).fill(0));
        const s = this.array(t, range(n));
        const r = this.array(t, Array(n).fill(0));
        await test(z, s, r, t);
      }
    }
  }

  testArray1() {
    return this.check(this.check1);
  }

  testArray2() {
    return this.check(this.check2);
  }

  testArray3() {
    return this.check(this.check3);
  }

  testArray4() {
    return this.check(this.check4);
  }

  testArray5() {
    return this.check(this.check5);
  }

  testArray6() {
    return this.check(this.check6);
  }

}

class TestMessageSimpleArray extends BaseTestMessageSimpleArray {
  // testBuffer: skipped (README.md), mpi4py's MPI.buffer over Python's buffer protocol.
  testBuffer() {}
}

async function Alltoallv(smsg: unknown, rmsg: unknown): Promise<void> {
  const comm = MPI.COMM_SELF;
  await comm.Alltoallv(smsg as never, rmsg as never);
}

class TestMessageVector extends TestCase {
  // Python's ValueError, KeyError and TypeError here: MPI.Exception subclasses (README.md).
  async testMessageBad() {
    let buf: unknown = MPI.Alloc_mem(5);
    const empty = [null, 0, [0], 'B'];
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, 0, [0], 'i', null], empty));
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, 0, [0], '\0'], empty));
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, null, [0], MPI.DATATYPE_NULL], empty));
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, null, [0], 'i'], empty));
    await this.catchNotImplementedError(2, 0, async () => {
      const t = MPI.INT.Create_resized(0, -4).Commit();
      await this.assertRaises(MPI.Exception, () => Alltoallv([buf, null, [0], t], empty));
      t.Free();
    });
    MPI.Free_mem(buf as Uint8Array);
    buf = [1, 2, 3, 4];
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, 0, 0, 'i'], empty));
    buf = { 1: 2, 3: 4 };
    await this.assertRaises(MPI.Exception, () => Alltoallv([buf, 0, 0, 'i'], empty));
    await this.assertRaises(MPI.Exception, () => Alltoallv(Object, empty));
  }

  async testMessageNone() {
    let empty: unknown[] = [null, 0, 'B'];
    await Alltoallv(empty, empty);
    empty = [null, 'B'];
    await Alltoallv(empty, empty);
  }

  async testMessageBottom() {
    let empty: unknown[] = [MPI.BOTTOM, 0, [0], 'B'];
    await Alltoallv(empty, empty);
    empty = [MPI.BOTTOM, 0, 'B'];
    await Alltoallv(empty, empty);
    empty = [MPI.BOTTOM, 'B'];
    await Alltoallv(empty, empty);
  }

  async testMessageBytes() {
    const sbuf = bytes('abc');
    const rbuf = new Uint8Array(3);
    await Alltoallv([sbuf, 'c'], [rbuf, MPI.CHAR]);
    this.assertEqual(sbuf, rbuf);
  }

  async testMessageBytearray() {
    const sbuf = bytes('abc');
    const rbuf = new Uint8Array(3);
    await Alltoallv([sbuf, 'c'], [rbuf, MPI.CHAR]);
    this.assertEqual(sbuf, rbuf);
  }
}

class TestMessageVectorArray extends BaseTestMessageSimpleArray {
  // BaseTestMessageVectorArray: the same checks through Alltoallv, where a (counts, displs) pair
  // holds lists; check1, check2 and check4 are the simple class's with Alltoallv for Sendrecv.
  override check1: Check = async (z, s, r) => {
    r.set(z as never);
    await Alltoallv(s, r);
    for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
  };

  override check2: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      r.set(z as never);
      await Alltoallv([s, typespec], [r, typespec]);
      for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
    }
  };

  override check3: Check = async (z, s, r) => {
    const size = r.length;
    for (const count of range(size)) {
      r.set(z as never);
      await Alltoallv([s, count], [r, count]);
      for (const i of range(count)) this.assertEqual(r[i], s[i]);
      for (const i of range(count, size)) this.assertEqual(r[i], z[0]);
    }
    for (const count of range(size)) {
      r.set(z as never);
      await Alltoallv([s, [count, null]], [r, [count, null]]);
      for (const i of range(count)) this.assertEqual(r[i], s[i]);
      for (const i of range(count, size)) this.assertEqual(r[i], z[0]);
    }
    for (const disp of range(size)) {
      for (const count of range(size - disp)) {
        r.set(z as never);
        await Alltoallv([s, [[count], [disp]]], [r, [[count], [disp]]]);
        for (const i of range(disp)) this.assertEqual(r[i], z[0]);
        for (const i of range(disp, disp + count)) this.assertEqual(r[i], s[i]);
        for (const i of range(disp + count, size)) this.assertEqual(r[i], z[0]);
      }
    }
  };

  override check4: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const count of [null, s.length]) {
        r.set(z as never);
        await Alltoallv([s, count, typespec], [r, count, typespec]);
        for (const [a, b] of zip(s, r)) this.assertEqual(a, b);
      }
    }
  };

  override check5: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const p of range(s.length)) {
        r.set(z as never);
        await Alltoallv([s, [p, null], typespec], [r, [p, null], typespec]);
        for (const [a, b] of zip(slice(s, 0, p), slice(r, 0, p))) this.assertEqual(a, b);
        for (const q of range(p, s.length)) {
          const [count, displ] = [q - p, p];
          r.set(z as never);
          await Alltoallv([s, [count, [displ]], typespec], [r, [count, [displ]], typespec]);
          for (const [a, b] of zip(slice(r, 0, p), slice(z, 0, p))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, p, q), slice(s, p, q))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, q), slice(z, q))) this.assertEqual(a, b);
        }
      }
    }
  };

  override check6: Check = async (z, s, r, typecode) => {
    const datatype = typemap(typecode);
    for (const typespec of [null, typecode, datatype]) {
      for (const p of range(s.length)) {
        r.set(z as never);
        await Alltoallv([s, p, null, typespec], [r, p, null, typespec]);
        for (const [a, b] of zip(slice(s, 0, p), slice(r, 0, p))) this.assertEqual(a, b);
        for (const q of range(p, s.length)) {
          const [count, displ] = [q - p, p];
          r.set(z as never);
          await Alltoallv([s, count, [displ], typespec], [r, count, [displ], typespec]);
          for (const [a, b] of zip(slice(r, 0, p), slice(z, 0, p))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, p, q), slice(s, p, q))) this.assertEqual(a, b);
          for (const [a, b] of zip(slice(r, q), slice(z, q))) this.assertEqual(a, b);
        }
      }
    }
  };
}

async function Alltoallw(smsg: unknown, rmsg: unknown): Promise<void> {
  // mpi4py's fallback for an MPI without Alltoallw is not needed: the runtime has it.
  await MPI.COMM_SELF.Alltoallw(smsg, rmsg);
}

class TestMessageVectorW extends TestCase {
  // Python's ValueError here: MPI.Exception subclasses (README.md).
  async testMessageBad() {
    const sbuf = MPI.Alloc_mem(4);
    const rbuf = MPI.Alloc_mem(4);
    await this.assertRaises(MPI.Exception, () => Alltoallw([sbuf], [rbuf]));
    await this.assertRaises(MPI.Exception, () => Alltoallw([sbuf, [0], [0], [MPI.BYTE], null], [rbuf, [0], [0], [MPI.BYTE]]));
    await this.assertRaises(MPI.Exception, () => Alltoallw([sbuf, [0], [0], [MPI.BYTE]], [rbuf, [0], [0], [MPI.BYTE], null]));
    await this.assertRaises(MPI.Exception, () => Alltoallw([MPI.BOTTOM, null, [0], [MPI.BYTE]], [rbuf, [0], [0], [MPI.BYTE]]));
    await this.assertRaises(MPI.Exception, () => Alltoallw([MPI.BOTTOM, [0], null, [MPI.BYTE]], [rbuf, [0], [0], [MPI.BYTE]]));
    MPI.Free_mem(sbuf);
    MPI.Free_mem(rbuf);
  }

  async testMessageBottom() {
    const sbuf = bytes('abcxyz');
    const rbuf = new Uint8Array(6);
    const saddr = MPI.Get_address(sbuf);
    const raddr = MPI.Get_address(rbuf);
    const stype = MPI.Datatype.Create_struct([6], [saddr], [MPI.CHAR]).Commit();
    const rtype = MPI.Datatype.Create_struct([6], [raddr], [MPI.CHAR]).Commit();
    const smsg = [MPI.BOTTOM, [1], [0], [stype]];
    const rmsg = [MPI.BOTTOM, [[1], [0]], [rtype]];
    try {
      await Alltoallw(smsg, rmsg);
      this.assertEqual(sbuf, rbuf);
    } finally {
      stype.Free();
      rtype.Free();
    }
  }

  async testMessageBytes() {
    const sbuf = bytes('abc');
    const rbuf = new Uint8Array(3);
    const smsg = [sbuf, [3], [0], [MPI.CHAR]];
    const rmsg = [rbuf, [[3], [0]], [MPI.CHAR]];
    await Alltoallw(smsg, rmsg);
    this.assertEqual(sbuf, rbuf);
  }

  async testMessageBytearray() {
    let sbuf = bytes('abc');
    let rbuf = new Uint8Array(3);
    let smsg: unknown[] = [sbuf, [3], [0], [MPI.CHAR]];
    let rmsg: unknown[] = [rbuf, [[3], [0]], [MPI.CHAR]];
    await Alltoallw(smsg, rmsg);
    this.assertEqual(sbuf, rbuf);
    sbuf = bytes('abc');
    rbuf = new Uint8Array(3);
    smsg = [sbuf, null, null, [MPI.CHAR]];
    rmsg = [rbuf, [MPI.CHAR]];
    await Alltoallw(smsg, rmsg);
    this.assertEqual(sbuf[0], rbuf[0]);
    this.assertEqual(new Uint8Array(2), rbuf.subarray(1));
  }

  async testMessageArray() {
    const sbuf = Int32Array.of(1, 2, 3);
    const rbuf = Int32Array.of(0, 0, 0);
    const smsg = [sbuf, [3], [0], [MPI.INT]];
    const rmsg = [rbuf, [[3], [0]], [MPI.INT]];
    await Alltoallw(smsg, rmsg);
    this.assertEqual(sbuf, rbuf);
  }

  // testMessageNumPy, testMessageCAIBuf, testMessageCuPy, testMessageNumba: skipped (README.md).
  testMessageNumPy() {}
  testMessageCAIBuf() {}
  testMessageCuPy() {}
  testMessageNumba() {}
}

async function Reduce(smsg: unknown, rmsg: unknown): Promise<void> {
  await MPI.COMM_SELF.Reduce(smsg as never, rmsg as never, MPI.SUM, 0);
}

async function ReduceScatter(smsg: unknown, rmsg: unknown, rcounts: number[]): Promise<void> {
  await MPI.COMM_SELF.Reduce_scatter(smsg as never, rmsg as never, rcounts, MPI.SUM);
}

class TestMessageReduce extends TestCase {
  // Python's ValueError here: MPI.Exception subclasses (README.md).
  async testMessageBad() {
    const sbuf = MPI.Alloc_mem(8);
    const rbuf = MPI.Alloc_mem(8);
    await this.assertRaises(MPI.Exception, () => Reduce([sbuf, 1, MPI.INT], [rbuf, 1, MPI.FLOAT]));
    await this.assertRaises(MPI.Exception, () => Reduce([sbuf, 1, MPI.INT], [rbuf, 2, MPI.INT]));
    MPI.Free_mem(sbuf);
    MPI.Free_mem(rbuf);
  }
}

class TestMessageReduceScatter extends TestCase {
  // Python's ValueError here: MPI.Exception subclasses (README.md).
  async testMessageBad() {
    const sbuf = MPI.Alloc_mem(16);
    const rbuf = MPI.Alloc_mem(16);
    await this.assertRaises(MPI.Exception, () => ReduceScatter([sbuf, 1, MPI.INT], [rbuf, 1, MPI.FLOAT], [1]));
    await this.assertRaises(MPI.Exception, () => ReduceScatter([sbuf, 2, MPI.INT], [rbuf, 1, MPI.INT], [1]));
    await this.assertRaises(MPI.Exception, () => ReduceScatter([sbuf, 2, MPI.INT], [rbuf, 1, MPI.INT], [2]));
    await this.assertRaises(MPI.Exception, () => ReduceScatter(MPI.IN_PLACE, [rbuf, 1, MPI.INT], [2]));
    MPI.Free_mem(sbuf);
    MPI.Free_mem(rbuf);
  }
}

const numpyEtc = 'a Python-only buffer backend (numpy, CUDA array interface, CuPy, Numba)';
await main(
  [TestMessageSimple, TestMessageBlock, TestMessageSimpleArray, TestMessageVector, TestMessageVectorArray, TestMessageVectorW, TestMessageReduce, TestMessageReduceScatter],
  {
    'TestMessageSimpleArray.testBuffer': "mpi4py's MPI.buffer object (Python's buffer protocol: frombuffer, cast, tobytes)",
    'TestMessageVectorW.testMessageNumPy': numpyEtc,
    'TestMessageVectorW.testMessageCAIBuf': numpyEtc,
    'TestMessageVectorW.testMessageCuPy': numpyEtc,
    'TestMessageVectorW.testMessageNumba': numpyEtc,
  },
);
