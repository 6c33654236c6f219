// Port of mpi4py test/test_comm_topo.py (conventions: README.md).
import { MPI } from 'rankscope/mpi';
import { main, mod, TestCase } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Building a topology out of another communicator: `MPI.Cartcomm(graph)` in Python. */
const convert = (cls: unknown, comm: unknown) => new (cls as new (c: unknown) => unknown)(comm);

class TestTopoConstructor extends TestCase {
  async testConstructorTopocomm() {
    const comm = MPI.COMM_SELF;
    await this.assertRaises(TypeError, () => convert(MPI.Topocomm, comm));
  }

  async testConstructorCartcomm() {
    const comm = MPI.COMM_SELF;
    const cart = (await comm.Create_cart([1]))!;
    await this.assertRaises(TypeError, () => convert(MPI.Graphcomm, cart));
    await this.assertRaises(TypeError, () => convert(MPI.Distgraphcomm, cart));
    cart.Free();
  }

  async testConstructorGraphcomm() {
    const comm = MPI.COMM_SELF;
    const graph = (await comm.Create_graph([0, 1], [0]))!;
    await this.assertRaises(TypeError, () => convert(MPI.Cartcomm, graph));
    await this.assertRaises(TypeError, () => convert(MPI.Distgraphcomm, graph));
    graph.Free();
  }

  async testConstructorDistGraphcomm() {
    const comm = MPI.COMM_SELF;
    const distgraph = await comm.Create_dist_graph([], [], []);
    await this.assertRaises(TypeError, () => convert(MPI.Cartcomm, distgraph));
    await this.assertRaises(TypeError, () => convert(MPI.Graphcomm, distgraph));
    distgraph.Free();
    // Python's ValueError for a malformed argument is MPI.ArgumentError (README.md).
    await this.assertRaises(MPI.ArgumentError, () => comm.Create_dist_graph_adjacent([0], [0], MPI.WEIGHTS_EMPTY, MPI.WEIGHTS_EMPTY));
  }
}

abstract class BaseTestTopo extends TestCase {
  COMM: Comm = MPI.COMM_NULL as unknown as Comm;

  /** C and Fortran handles (`toint`, `py2f`) do not exist here (README.md, skipped). */
  checkHandle(_oldcomm: unknown) {}

  async testCartcomm() {
    const comm = this.COMM;
    const size = comm.Get_size();
    comm.Get_rank();
    for (const ndim of [1, 2, 3, 4, 5]) {
      let dims = MPI.Compute_dims(size, Array(ndim).fill(0));
      const periods = Array(dims.length).fill(true);
      const topo = (await comm.Create_cart(dims, { periods }))!;
      this.assertTrue(topo.is_topo);
      this.assertEqual(topo.topology, MPI.CART);
      this.checkHandle(topo);
      this.assertEqual(topo.dim, dims.length);
      this.assertEqual(topo.ndim, dims.length);
      const coords = topo.coords;
      this.assertEqual(coords, topo.Get_coords(topo.rank));
      this.assertEqual(topo.topo, [dims, periods, coords]);
      const neighbors: number[] = [];
      const coordinates = topo.Get_coords(topo.rank);
      for (const i of range(ndim)) {
        for (const d of [-1, +1]) {
          const coord = [...coordinates];
          coord[i] = mod(coord[i] + d, dims[i]);
          const neigh = topo.Get_cart_rank(coord);
          this.assertEqual(coord, topo.Get_coords(neigh));
          const [_source, dest] = topo.Shift(i, d);
          this.assertEqual(neigh, dest);
          neighbors.push(neigh);
        }
      }
      this.assertEqual(topo.indegree, neighbors.length);
      this.assertEqual(topo.outdegree, neighbors.length);
      this.assertEqual(topo.inedges, neighbors);
      this.assertEqual(topo.outedges, neighbors);
      const [inedges, outedges] = topo.inoutedges;
      this.assertEqual(inedges, neighbors);
      this.assertEqual(outedges, neighbors);
      if (ndim === 1) {
        topo.Free();
        continue;
      }
      for (const i of range(ndim)) {
        const rem_dims = Array(ndim).fill(true);
        rem_dims[i] = false;
        const sub = await topo.Sub(rem_dims);
        if (sub !== MPI.COMM_NULL) {
          this.assertEqual(sub.dim, ndim - 1);
          dims = topo.dims;
          dims.splice(i, 1);
          this.assertEqual(sub.dims, dims);
          sub.Free();
        }
      }
      topo.Free();
    }
    await this.assertRaises(MPI.ArgumentError, async () => (await comm.Create_cart([comm.Get_size()], []))!.Free());
    await this.assertRaises(MPI.ArgumentError, async () => (await comm.Create_cart([comm.Get_size()], [false, false]))!.Free());
  }

