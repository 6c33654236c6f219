// Port of mpi4py test/test_cco_obj.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const cumsum = (seq: number[]) => seq.reduce((a, b) => a + b, 0);
const cumprod = (seq: number[]) => seq.reduce((a, b) => a * b, 1);
/** Python's complex numbers are `{ re, im }` objects (README.md). */
const complex = (re: number, im: number) => ({ re, im });

const _basic: unknown[] = [
  null,
  true,
  false,
  -7,
  0,
  7,
  2 ** 31,
  -(2n ** 63n) + 1n,
  2n ** 63n - 1n,
  -2.17,
  0.0,
  +1.62,
  complex(1, 2),
  complex(2, -3),
  'mpi4py',
];
const messages: unknown[] = [
  ..._basic,
  [..._basic], // list
  [..._basic], // tuple
  Object.fromEntries(_basic.map((v, k) => [`k${k}`, v])),
];

const repeat = <T>(x: T, n: number): T[] => Array(n).fill(x);

abstract class BaseTestCCOObj extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testBarrier() {
    await this.COMM.barrier();
  }

  async testBcast() {
    for (const smess of messages) {
      for (const root of range(this.COMM.Get_size())) {
        const rmess = await this.COMM.bcast(smess, { root });
        this.assertEqual(smess, rmess);
      }
    }
  }

  async testGather() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const smess of [...messages, messages]) {
      for (const root of range(size)) {
        const rmess = await this.COMM.gather(smess, { root });
        if (rank === root) this.assertEqual(rmess, repeat(smess, size));
        else this.assertIsNone(rmess);
      }
    }
  }

  async testScatter() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const smess of [...messages, messages]) {
      for (const root of range(size)) {
        let rmess: unknown;
        if (rank === root) rmess = await this.COMM.scatter(repeat(smess, size), { root });
        else rmess = await this.COMM.scatter(null, { root });
        this.assertEqual(rmess, smess);
      }
    }
  }

  async testAllgather() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const smess of [...messages, messages]) {
      const rmess = await this.COMM.allgather(smess);
      this.assertEqual(rmess, repeat(smess, size));
    }
  }

  async testAlltoall() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const smess of [...messages, messages]) {
      const rmess = await this.COMM.alltoall(repeat(smess, size));
      this.assertEqual(rmess, repeat(smess, size));
    }
  }

  async testReduce() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const root of range(size)) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN, MPI.MAXLOC, MPI.MINLOC, MPI.REPLACE, MPI.NO_OP]) {
        if (op === MPI.OP_NULL) continue;
        const sendobj = op === MPI.MAXLOC || op === MPI.MINLOC ? [rank, rank] : rank;
        const value: any = await this.COMM.reduce(sendobj, { op, root });
        if (rank !== root) {
          this.assertIsNone(value);
        } else {
          this.assertIsNotNone(value);
          if (op === MPI.SUM) this.assertEqual(value, cumsum(range(size)));
          else if (op === MPI.PROD) this.assertEqual(value, cumprod(range(size)));
          else if (op === MPI.MAX) this.assertEqual(value, size - 1);
          else if (op === MPI.MIN) this.assertEqual(value, 0);
          else if (op === MPI.MAXLOC) {
            this.assertEqual(value[0], size - 1);
            this.assertEqual(value[1], size - 1);
          } else if (op === MPI.MINLOC) {
            this.assertEqual(value[0], 0);
            this.assertEqual(value[1], 0);
          } else if (op === MPI.REPLACE) this.assertEqual(value, size - 1);
          else if (op === MPI.NO_OP) this.assertEqual(value, 0);
        }
      }
    }
    const badroots = new Set([-size, size]);
    for (const root of badroots) {
      let caught: unknown;
      await this.assertRaises(MPI.Exception, async () => {
        try {
          await this.COMM.reduce(null, { op: MPI.NO_OP, root });
        } catch (err) {
          caught = err;
          throw err;
        }
      });
      const ierr = (caught as InstanceType<typeof MPI.Exception>).Get_error_class();
      this.assertEqual(ierr, MPI.ERR_ROOT);
    }
  }

  async testAllreduce() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN, MPI.MAXLOC, MPI.MINLOC, MPI.REPLACE, MPI.NO_OP]) {
      if (op === MPI.OP_NULL) continue;
      const sendobj = op === MPI.MAXLOC || op === MPI.MINLOC ? [rank, rank] : rank;
      const value: any = await this.COMM.allreduce(sendobj, op);
      if (op === MPI.SUM) this.assertEqual(value, cumsum(range(size)));
      else if (op === MPI.PROD) this.assertEqual(value, cumprod(range(size)));
      else if (op === MPI.MAX) this.assertEqual(value, size - 1);
      else if (op === MPI.MIN) this.assertEqual(value, 0);
      else if (op === MPI.MAXLOC) this.assertEqual(value[1], size - 1);
      else if (op === MPI.MINLOC) this.assertEqual(value[1], 0);
      else if (op === MPI.REPLACE) this.assertEqual(value, size - 1);
      else if (op === MPI.NO_OP) this.assertEqual(value, 0);
    }
  }

  async testScan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    // --
    const sscan = await this.COMM.scan(size, { op: MPI.SUM });
    this.assertEqual(sscan, cumsum(repeat(size, rank + 1)));
    // --
    let rscan = await this.COMM.scan(rank, { op: MPI.SUM });
    this.assertEqual(rscan, cumsum(range(rank + 1)));
    // --
    const minloc = await this.COMM.scan([rank, rank], { op: MPI.MINLOC });
    const maxloc = await this.COMM.scan([rank, rank], { op: MPI.MAXLOC });
    this.assertEqual(minloc, [0, 0]);
    this.assertEqual(maxloc, [rank, rank]);
    // --
    if (MPI.REPLACE !== MPI.OP_NULL) {
      rscan = await this.COMM.scan(rank, { op: MPI.REPLACE });
      this.assertEqual(rscan, rank);
    }
    // --
    if (MPI.NO_OP !== MPI.OP_NULL) {
      rscan = await this.COMM.scan(rank, { op: MPI.NO_OP });
      this.assertEqual(rscan, 0);
    }
  }

  async testExscan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    // --
    const sscan = await this.COMM.exscan(size, { op: MPI.SUM });
    if (rank === 0) this.assertIsNone(sscan);
    else this.assertEqual(sscan, cumsum(repeat(size, rank)));
    // --
    let rscan = await this.COMM.exscan(rank, { op: MPI.SUM });
    if (rank === 0) this.assertIsNone(sscan);
    else this.assertEqual(rscan, cumsum(range(rank)));
    // --
    const minloc = await this.COMM.exscan([rank, rank], { op: MPI.MINLOC });
    const maxloc = await this.COMM.exscan([rank, rank], { op: MPI.MAXLOC });
    if (rank === 0) {
      this.assertIsNone(minloc);
      this.assertIsNone(maxloc);
    } else {
      this.assertEqual(minloc, [0, 0]);
      this.assertEqual(maxloc, [rank - 1, rank - 1]);
    }
    // --
    if (MPI.REPLACE !== MPI.OP_NULL) {
      rscan = await this.COMM.exscan(rank, { op: MPI.REPLACE });
      if (rank === 0) this.assertIsNone(rscan);
      else this.assertEqual(rscan, rank - 1);
    }
    // --
    if (MPI.NO_OP !== MPI.OP_NULL) {
      rscan = await this.COMM.exscan(rank, { op: MPI.NO_OP });
      if (rank === 0) this.assertIsNone(rscan);
      else this.assertEqual(rscan, 0);
    }
  }
}

class TestCCOObjSelf extends BaseTestCCOObj {
  override COMM = MPI.COMM_SELF;
}

class TestCCOObjWorld extends BaseTestCCOObj {
  override COMM = MPI.COMM_WORLD;
}

class TestCCOObjSelfDup extends TestCCOObjSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCOObjWorldDup extends TestCCOObjWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestCCOObjSelf, TestCCOObjWorld, TestCCOObjSelfDup, TestCCOObjWorldDup]);
