/**
 * `MPI.Cartcomm`: processes on a grid (`comm.Create_cart(dims, { periods })`). Ranks follow the
 * grid in row-major order (the last coordinate varies fastest); `Shift` gives the neighbours a
 * stencil exchanges with, MPI.PROC_NULL off a non-periodic edge. Neighbour collectives use the
 * 2·ndim neighbours in the order (dim 0 −1, dim 0 +1, dim 1 −1, …).
 */
import { captureCallSite } from '../call-site.js';
import type { RankRuntime } from '../runtime.js';
import * as alg from './algorithms.js';
import { runCollective } from './collective-transport.js';
import { ArgumentError, RankError } from './errors.js';
import type { Edges } from './neighbor-transport.js';
import { Topocomm } from './topocomm.js';
import { CART, coordsOf, rankOf } from './topology.js';

/** A Cartesian rank's neighbours: the message sent "up" lands in the receiver's "from below" slot (j ^ 1). */
function cartEdges(dims: readonly number[], periods: readonly boolean[], rank: number): Edges {
  const coords = coordsOf(dims, rank);
  const ranks: number[] = [];
  dims.forEach((_, d) => {
    for (const disp of [-1, +1]) {
      const c = [...coords];
      c[d] += disp;
      ranks.push(rankOf('Create_cart', dims, periods, c, false));
    }
  });
  return { sources: ranks, destinations: ranks, inKeys: ranks.map((_, j) => j ^ 1), outKeys: ranks.map((_, j) => j) };
}

export class Cartcomm extends Topocomm {
  private readonly cartDims: readonly number[];
  private readonly cartPeriods: readonly boolean[];

  constructor(rt: RankRuntime, id: string, members: readonly number[], rank: number, dims: readonly number[], periods: readonly boolean[]) {
    super(rt, id, members, rank, dims === undefined ? (undefined as never) : cartEdges(dims, periods, rank));
    this.cartDims = [...dims];
    this.cartPeriods = [...periods];
  }

  /** MPI.CART: this communicator has a Cartesian topology. */
  override Get_topology(): number {
    return CART;
  }
  /** A duplicate with the same grid and its own message space (mpi4py's `cart.Dup()` is a Cartcomm). Collective: `await` it. */
  override async Dup(): Promise<Cartcomm> {
    const d = await super.Dup();
    return new Cartcomm(this.rt, d.id, this.members, this.rank, this.cartDims, this.cartPeriods);
  }
  /** The number of dimensions. */
  Get_dim(): number {
    return this.cartDims.length;
  }
  /** The number of dimensions (mpi4py's `cart.dim`, as `Get_dim()`). */
  get dim(): number {
    return this.Get_dim();
  }
  /** The number of dimensions (mpi4py's `cart.ndim`, as `Get_dim()`). */
  get ndim(): number {
    return this.Get_dim();
  }
  /** `[dims, periods, coords]` of this rank. */
  Get_topo(): [number[], boolean[], number[]] {
    return [this.dims, this.periods, this.coords];
  }
  /** `[dims, periods, coords]` of this rank (as `Get_topo()`). */
  get topo(): [number[], boolean[], number[]] {
    return this.Get_topo();
  }
  /** Processes along each dimension. */
  get dims(): number[] {
    return [...this.cartDims];
  }
  /** Whether each dimension wraps around. */
  get periods(): boolean[] {
    return [...this.cartPeriods];
  }
  /** This rank's coordinates. */
  get coords(): number[] {
    return this.Get_coords(this.rank);
  }
  /** The coordinates of `rank` on the grid. */
  Get_coords(rank: number): number[] {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) throw new RankError(`Get_coords: rank ${rank} is not in this communicator (size ${this.size})`);
    return coordsOf(this.cartDims, rank);
  }
  /** The rank at `coords` (a periodic dimension wraps; off a non-periodic one is a RankError). */
  Get_cart_rank(coords: readonly number[]): number {
    return rankOf('Get_cart_rank', this.cartDims, this.cartPeriods, coords, true);
  }
  /**
   * `Shift(direction, disp)` → `[source, dest]`: the ranks `disp` steps below and above this one
   * along dimension `direction`; MPI.PROC_NULL where that falls off a non-periodic edge.
   * A halo exchange sends to `dest` and receives from `source`.
   */
  Shift(direction: number, disp = 1): [number, number] {
    if (!Number.isInteger(direction) || direction < 0 || direction >= this.Get_dim()) {
      throw new ArgumentError(`Shift: direction ${direction} is not a dimension (0..${this.Get_dim() - 1})`);
    }
    const at = (step: number) => {
      const c = this.coords;
      c[direction] += step;
      return rankOf('Shift', this.cartDims, this.cartPeriods, c, false);
    };
    return [at(-disp), at(disp)];
  }

  /**
   * `Sub(remain_dims)`: the sub-grid this rank is in, keeping the dimensions where `remain_dims`
   * is true (a row or a column of a 2-D grid). Collective; `await` it.
   */
  async Sub(remain_dims: readonly boolean[]): Promise<Cartcomm> {
    const site = captureCallSite();
    if (!Array.isArray(remain_dims) || remain_dims.length !== this.Get_dim()) {
      throw new ArgumentError(`Sub: remain_dims must give one boolean per dimension (${this.Get_dim()}), got ${JSON.stringify(remain_dims)}`);
    }
    const keep = remain_dims.map(Boolean);
    const id = this.nextChildId();
    await runCollective(this, { op: 'Sub', text: `Sub(${JSON.stringify(keep)})`, site }, (seq) => alg.barrier(this, seq));
    const mine = this.coords;
    // Members: the ranks with this rank's coordinates in the dropped dimensions, in rank order.
    const same = (r: number) => coordsOf(this.cartDims, r).every((c, d) => keep[d] || c === mine[d]);
    const ranks = Array.from({ length: this.size }, (_, r) => r).filter(same);
    const color = mine.filter((_, d) => !keep[d]).join('.');
    return new Cartcomm(this.rt, `${id}:${color}`, ranks.map((r) => this.members[r]), ranks.indexOf(this.rank),
      this.cartDims.filter((_, d) => keep[d]), this.cartPeriods.filter((_, d) => keep[d]));
  }
}
