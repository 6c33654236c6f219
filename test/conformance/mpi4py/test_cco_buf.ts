// Port of mpi4py test/test_cco_buf.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import * as arrayimpl from './arrayimpl.js';
import { range } from './arrayimpl.js';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
type Op = InstanceType<typeof MPI.Op>;

const prod = (seq: number[], start = 1) => seq.reduce((a, b) => a * b, start);
const sum = (seq: number[]) => seq.reduce((a, b) => a + b, 0);
const repeat = <T>(x: T, n: number): T[] => Array(n).fill(x);

function skip_op(typecode: string, op: Op): boolean {
  if (typecode === '?') return true;
  if ('FDG'.includes(typecode)) {
    if (op === MPI.MAX || op === MPI.MIN) return true;
  }
  return false;
}

function maxvalue(a: arrayimpl.TArray): number {
  const typecode = a.typecode;
  if (typecode === 'f') return 1e30;
  else if (typecode === 'd') return 1e300;
  else return 2 ** (a.itemsize * 7) - 1;
}

/** itertools.product over two or three ranges. */
function product(...lists: number[][]): number[][] {
  return lists.reduce<number[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

abstract class BaseTestCCOBuf extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testBarrier() {
    await this.COMM.Barrier();
  }

  async testBcast() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        const buf = rank === root ? new array(root, typecode, root) : new array(-1, typecode, root);
        await this.COMM.Bcast(buf.as_mpi(), { root });
        for (const value of buf) this.assertEqual(value, check);
      }
    }
  }

  async testGather() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        const sbuf = new array(root, typecode, root + 1);
        const rbuf = rank === root ? new array(-1, typecode, [size, root + 1]) : new array([], typecode);
        await this.COMM.Gather(sbuf.as_mpi(), rbuf.as_mpi(), { root });
        if (rank === root) for (const value of rbuf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testScatter() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        const rbuf = new array(-1, typecode, size);
        const sbuf = rank === root ? new array(root, typecode, [size, size]) : new array([], typecode);
        await this.COMM.Scatter(sbuf.as_mpi(), rbuf.as_mpi(), { root });
        for (const value of rbuf) this.assertEqual(value, check);
      }
    }
  }

  async testAllgather() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        const sbuf = new array(root, typecode, root + 1);
        const rbuf = new array(-1, typecode, [size, root + 1]);
        await this.COMM.Allgather(sbuf.as_mpi(), rbuf.as_mpi());
        for (const value of rbuf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testAlltoall() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        const sbuf = new array(root, typecode, [size, root + 1]);
        const rbuf = new array(-1, typecode, [size, root + 1]);
        await this.COMM.Alltoall(sbuf.as_mpi(), rbuf.as_mpi_c(root + 1));
        for (const value of rbuf.flat) this.assertEqual(value, check);
      }
    }
  }

  /** The checks testReduce, testAllreduce and the in-place forms share: element i reduced over `n` ranks. */
  checkReduced(op: Op, buf: arrayimpl.TArray, n: number) {
    const max_val = maxvalue(buf);
    for (const [i, value] of buf.enumerate()) {
      if (op === MPI.SUM) {
        if (i * n < max_val) this.assertAlmostEqual(value, i * n);
      } else if (op === MPI.PROD) {
        if (i ** n < max_val) this.assertAlmostEqual(value, i ** n);
      } else if (op === MPI.MAX) this.assertEqual(value, i);
      else if (op === MPI.MIN) this.assertEqual(value, i);
    }
  }

  async testReduce() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        for (const root of range(size)) {
          const sbuf = new array(range(size), typecode);
          const rbuf = new array(-1, typecode, size);
          await this.COMM.Reduce(sbuf.as_mpi(), rbuf.as_mpi(), op, root);
          if (rank !== root) {
            const check = arrayimpl.scalar(-1);
            for (const value of rbuf) this.assertEqual(value, check);
            continue;
          }
          this.checkReduced(op, rbuf, size);
        }
      }
    }
  }

  async testAllreduce() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        const sbuf = new array(range(size), typecode);
        const rbuf = new array(0, typecode, size);
        await this.COMM.Allreduce(sbuf.as_mpi(), rbuf.as_mpi(), op);
        this.checkReduced(op, rbuf, size);
      }
    }
  }

  async testReduceScatter() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        const rcnt = range(1, size + 1);
        const sbuf = new array(repeat(rank + 1, sum(rcnt)), typecode);
        for (const recvcounts of [null, rcnt]) {
          const rbuf = new array(-1, typecode, rank + 1);
          await this.COMM.Reduce_scatter(sbuf.as_mpi(), rbuf.as_mpi(), recvcounts, op);
          const max_val = maxvalue(rbuf);
          for (const value of rbuf) {
            if (op === MPI.SUM) {
              const redval = sum(range(size)) + size;
              if (redval < max_val) this.assertAlmostEqual(value, redval);
            } else if (op === MPI.PROD) {
              const redval = prod(range(1, size + 1));
              if (redval < max_val) this.assertAlmostEqual(value, redval);
            } else if (op === MPI.MAX) this.assertEqual(value, size);
            else if (op === MPI.MIN) this.assertEqual(value, 1);
          }
        }
      }
    }
  }

  async testReduceScatterBlock() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        for (const rcnt of range(1, size + 1)) {
          const sbuf = op === MPI.PROD ? new array(repeat(rank + 1, rcnt * size), typecode) : new array(repeat(rank, rcnt * size), typecode);
          const rbuf = new array(-1, typecode, rcnt);
          await this.COMM.Reduce_scatter_block(sbuf.as_mpi(), rbuf.as_mpi(), op);
          const max_val = maxvalue(rbuf);
          const v_sum = (size * (size - 1)) / 2;
          let v_prod = 1;
          for (const i of range(1, size + 1)) v_prod *= i;
          const v_max = size - 1;
          const v_min = 0;
          for (const value of rbuf) {
            if (op === MPI.SUM) {
              if (v_sum <= max_val) this.assertAlmostEqual(value, v_sum);
            } else if (op === MPI.PROD) {
              if (v_prod <= max_val) this.assertAlmostEqual(value, v_prod);
            } else if (op === MPI.MAX) this.assertEqual(value, v_max);
            else if (op === MPI.MIN) this.assertEqual(value, v_min);
          }
        }
      }
    }
  }

  async testScan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        const sbuf = new array(range(size), typecode);
        const rbuf = new array(0, typecode, size);
        await this.COMM.Scan(sbuf.as_mpi(), rbuf.as_mpi(), op);
        this.checkReduced(op, rbuf, rank + 1);
      }
    }
  }

  async testExscan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        const sbuf = new array(range(size), typecode);
        const rbuf = new array(0, typecode, size);
        await this.COMM.Exscan(sbuf.as_mpi(), rbuf.as_mpi(), op);
        if (rank === 1) {
          for (const [i, value] of rbuf.enumerate()) this.assertEqual(value, i);
        } else if (rank > 1) {
          this.checkReduced(op, rbuf, rank);
        }
      }
    }
  }

  async testBcastTypeIndexed() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      const datatype = arrayimpl.TypeMap[typecode] as any;
      for (const root of range(size)) {
        //
        let buf = rank === root ? new array(range(10), typecode).as_raw() : new array(-1, typecode, 10).as_raw();
        let indices = range(0, buf.length).filter((i) => i % 2 === 0);
        let newtype = datatype.Create_indexed_block(1, indices);
        newtype.Commit();
        await this.COMM.Bcast([buf, 1, newtype], { root });
        newtype.Free();
        if (rank !== root) {
          for (const [i, value] of Array.from(buf as ArrayLike<unknown>).entries()) {
            this.assertEqual(value, arrayimpl.scalar(i % 2 ? -1 : i));
          }
        }
        //
        buf = rank === root ? new array(range(10), typecode).as_raw() : new array(-1, typecode, 10).as_raw();
        indices = range(1, buf.length).filter((i) => i % 2 === 1);
        newtype = datatype.Create_indexed_block(1, indices);
        newtype.Commit();
        await this.COMM.Bcast([buf, 1, newtype], root);
        newtype.Free();
        if (rank !== root) {
          for (const [i, value] of Array.from(buf as ArrayLike<unknown>).entries()) {
            this.assertEqual(value, arrayimpl.scalar(!(i % 2) ? -1 : i));
          }
        }
      }
    }
  }
}