  async testCartcommZeroDim() {
    const comm = this.COMM;
    const topo = await comm.Create_cart([]);
    if (topo === MPI.COMM_NULL) return;
    this.assertEqual(topo.dim, 0);
    this.assertEqual(topo.dims, []);
    this.assertEqual(topo.periods, []);
    this.assertEqual(topo.coords, []);
    const rank = topo.Get_cart_rank([]);
    this.assertEqual(rank, 0);
    const [inedges, outedges] = topo.inoutedges;
    this.assertEqual(inedges, []);
    this.assertEqual(outedges, []);
    topo.Free();
  }

  async testGraphcomm() {
    const comm = this.COMM;
    const size = comm.Get_size();
    let rank = comm.Get_rank();
    const index = [0];
    const edges: number[] = [];
    for (const i of range(size)) {
      const pos = index[index.length - 1];
      index.push(pos + 2);
      edges.push(mod(i - 1, size), mod(i + 1, size));
    }
    let topo = (await comm.Create_graph(index.slice(1), edges))!;
    this.assertTrue(topo.is_topo);
    this.assertEqual(topo.topology, MPI.GRAPH);
    this.checkHandle(topo);
    topo.Free();
    topo = (await comm.Create_graph(index, edges))!;
    this.assertEqual(topo.dims, [index.length - 1, edges.length]);
    this.assertEqual(topo.nnodes, index.length - 1);
    this.assertEqual(topo.nedges, edges.length);
    this.assertEqual(topo.index, index.slice(1));
    this.assertEqual(topo.edges, edges);
    this.assertEqual(topo.topo, [index.slice(1), edges]);
    const neighbors = edges.slice(index[rank], index[rank + 1]);
    this.assertEqual(neighbors, topo.neighbors);
    this.assertEqual(neighbors.length, topo.nneighbors);
    for (rank of range(size)) {
      const neighs = topo.Get_neighbors(rank);
      this.assertEqual(neighs, [mod(rank - 1, size), mod(rank + 1, size)]);
    }
    this.assertEqual(topo.indegree, neighbors.length);
    this.assertEqual(topo.outdegree, neighbors.length);
    this.assertEqual(topo.inedges, neighbors);
    this.assertEqual(topo.outedges, neighbors);
    const [inedges, outedges] = topo.inoutedges;
    this.assertEqual(inedges, neighbors);
    this.assertEqual(outedges, neighbors);
    topo.Free();
  }

  async testDistgraphcommAdjacent() {
    const comm = this.COMM;
    const size = comm.Get_size();
    const rank = comm.Get_rank();
    let topo = await comm.Create_dist_graph_adjacent(null, null);
    topo.Free();
    //
    const sources = [mod(rank - 2, size), mod(rank - 1, size)];
    const destinations = [mod(rank + 1, size), mod(rank + 2, size)];
    topo = await comm.Create_dist_graph_adjacent(sources, destinations);
    this.assertTrue(topo.is_topo);
    this.assertEqual(topo.topology, MPI.DIST_GRAPH);
    this.checkHandle(topo);
    this.assertEqual(topo.Get_dist_neighbors_count(), [2, 2, false]);
    this.assertEqual(topo.Get_dist_neighbors(), [sources, destinations, null]);
    this.assertEqual(topo.indegree, sources.length);
    this.assertEqual(topo.outdegree, destinations.length);
    this.assertEqual(topo.inedges, sources);
    this.assertEqual(topo.outedges, destinations);
    const [inedges, outedges] = topo.inoutedges;
    this.assertEqual(inedges, sources);
    this.assertEqual(outedges, destinations);
    topo.Free();
    //
    const sourceweights = [1, 2];
    const destweights = [3, 4];
    const weights = [sourceweights, destweights];
    topo = await comm.Create_dist_graph_adjacent(sources, destinations, sourceweights, destweights);
    this.assertEqual(topo.Get_dist_neighbors_count(), [2, 2, true]);
    this.assertEqual(topo.Get_dist_neighbors(), [sources, destinations, weights]);
    topo.Free();
    //
    topo = await comm.Create_dist_graph_adjacent(sources, null, MPI.UNWEIGHTED, null);
    this.assertEqual(topo.Get_dist_neighbors_count(), [2, 0, false]);
    this.assertEqual(topo.Get_dist_neighbors(), [sources, [], null]);
    topo.Free();
    topo = await comm.Create_dist_graph_adjacent(null, destinations, null, MPI.UNWEIGHTED);
    this.assertEqual(topo.Get_dist_neighbors_count(), [0, 2, false]);
    this.assertEqual(topo.Get_dist_neighbors(), [[], destinations, null]);
    topo.Free();
    if (MPI.Get_version()[0] < 3) return;
    topo = await comm.Create_dist_graph_adjacent([], [], MPI.WEIGHTS_EMPTY, MPI.WEIGHTS_EMPTY);
    this.assertEqual(topo.Get_dist_neighbors_count(), [0, 0, true]);
    this.assertEqual(topo.Get_dist_neighbors(), [[], [], [[], []]]);
    topo.Free();
  }

