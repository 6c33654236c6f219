// Port of mpi4py test/test_msgzero.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;

abstract class BaseTestMessageZero extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;
  null_b: any = [null, MPI.INT];
  null_v: any = [null, [0, null], MPI.INT];

  async testPointToPoint() {
    const comm = this.COMM;
    // mpi4py passes every argument by keyword; the buffer goes first, positionally (README.md).
    await comm.Sendrecv(this.null_b, { dest: comm.rank, recvbuf: this.null_b, source: comm.rank });
    const r2 = comm.Irecv(this.null_b, comm.rank);
    const r1 = comm.Isend(this.null_b, comm.rank);
    await MPI.Request.Waitall([r1, r2]);
  }

  async testCollectivesBlock() {
    const comm = this.COMM;
    await comm.Bcast(this.null_b);
    await comm.Gather(this.null_b, this.null_b);
    await comm.Scatter(this.null_b, this.null_b);
    await comm.Allgather(this.null_b, this.null_b);
    await comm.Alltoall(this.null_b, this.null_b);
  }

  async testCollectivesVector() {
    const comm = this.COMM;
    await comm.Gatherv(this.null_b, this.null_v);
    await comm.Scatterv(this.null_v, this.null_b);
    await comm.Allgatherv(this.null_b, this.null_v);
    await comm.Alltoallv(this.null_v, this.null_v);
  }

  async testReductions() {
    const comm = this.COMM;
    await comm.Reduce(this.null_b, this.null_b);
    await comm.Allreduce(this.null_b, this.null_b);
    await comm.Reduce_scatter_block(this.null_b, this.null_b);
    const rcnt = Array(comm.Get_size()).fill(0);
    await comm.Reduce_scatter(this.null_b, this.null_b, rcnt);
    await this.catchNotImplementedError(1, 1, () => comm.Scan(this.null_b, this.null_b));
    await this.catchNotImplementedError(2, 0, () => comm.Exscan(this.null_b, this.null_b));
  }
}

class TestMessageZeroSelf extends BaseTestMessageZero {
  override COMM = MPI.COMM_SELF;
}

class TestMessageZeroWorld extends BaseTestMessageZero {
  override COMM = MPI.COMM_WORLD;
}

await main([TestMessageZeroSelf, TestMessageZeroWorld]);
