// Port of mpi4py test/test_cco_nb_vec.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import * as arrayimpl from './arrayimpl.js';
import { range } from './arrayimpl.js';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;

const repeat = <T>(x: T, n: number): T[] => Array(n).fill(x);

abstract class BaseTestCCOVec extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  /** The row checks the v-tests share: in each of `size` rows of `rbuf`, `count` items of check_a, then check_b. */
  checkRows(rbuf: arrayimpl.TArray, size: number, count: number, check_a: unknown, check_b: unknown) {
    for (const i of range(size)) {
      const row = rbuf.slice(i * size, (i + 1) * size);
      const [a, b] = [row.slice(0, count), row.slice(count)];
      for (const va of a) this.assertEqual(va, check_a);
      for (const vb of b) this.assertEqual(vb, check_b);
    }
  }

  async testGatherv() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, count);
          const rbuf = new array(-1, typecode, size * size);
          const counts = repeat(count, size);
          const displs = range(size).map((i) => i * size);
          let recvbuf: unknown = rbuf.as_mpi_v(counts, displs);
          if (rank !== root) recvbuf = null;
          await this.COMM.Igatherv(sbuf.as_mpi(), recvbuf, root).Wait();
          if (recvbuf !== null) this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testGatherv2() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size);
          const rbuf = new array(-1, typecode, size * size);
          const sendbuf = sbuf.as_mpi_c(count);
          let recvbuf: unknown = rbuf.as_mpi_v(count, size);
          if (rank !== root) recvbuf = null;
          await this.COMM.Igatherv(sendbuf, recvbuf, root).Wait();
          if (recvbuf !== null) this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testGatherv3() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        for (const count of range(size + 1)) {
          //
          let sbuf = new array(root, typecode, count).as_raw();
          let rbuf = new array(-1, typecode, count * size).as_raw();
          const sendbuf = sbuf;
          let recvbuf: unknown = [rbuf, count];
          if (rank !== root) recvbuf = null;
          await this.COMM.Igatherv(sendbuf, recvbuf, root).Wait();
          if (recvbuf !== null) for (const v of rbuf) this.assertEqual(v, check);
          //
          sbuf = new array(root, typecode, count).as_raw();
          rbuf = rank === root ? new array(-1, typecode, count * size).as_raw() : null;
          await this.COMM.Gatherv(sbuf, rbuf, root);
          await this.COMM.Barrier();
          if (rank === root) for (const v of rbuf) this.assertEqual(v, check);
        }
      }
    }
  }

  async testScatterv() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size * size);
          const rbuf = new array(-1, typecode, count);
          const counts = repeat(count, size);
          const displs = range(size).map((i) => i * size);
          let sendbuf: unknown = sbuf.as_mpi_v(counts, displs);
          if (rank !== root) sendbuf = null;
          await this.COMM.Iscatterv(sendbuf, rbuf.as_mpi(), root).Wait();
          for (const vr of rbuf) this.assertEqual(vr, check);
        }
      }
    }
  }

  async testScatterv2() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size * size);
          const rbuf = new array(-1, typecode, size);
          let sendbuf: unknown = sbuf.as_mpi_v(count, size);
          const recvbuf = rbuf.as_mpi_c(count);
          if (rank !== root) sendbuf = null;
          await this.COMM.Iscatterv(sendbuf, recvbuf, root).Wait();
          const [a, b] = [rbuf.slice(0, count), rbuf.slice(count)];
          for (const va of a) this.assertEqual(va, check_a);
          for (const vb of b) this.assertEqual(vb, check_b);
        }
      }
    }
  }

  async testScatterv3() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        for (const count of range(size + 1)) {
          //
          let sbuf = new array(root, typecode, count * size).as_raw();
          let rbuf = new array(-1, typecode, count).as_raw();
          let sendbuf: unknown = [sbuf, count];
          const recvbuf = rbuf;
          if (rank !== root) sendbuf = null;
          await this.COMM.Iscatterv(sendbuf, recvbuf, root).Wait();
          for (const v of rbuf) this.assertEqual(v, check);
          //
          sbuf = rank === root ? new array(root, typecode, count * size).as_raw() : null;
          rbuf = new array(-1, typecode, count).as_raw();
          await this.COMM.Scatterv(sbuf, rbuf, root);
          for (const v of rbuf) this.assertEqual(v, check);
        }
      }
    }
  }

  async testAllgatherv() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, count);
          const rbuf = new array(-1, typecode, size * size);
          const counts = repeat(count, size);
          const displs = range(size).map((i) => i * size);
          await this.COMM.Iallgatherv(sbuf.as_mpi(), rbuf.as_mpi_v(counts, displs)).Wait();
          this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testAllgatherv2() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size);
          const rbuf = new array(-1, typecode, size * size);
          await this.COMM.Iallgatherv(sbuf.as_mpi_c(count), rbuf.as_mpi_v(count, size)).Wait();
          this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testAllgatherv3() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        for (const count of range(size + 1)) {
          //
          let sbuf = new array(root, typecode, count).as_raw();
          let rbuf = new array(-1, typecode, count * size).as_raw();
          await this.COMM.Iallgatherv(sbuf, [rbuf, count]).Wait();
          for (const v of rbuf) this.assertEqual(v, check);
          //
          sbuf = new array(root, typecode, count).as_raw();
          rbuf = new array(-1, typecode, count * size).as_raw();
          await this.COMM.Iallgatherv(sbuf, rbuf).Wait();
          for (const v of rbuf) this.assertEqual(v, check);
        }
      }
    }
  }

  async testAlltoallv() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size * size);
          const rbuf = new array(-1, typecode, size * size);
          const counts = repeat(count, size);
          const displs = range(size).map((i) => i * size);
          await this.COMM.Ialltoallv(sbuf.as_mpi_v(counts, displs), rbuf.as_mpi_v(counts, displs)).Wait();
          this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testAlltoallv2() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check_a = arrayimpl.scalar(root);
        const check_b = arrayimpl.scalar(-1);
        for (const count of range(size)) {
          const sbuf = new array(root, typecode, size * size);
          const rbuf = new array(-1, typecode, size * size);
          await this.COMM.Ialltoallv(sbuf.as_mpi_v(count, size), rbuf.as_mpi_v(count, size)).Wait();
          this.checkRows(rbuf, size, count, check_a, check_b);
        }
      }
    }
  }

  async testAlltoallv3() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const root of range(size)) {
        const check = arrayimpl.scalar(root);
        for (const count of range(size + 1)) {
          //
          let sbuf = new array(root, typecode, count * size).as_raw();
          let rbuf = new array(-1, typecode, count * size).as_raw();
          await this.COMM.Ialltoallv([sbuf, count], [rbuf, count]).Wait();
          for (const v of rbuf) this.assertEqual(v, check);
          //
          sbuf = new array(root, typecode, count * size).as_raw();
          rbuf = new array(-1, typecode, count * size).as_raw();
          await this.COMM.Ialltoallv(sbuf, rbuf).Wait();
          for (const v of rbuf) this.assertEqual(v, check);
        }
      }
    }
  }

  async testAlltoallw() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const n of range(1, size + 1)) {
        const check = arrayimpl.scalar(n);
        const sbuf = new array(n, typecode, [size, n]);
        const rbuf = new array(-1, typecode, [size, n]);
        const [sdt, rdt] = [sbuf.mpidtype as any, rbuf.mpidtype as any];
        const sdsp = range(size).map((i) => i * n * sdt.extent);
        const rdsp = range(size).map((i) => i * n * rdt.extent);
        const smsg = [sbuf.as_raw(), [repeat(n, size), sdsp], repeat(sdt, size)];
        const rmsg = [rbuf.as_raw(), [repeat(n, size), rdsp], repeat(rdt, size)];
        await (this.COMM as any).Ialltoallw(smsg, rmsg).Wait();
        for (const value of rbuf.flat) this.assertEqual(value, check);
      }
    }
  }

  async testAlltoallwBottom() {
    const size = this.COMM.Get_size();
    this.COMM.Get_rank();
    const M = MPI as any;
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const n of range(1, size + 1)) {
        const check = arrayimpl.scalar(n);
        const sbuf = new array(n, typecode, [size, n]);
        const rbuf = new array(-1, typecode, [size, n]);
        const saddr = M.Get_address(sbuf.as_raw());
        const raddr = M.Get_address(rbuf.as_raw());
        const [sdt, rdt] = [sbuf.mpidtype as any, rbuf.mpidtype as any];
        const stypes = range(size).map((i) => i * n * sdt.extent).map((d) => M.Datatype.Create_struct([n], [saddr + d], [sdt]).Commit());
        const rtypes = range(size).map((i) => i * n * rdt.extent).map((d) => M.Datatype.Create_struct([n], [raddr + d], [sdt]).Commit());
        const smsg = [M.BOTTOM, [repeat(1, size), repeat(0, size)], stypes];
        const rmsg = [M.BOTTOM, [repeat(1, size), repeat(0, size)], rtypes];
        try {
          await (this.COMM as any).Ialltoallw(smsg, rmsg).Wait();
        } finally {
          for (const t of stypes) t.Free();
          for (const t of rtypes) t.Free();
        }
        for (const value of rbuf.flat) this.assertEqual(value, check);
      }
    }
  }
}

