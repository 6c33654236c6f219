// Port of mpi4py test/test_cco_ngh_buf.py (conventions: README.md). The topologies are in ngh-topo.ts.
// `is_mpi_gpu` checks (GPU array backends) never hold here: typed arrays only.
import { MPI } from 'rankscope/mpi';
import * as arrayimpl from './arrayimpl.js';
import { range } from './arrayimpl.js';
import { create_topo_comms, get_neighbors_count, have_feature } from './ngh-topo.js';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;

const repeat = <T>(x: T, n: number): T[] => Array(n).fill(x);
/** Python's `range(start, stop, step)` for a positive step (an empty list when the step is 0). */
const steps = (start: number, stop: number, step: number) => (step > 0 ? range(0, Math.ceil((stop - start) / step)).map((i) => start + i * step) : []);

// @unittest.skipIf(not have_feature(), "mpi-neighbor"): the probe runs plainly (README.md).
await have_feature();

abstract class BaseTestCCONghBuf extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testNeighborAllgather() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, _ssize] = get_neighbors_count(comm);
      for (const [array, typecode] of arrayimpl.loop()) {
        for (const v of range(3)) {
          const check = arrayimpl.scalar(v);
          let sbuf = new array(v, typecode, 3);
          let rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Neighbor_allgather(sbuf.as_mpi(), rbuf.as_mpi());
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, 3);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Neighbor_allgatherv(sbuf.as_mpi_c(3), rbuf.as_mpi_c(3));
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, 3);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Ineighbor_allgather(sbuf.as_mpi(), rbuf.as_mpi()).Wait();
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, 3);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Ineighbor_allgatherv(sbuf.as_mpi_c(3), rbuf.as_mpi_c(3)).Wait();
          for (const value of rbuf.flat) this.assertEqual(value, check);
        }
      }
      comm.Free();
    }
  }

  async testNeighborAlltoall() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, ssize] = get_neighbors_count(comm);
      for (const [array, typecode] of arrayimpl.loop()) {
        for (const v of range(3)) {
          const check = arrayimpl.scalar(v);
          let sbuf = new array(v, typecode, [ssize, 3]);
          let rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Neighbor_alltoall(sbuf.as_mpi(), rbuf.as_mpi_c(3));
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, [ssize, 3]);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Neighbor_alltoall(sbuf.as_mpi(), rbuf.as_mpi());
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, [ssize, 3]);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Neighbor_alltoallv(sbuf.as_mpi_c(3), rbuf.as_mpi_c(3));
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, [ssize, 3]);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Ineighbor_alltoall(sbuf.as_mpi(), rbuf.as_mpi()).Wait();
          for (const value of rbuf.flat) this.assertEqual(value, check);
          sbuf = new array(v, typecode, [ssize, 3]);
          rbuf = new array(-1, typecode, [rsize, 3]);
          await comm.Ineighbor_alltoallv(sbuf.as_mpi_c(3), rbuf.as_mpi_c(3)).Wait();
          for (const value of rbuf.flat) this.assertEqual(value, check);
        }
      }
      comm.Free();
    }
  }

  async testNeighborAlltoallw() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, ssize] = get_neighbors_count(comm);
      for (const [array, typecode] of arrayimpl.loop()) {
        for (const n of range(1, 4)) {
          for (const v of range(3)) {
            let check = arrayimpl.scalar(v);
            const sbuf = new array(v, typecode, [ssize, n]);
            const rbuf = new array(-1, typecode, [rsize, n]);
            const [sdt, rdt] = [sbuf.mpidtype as any, rbuf.mpidtype as any];
            const sdsp = steps(0, ssize * n * sdt.extent, n * sdt.extent);
            const rdsp = steps(0, rsize * n * rdt.extent, n * rdt.extent);
            const smsg: unknown[] = [sbuf.as_raw(), [repeat(n, ssize), sdsp], repeat(sdt, ssize)];
            const rmsg = [rbuf.as_raw(), [repeat(n, rsize), rdsp], repeat(rdt, rsize)];
            await comm.Neighbor_alltoallw(smsg, rmsg);
            for (const value of rbuf.flat) this.assertEqual(value, check);
            check = arrayimpl.scalar(v + 1);
            smsg[0] = new array(v + 1, typecode, [ssize, n]).as_raw();
            await comm.Ineighbor_alltoallw(smsg, rmsg).Wait();
            for (const value of rbuf.flat) this.assertEqual(value, check);
          }
        }
      }
      comm.Free();
    }
  }

  async testNeighborAlltoallwBottom() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, ssize] = get_neighbors_count(comm);
      for (const [array, typecode] of arrayimpl.loop()) {
        for (const n of range(1, 4)) {
          for (const v of range(3)) {
            let check = arrayimpl.scalar(v);
            const sbuf = new array(v, typecode, [ssize, n]);
            const rbuf = new array(-1, typecode, [rsize, n]);
            const saddr = MPI.Get_address(sbuf.as_raw());
            const raddr = MPI.Get_address(rbuf.as_raw());
            const [sdt, rdt] = [sbuf.mpidtype as any, rbuf.mpidtype as any];
            let sdsp = steps(0, ssize * n * sdt.extent, n * sdt.extent);
            let rdsp = steps(0, rsize * n * rdt.extent, n * rdt.extent);
            sdsp = sdsp.map((d) => saddr + d);
            rdsp = rdsp.map((d) => raddr + d);
            const smsg = [MPI.BOTTOM, [repeat(n, ssize), sdsp], repeat(sdt, ssize)];
            const rmsg = [MPI.BOTTOM, [repeat(n, rsize), rdsp], repeat(rdt, rsize)];
            await comm.Neighbor_alltoallw(smsg, rmsg);
            for (const value of rbuf.flat) this.assertEqual(value, check);
            check = arrayimpl.scalar(v + 1);
            sbuf.flat.set(new array(v + 1, typecode, [ssize, n]).flat);
            await comm.Ineighbor_alltoallw(smsg, rmsg).Wait();
            for (const value of rbuf.flat) this.assertEqual(value, check);
          }
        }
      }
      comm.Free();
    }
  }
}

class TestCCONghBufSelf extends BaseTestCCONghBuf {
  override COMM = MPI.COMM_SELF;
}

class TestCCONghBufWorld extends BaseTestCCONghBuf {
  override COMM = MPI.COMM_WORLD;
}

class TestCCONghBufSelfDup extends TestCCONghBufSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCONghBufWorldDup extends TestCCONghBufWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestCCONghBufSelf, TestCCONghBufWorld, TestCCONghBufSelfDup, TestCCONghBufWorldDup]);