  async testDistgraphcomm() {
    const comm = this.COMM;
    const size = comm.Get_size();
    const rank = comm.Get_rank();
    //
    let topo = await comm.Create_dist_graph([], [], [], MPI.UNWEIGHTED);
    topo.Free();
    //
    const sources = [rank];
    const degrees = [3];
    const destinations = [mod(rank - 1, size), rank, mod(rank + 1, size)];
    topo = await comm.Create_dist_graph(sources, degrees, destinations, MPI.UNWEIGHTED);
    this.assertTrue(topo.is_topo);
    this.assertEqual(topo.topology, MPI.DIST_GRAPH);
    this.checkHandle(topo);
    this.assertEqual(topo.Get_dist_neighbors_count(), [3, 3, false]);
    topo.Free();
    const weights = [1, 2, 3];
    topo = await comm.Create_dist_graph(sources, degrees, destinations, weights);
    this.assertEqual(topo.Get_dist_neighbors_count(), [3, 3, true]);
    topo.Free();
  }

  async testCartMap() {
    const comm = this.COMM;
    const size = comm.Get_size();
    for (const ndim of [1, 2, 3, 4, 5]) {
      for (const periods of [null, true, false]) {
        const dims = MPI.Compute_dims(size, ndim);
        const topo = (await comm.Create_cart(dims, periods, { reorder: true }))!;
        const rank = comm.Cart_map(dims, periods);
        this.assertEqual(topo.Get_rank(), rank);
        topo.Free();
      }
    }
  }

  async testGraphMap() {
    const comm = this.COMM;
    const size = comm.Get_size();
    const index = [0];
    const edges: number[] = [];
    for (const i of range(size)) {
      const pos = index[index.length - 1];
      index.push(pos + 2);
      edges.push(mod(i - 1, size), mod(i + 1, size));
    }
    // Version 1
    let topo = (await comm.Create_graph(index, edges, { reorder: true }))!;
    let rank = comm.Graph_map(index, edges);
    this.assertEqual(topo.Get_rank(), rank);
    topo.Free();
    // Version 2
    topo = (await comm.Create_graph(index.slice(1), edges, { reorder: true }))!;
    rank = comm.Graph_map(index.slice(1), edges);
    this.assertEqual(topo.Get_rank(), rank);
    topo.Free();
  }
}

class TestTopoSelf extends BaseTestTopo {
  override COMM = MPI.COMM_SELF;
}

class TestTopoWorld extends BaseTestTopo {
  override COMM = MPI.COMM_WORLD;
}

class TestTopoSelfDup extends TestTopoSelf {
  override async setUp() {
    this.COMM = await MPI.COMM_SELF.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

class TestTopoWorldDup extends TestTopoWorld {
  override async setUp() {
    this.COMM = await MPI.COMM_WORLD.Dup();
  }
  override tearDown() {
    this.COMM.Free();
  }
}

await main([TestTopoConstructor, TestTopoSelf, TestTopoWorld, TestTopoSelfDup, TestTopoWorldDup]);