abstract class BaseTestCCOBufInplace extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testGather() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const [mode, root, count] of product(range(2), range(size), range(1, 10))) {
        const check = arrayimpl.scalar(root);
        let buf: arrayimpl.TArray;
        let sbuf: any;
        let rbuf: any;
        if (rank === root) {
          buf = new array(-1, typecode, [size, count]);
          for (const i of range(rank * count, (rank + 1) * count)) buf.flat[i] = check;
          rbuf = buf.as_mpi();
          sbuf = [MPI.IN_PLACE, null][mode];
        } else {
          buf = new array(root, typecode, count);
          sbuf = buf.as_mpi();
          rbuf = null;
        }
        await this.COMM.Gather(sbuf, rbuf, { root });
        for (const value of buf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testScatter() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const [mode, root, count] of product(range(2), range(size), range(1, 10))) {
        const check = arrayimpl.scalar(root);
        let buf: arrayimpl.TArray;
        let sbuf: any;
        let rbuf: any;
        if (rank === root) {
          buf = new array(root, typecode, [size, count]);
          sbuf = buf.as_mpi();
          rbuf = [MPI.IN_PLACE, null][mode];
        } else {
          buf = new array(-1, typecode, count);
          sbuf = null;
          rbuf = buf.as_mpi();
        }
        await this.COMM.Scatter(sbuf, rbuf, { root });
        for (const value of buf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testAllgather() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const [mode, count] of product(range(2), range(1, 10))) {
        const check = arrayimpl.scalar(count);
        const buf = new array(-1, typecode, [size, count]);
        for (const i of range(rank * count, (rank + 1) * count)) buf.flat[i] = check;
        const sbuf = [MPI.IN_PLACE, null][mode];
        await this.COMM.Allgather(sbuf as any, buf.as_mpi());
        for (const value of buf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testAlltoall() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const [mode, count] of product(range(2), range(1, 10))) {
        const buf = new array(rank, typecode, [size, count]);
        const rbuf = buf.as_mpi();
        const sbuf = [MPI.IN_PLACE, null][mode];
        await this.COMM.Alltoall(sbuf as any, rbuf);
        for (const [i, value] of buf.enumerate()) {
          const check = arrayimpl.scalar(Math.floor(i / count));
          this.assertEqual(value, check);
        }
      }
    }
  }

