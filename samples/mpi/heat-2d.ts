// heat-2d: heat spreading through a square plate, the plate split among the ranks as a 2-D grid.
// The top edge is held at 100 degrees, the other edges at 0. Each step, every point becomes the
// average of its four neighbours (Jacobi iteration). A rank owns one block of the plate and needs
// one row or column of each neighbouring block (its "halo"): the halo exchange.
// Run: rankscope run -n 4 samples/mpi/heat-2d.ts
import { MPI } from 'rankscope/mpi';

const comm = MPI.COMM_WORLD;
const N = 24; // points per side of the whole plate
const STEPS = 40;
const TOP = 100; // temperature of the top edge

// 1. A balanced grid of processes (4 ranks: 2 x 2), not periodic: the plate has edges.
const dims = MPI.Compute_dims(comm.size, 2);
const cart = (await comm.Create_cart(dims, { periods: [false, false] }))!;
const [row, col] = cart.coords;
if (N % dims[0] !== 0 || N % dims[1] !== 0) throw new Error(`${N} points do not split evenly over a ${dims.join(' x ')} grid`);
const ny = N / dims[0]; // rows of this rank's block
const nx = N / dims[1]; // columns

// 2. Who the neighbours are. Shift(dim, 1) gives [the rank before, the rank after] along that
//    dimension; MPI.PROC_NULL where the plate ends (sending to it or receiving from it does nothing).
const [up, down] = cart.Shift(0, 1);
const [left, right] = cart.Shift(1, 1);
const show = (r: number) => (r === MPI.PROC_NULL ? 'none' : String(r));
console.log(`rank ${cart.rank} at (${row}, ${col}): up ${show(up)}, down ${show(down)}, left ${show(left)}, right ${show(right)}`);

// The block with a one-point halo around it: (ny + 2) x (nx + 2) values, row by row.
const W = nx + 2;
let u = new Float64Array((ny + 2) * W);
let next = new Float64Array((ny + 2) * W);
const at = (i: number, j: number) => i * W + j;

// 3. The halo exchange with one neighbour collective. Blocks go in the Cartesian neighbour order
//    (up, down, left, right); each block is B values long, B = the longer side of the block.
const B = Math.max(nx, ny);
const sendbuf = new Float64Array(4 * B);
const recvbuf = new Float64Array(4 * B);

async function exchangeHalo(): Promise<void> {
  for (let j = 0; j < nx; j++) {
    sendbuf[0 * B + j] = u[at(1, j + 1)]; // my top row goes up
    sendbuf[1 * B + j] = u[at(ny, j + 1)]; // my bottom row goes down
  }
  for (let i = 0; i < ny; i++) {
    sendbuf[2 * B + i] = u[at(i + 1, 1)]; // my left column goes left
    sendbuf[3 * B + i] = u[at(i + 1, nx)]; // my right column goes right
  }
  // Where there is no neighbour (PROC_NULL) nothing arrives, so the block keeps what we put in
  // it now: the temperature of the plate's edge.
  recvbuf.fill(0);
  recvbuf.fill(TOP, 0, B);
  await cart.Neighbor_alltoall(sendbuf, recvbuf);
  for (let j = 0; j < nx; j++) {
    u[at(0, j + 1)] = recvbuf[0 * B + j]; // from up: my top halo
    u[at(ny + 1, j + 1)] = recvbuf[1 * B + j]; // from down: my bottom halo
  }
  for (let i = 0; i < ny; i++) {
    u[at(i + 1, 0)] = recvbuf[2 * B + i]; // from left
    u[at(i + 1, nx + 1)] = recvbuf[3 * B + i]; // from right
  }
}

// 4. Iterate: exchange halos, update every point, and add up the change over the whole plate.
const totals = new Float64Array(2);
for (let step = 1; step <= STEPS; step++) {
  await exchangeHalo();
  let change = 0;
  let sum = 0;
  for (let i = 1; i <= ny; i++) {
    for (let j = 1; j <= nx; j++) {
      const v = (u[at(i - 1, j)] + u[at(i + 1, j)] + u[at(i, j - 1)] + u[at(i, j + 1)]) / 4;
      change += (v - u[at(i, j)]) ** 2;
      sum += v;
      next[at(i, j)] = v;
    }
  }
  [u, next] = [next, u];
  // Every rank needs the residual to decide together when to stop: Allreduce sums it everywhere.
  await cart.Allreduce(new Float64Array([change, sum]), totals, MPI.SUM);
  const residual = Math.sqrt(totals[0]);
  if (cart.rank === 0 && (step % 10 === 0 || step === STEPS)) {
    console.log(`step ${step}: residual ${residual.toFixed(4)}, mean temperature ${(totals[1] / (N * N)).toFixed(4)}`);
  }
}
cart.Free();
