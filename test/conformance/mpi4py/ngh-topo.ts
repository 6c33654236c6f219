// mpi4py's create_topo_comms and get_neighbors_count, shared by test_cco_ngh_obj and test_cco_ngh_buf.
import { MPI } from 'rankscope/mpi';
import { mod } from './unittest.js';

type Comm = InstanceType<typeof MPI.Intracomm>;
export type Topo = InstanceType<typeof MPI.Topocomm>;

export async function* create_topo_comms(comm: Comm): AsyncGenerator<Topo> {
  const size = comm.Get_size();
  const rank = comm.Get_rank();
  // Cartesian (mpi4py's `int(size**1 / 2.0)`: half the size, not a square root; kept as it is)
  const n = Math.trunc(size ** 1 / 2.0);
  const m = Math.trunc(size ** 1 / 3.0);
  let dims: number[];
  if (m * m * m === size) dims = [m, m, m];
  else if (n * n === size) dims = [n, n];
  else dims = [size];
  const periods = Array(dims.length).fill(true);
  yield (await comm.Create_cart(dims, { periods }))!;
  // Graph
  const index = [0];
  const edges: number[] = [];
  for (let i = 0; i < size; i++) {
    const pos = index[index.length - 1];
    index.push(pos + 2);
    edges.push(mod(i - 1, size), mod(i + 1, size));
  }
  yield (await comm.Create_graph(index, edges))!;
  // Dist Graph
  const sources = [mod(rank - 2, size), mod(rank - 1, size)];
  const destinations = [mod(rank + 1, size), mod(rank + 2, size)];
  yield await comm.Create_dist_graph_adjacent(sources, destinations);
}

export function get_neighbors_count(comm: Topo): [number, number] {
  const topo = comm.Get_topology();
  if (topo === MPI.CART) {
    const ndim = (comm as InstanceType<typeof MPI.Cartcomm>).Get_dim();
    return [2 * ndim, 2 * ndim];
  }
  if (topo === MPI.GRAPH) {
    const rank = comm.Get_rank();
    const nneighbors = (comm as InstanceType<typeof MPI.Graphcomm>).Get_neighbors_count(rank);
    return [nneighbors, nneighbors];
  }
  if (topo === MPI.DIST_GRAPH) {
    const [indeg, outdeg, _w] = (comm as InstanceType<typeof MPI.Distgraphcomm>).Get_dist_neighbors_count();
    return [indeg, outdeg];
  }
  return [0, 0];
}

/** mpi4py's module-level probe: a neighbour collective on a one-process grid. */
export async function have_feature(): Promise<boolean> {
  const cartcomm = (await MPI.COMM_SELF.Create_cart([1], { periods: [false] }))!;
  try {
    await cartcomm.neighbor_allgather(null);
    return true;
  } finally {
    cartcomm.Free();
  }
}