  checkReduced(op: Op, buf: arrayimpl.TArray, n: number) {
    const max_val = maxvalue(buf);
    for (const [i, value] of buf.enumerate()) {
      if (op === MPI.SUM) {
        if (i * n < max_val) this.assertAlmostEqual(value, i * n);
      } else if (op === MPI.PROD) {
        if (i ** n < max_val) this.assertAlmostEqual(value, i ** n);
      } else if (op === MPI.MAX) this.assertEqual(value, i);
      else if (op === MPI.MIN) this.assertEqual(value, i);
    }
  }

  async testReduce() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        for (const [mode, root] of product(range(3), range(size))) {
          let buf: arrayimpl.TArray;
          let sbuf: any;
          let rbuf: any;
          if (rank === root) {
            buf = new array(range(size), typecode);
            rbuf = buf.as_mpi();
            sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          } else {
            buf = new array(range(size), typecode);
            const buf2 = new array(range(size), typecode);
            sbuf = buf.as_mpi();
            rbuf = buf2.as_mpi();
          }
          await this.COMM.Reduce(sbuf, rbuf, op, root);
          if (rank === root) this.checkReduced(op, buf, size);
        }
      }
    }
  }

  async testAllreduce() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        for (const mode of range(3)) {
          const buf = new array(range(size), typecode);
          const rbuf = buf.as_mpi();
          const sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          await this.COMM.Allreduce(sbuf as any, rbuf, op);
          this.checkReduced(op, buf, size);
        }
      }
    }
  }

  /** The in-place reduce-scatter checks: the first `mine` elements reduced, the rest untouched. */
  checkReduceScattered(op: Op, buf: arrayimpl.TArray, mine: number, size: number, rank: number) {
    const max_val = maxvalue(buf);
    for (const [i, value] of buf.enumerate()) {
      if (i >= mine) {
        if (op === MPI.PROD) this.assertEqual(value, rank + 1);
        else this.assertEqual(value, rank);
      } else if (op === MPI.SUM) {
        const redval = sum(range(size));
        if (redval < max_val) this.assertAlmostEqual(value, redval);
      } else if (op === MPI.PROD) {
        const redval = prod(range(1, size + 1));
        if (redval < max_val) this.assertAlmostEqual(value, redval);
      } else if (op === MPI.MAX) this.assertEqual(value, size - 1);
      else if (op === MPI.MIN) this.assertEqual(value, 0);
    }
  }

  async testReduceScatterBlock() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        for (const [mode, rcnt] of product(range(2), range(size))) {
          const buf = op === MPI.PROD ? new array(repeat(rank + 1, rcnt * size), typecode) : new array(repeat(rank, rcnt * size), typecode);
          const rbuf = buf.as_mpi();
          const sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          await this.COMM.Reduce_scatter_block(sbuf as any, rbuf, op);
          this.checkReduceScattered(op, buf, rcnt, size, rank);
        }
      }
    }
  }

  async testReduceScatter() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.MAX, MPI.MIN, MPI.PROD]) {
        if (skip_op(typecode, op)) continue;
        for (const mode of range(3)) {
          const rcnt = range(1, size + 1);
          const buf = op === MPI.PROD ? new array(repeat(rank + 1, sum(rcnt)), typecode) : new array(repeat(rank, sum(rcnt)), typecode);
          const rbuf = buf.as_mpi();
          const sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          await this.COMM.Reduce_scatter(sbuf as any, rbuf, rcnt, op);
          this.checkReduceScattered(op, buf, rcnt[rank], size, rank);
        }
      }
    }
  }

  async testScan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        for (const mode of range(3)) {
          const buf = new array(range(size), typecode);
          const rbuf = buf.as_mpi();
          const sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          await this.COMM.Scan(sbuf as any, rbuf, op);
          this.checkReduced(op, buf, rank + 1);
        }
      }
    }
  }

  async testExscan() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        for (const mode of range(3)) {
          const buf = new array(range(size), typecode);
          const rbuf = buf.as_mpi();
          const sbuf = [MPI.IN_PLACE, null, rbuf][mode];
          await this.COMM.Exscan(sbuf as any, rbuf, op);
          if (rank === 1) {
            for (const [i, value] of buf.enumerate()) this.assertEqual(value, i);
          } else if (rank > 1) {
            this.checkReduced(op, buf, rank);
          }
        }
      }
    }
  }
}