abstract class BaseTestCCOVecInplace extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  /** Each rank's rows hold `rank` in their first `count` items; after the exchange, row i holds i. */
  fillRows(rbuf: arrayimpl.TArray, size: number, count: number, rank: number) {
    for (const i of range(size)) for (const j of range(count)) rbuf.flat[i * size + j] = rbuf.flat.constructor === BigInt64Array ? BigInt(rank) : rank;
  }

  checkRows(rbuf: arrayimpl.TArray, size: number, count: number) {
    for (const i of range(size)) {
      const row = rbuf.slice(i * size, (i + 1) * size);
      const [a, b] = [row.slice(0, count), row.slice(count)];
      for (const va of a) this.assertEqual(va, arrayimpl.scalar(i));
      for (const vb of b) this.assertEqual(vb, arrayimpl.scalar(-1));
    }
  }

  async testAlltoallv() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const count of range(size)) {
        const rbuf = new array(-1, typecode, size * size);
        const counts = repeat(count, size);
        const displs = range(size).map((i) => i * size);
        this.fillRows(rbuf, size, count, rank);
        const recvbuf = rbuf.as_mpi_v(counts, displs);
        await this.COMM.Ialltoallv(MPI.IN_PLACE, recvbuf).Wait();
        this.checkRows(rbuf, size, count);
      }
    }
  }

  async testAlltoallw() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const count of range(size)) {
        const rbuf = new array(-1, typecode, size * size);
        this.fillRows(rbuf, size, count, rank);
        const rdt = rbuf.mpidtype as any;
        const rdsp = range(size).map((i) => i * size * rdt.extent);
        const rmsg = [rbuf.as_raw(), [repeat(count, size), rdsp], repeat(rdt, size)];
        await (this.COMM as any).Ialltoallw(MPI.IN_PLACE, rmsg).Wait();
        this.checkRows(rbuf, size, count);
      }
    }
  }

  async testAlltoallw2() {
    const size = this.COMM.Get_size();
    const rank = this.COMM.Get_rank();
    for (const [array, typecode] of arrayimpl.loop()) {
      for (const count of range(size)) {
        const rbuf = new array(-1, typecode, size * size);
        this.fillRows(rbuf, size, count, rank);
        const rdt = rbuf.mpidtype as any;
        const rdsp = range(size).map((i) => i * size * rdt.extent);
        const rmsg = [rbuf.as_raw(), repeat(count, size), rdsp, repeat(rdt, size)];
        await (this.COMM as any).Ialltoallw(MPI.IN_PLACE, rmsg).Wait();
        this.checkRows(rbuf, size, count);
      }
    }
  }
}

class TestCCOVecSelf extends BaseTestCCOVec {
  override COMM = MPI.COMM_SELF;
}

class TestCCOVecWorld extends BaseTestCCOVec {
  override COMM = MPI.COMM_WORLD;
}

class TestCCOVecSelfDup extends TestCCOVecSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCOVecWorldDup extends TestCCOVecWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCOVecInplaceSelf extends BaseTestCCOVecInplace {
  override COMM = MPI.COMM_SELF;
}

class TestCCOVecInplaceWorld extends BaseTestCCOVecInplace {
  override COMM = MPI.COMM_WORLD;
}

// mpi4py disables BaseTestCCOVec's classes when this raises NotImplementedError (an MPI without
// nonblocking collectives); here it must simply work.
await MPI.COMM_SELF.Ibarrier().Wait();

await main([TestCCOVecSelf, TestCCOVecWorld, TestCCOVecSelfDup, TestCCOVecWorldDup, TestCCOVecInplaceSelf, TestCCOVecInplaceWorld]);
