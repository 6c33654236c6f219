// Port of mpi4py test/test_cco_ngh_obj.py (conventions: README.md). The topologies are in ngh-topo.ts.
import { MPI } from 'rankscope/mpi';
import { create_topo_comms, get_neighbors_count, have_feature } from './ngh-topo.js';
import { main, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
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
let messages: unknown[] = [
  ..._basic,
  [..._basic], // list
  [..._basic], // tuple
  Object.fromEntries(_basic.map((v, k) => [`k${k}`, v])),
];
messages = [...messages, messages];

const repeat = <T>(x: T, n: number): T[] => Array(n).fill(x);

// @unittest.skipIf(not have_feature(), "mpi-neighbor"): the probe runs plainly (README.md).
await have_feature();

abstract class BaseTestCCONghObj extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  async testNeighborAllgather() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, _ssize] = get_neighbors_count(comm);
      for (const smess of messages) {
        const rmess = await comm.neighbor_allgather(smess);
        this.assertEqual(rmess, repeat(smess, rsize));
      }
      comm.Free();
    }
  }

  async testNeighborAlltoall() {
    for await (const comm of create_topo_comms(this.COMM)) {
      const [rsize, ssize] = get_neighbors_count(comm);
      for (const smess of messages) {
        const rmess = await comm.neighbor_alltoall(repeat(smess, ssize));
        this.assertEqual(rmess, repeat(smess, rsize));
      }
      comm.Free();
    }
  }
}

class TestCCONghObjSelf extends BaseTestCCONghObj {
  override COMM = MPI.COMM_SELF;
}

class TestCCONghObjWorld extends BaseTestCCONghObj {
  override COMM = MPI.COMM_WORLD;
}

class TestCCONghObjSelfDup extends TestCCONghObjSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestCCONghObjWorldDup extends TestCCONghObjWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestCCONghObjSelf, TestCCONghObjWorld, TestCCONghObjSelfDup, TestCCONghObjWorldDup]);