class TestReduceLocal extends TestCase {
  testReduceLocal() {
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        if (skip_op(typecode, op)) continue;
        const size = 5;
        const sbuf = new array(range(1, size + 1), typecode);
        const rbuf = new array(range(size + 0), typecode);
        op.Reduce_local(sbuf.as_mpi(), rbuf.as_mpi());
        for (const [i, value] of rbuf.enumerate()) {
          this.assertEqual(sbuf.at(i), i + 1);
          if (op === MPI.SUM) this.assertAlmostEqual(value, i + (i + 1));
          else if (op === MPI.PROD) this.assertAlmostEqual(value, i * (i + 1));
          else if (op === MPI.MAX) this.assertEqual(value, i + 1);
          else if (op === MPI.MIN) this.assertEqual(value, i);
        }
      }
    }
  }

  async testReduceLocalBadCount() {
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const op of [MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN]) {
        const sbuf = new array(range(3), typecode);
        const rbuf = new array(range(3), typecode);
        let s: unknown = sbuf.as_mpi_c(2);
        let r: unknown = rbuf.as_mpi_c(3);
        // Python's ValueError for mismatched buffers is an MPI.Exception here (README.md).
        await this.assertRaises(MPI.Exception, () => op.Reduce_local(s, r));
        s = [sbuf.as_raw(), 1, MPI.INT];
        r = [rbuf.as_raw(), 1, MPI.SHORT];
        await this.assertRaises(MPI.Exception, () => op.Reduce_local(s, r));
      }
    }
  }
}

class TestCCOBufSelf extends BaseTestCCOBuf {
  override COMM = MPI.COMM_SELF;
}

class TestCCOBufWorld extends BaseTestCCOBuf {
  override COMM = MPI.COMM_WORLD;
}

class TestCCOBufInplaceSelf extends BaseTestCCOBufInplace {
  override COMM = MPI.COMM_SELF;
}

class TestCCOBufInplaceWorld extends BaseTestCCOBufInplace {
  override COMM = MPI.COMM_WORLD;
}

class TestCCOBufSelfDup extends TestCCOBufSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCOBufWorldDup extends TestCCOBufWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main(
  [TestCCOBufSelf, TestCCOBufWorld, TestCCOBufInplaceSelf, TestCCOBufInplaceWorld, TestReduceLocal, TestCCOBufSelfDup, TestCCOBufWorldDup],
);
