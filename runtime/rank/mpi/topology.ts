/**
 * Process topologies, the arithmetic only: MPI_Dims_create (`MPI.Compute_dims`), Cartesian
 * coordinates and shifts, and the argument checks the `Create_*` calls share. No messages here;
 * the communicators are in cartcomm.ts and graphcomm.ts.
 */
import { ArgumentError, RankError } from './errors.js';
import { PROC_NULL } from './matching.js';

/** What `comm.Get_topology()` returns (MPI_Topo_test); a communicator with none gives MPI.UNDEFINED. */
export const CART = 1;
export const GRAPH = 2;
export const DIST_GRAPH = 3;

/** `Create_dist_graph*` weights: none given (MPI_UNWEIGHTED), or an empty weighted list (MPI_WEIGHTS_EMPTY). */
/** (A class of its own, so that an options object is never mistaken for one.) */
class WeightsConstant {
  constructor(readonly name: string) {}
  toString(): string {
    return this.name;
  }
}
export const UNWEIGHTED = Object.freeze(new WeightsConstant('MPI.UNWEIGHTED'));
export const WEIGHTS_EMPTY = Object.freeze(new WeightsConstant('MPI.WEIGHTS_EMPTY'));

/**
 * MPI_Dims_create: fills the zero entries of `dims` (or `ndims` zeros) so that the product is
 * `nnodes`, as balanced as possible, in non-increasing order. Non-zero entries are kept.
 */
export function computeDims(nnodes: number, dims: number | readonly number[]): number[] {
  const out = typeof dims === 'number' ? Array<number>(dims).fill(0) : [...dims];
  if (!Number.isInteger(nnodes) || nnodes < 0) throw new ArgumentError(`Compute_dims: nnodes must be an integer >= 0, got ${nnodes}`);
  if (!out.every((d) => Number.isInteger(d) && d >= 0)) throw new ArgumentError(`Compute_dims: dims must be integers >= 0 (0: to be chosen), got ${JSON.stringify(dims)}`);
  const fixed = out.filter((d) => d > 0).reduce((a, b) => a * b, 1);
  const free = out.map((d, i) => (d === 0 ? i : -1)).filter((i) => i >= 0);
  if (free.length === 0) {
    if (fixed !== nnodes) throw new ArgumentError(`Compute_dims: the dims ${JSON.stringify(dims)} make ${fixed} processes, not ${nnodes}`);
    return out;
  }
  if (nnodes % fixed !== 0) throw new ArgumentError(`Compute_dims: ${nnodes} processes cannot be split with the fixed dims ${JSON.stringify(dims)} (product ${fixed})`);
  // Largest prime factors first, each to the dimension that is smallest so far: balanced sizes.
  const sizes = Array<number>(free.length).fill(1);
  for (const p of primeFactors(nnodes / fixed).reverse()) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    sizes[smallest] *= p;
  }
  sizes.sort((a, b) => b - a);
  free.forEach((i, k) => (out[i] = sizes[k]));
  return out;
}

function primeFactors(n: number): number[] {
  const fs: number[] = [];
  for (let p = 2; p * p <= n; p++) for (; n % p === 0; n /= p) fs.push(p);
  if (n > 1) fs.push(n);
  return fs;
}

/** `periods` as mpi4py takes it: None (none periodic), one boolean for all, or one per dimension. */
export function periodsArg(op: string, periods: unknown, ndim: number): boolean[] {
  if (periods === undefined || periods === null) return Array<boolean>(ndim).fill(false);
  if (typeof periods === 'boolean') return Array<boolean>(ndim).fill(periods);
  if (!Array.isArray(periods) || periods.length !== ndim) {
    throw new ArgumentError(`${op}: periods must give one boolean per dimension (${ndim}), got ${JSON.stringify(periods)}`);
  }
  return periods.map(Boolean);
}

/** A list of integers, checked, naming the call and the argument. */
export function intList(op: string, name: string, x: unknown, min = 0): number[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x) || !x.every((v) => Number.isInteger(v) && v >= min)) {
    throw new ArgumentError(`${op}: ${name} must be a list of integers >= ${min}, got ${JSON.stringify(x)}`);
  }
  return [...x];
}

/** Row-major (C order) coordinates of `rank` in a grid of `dims`. */
export function coordsOf(dims: readonly number[], rank: number): number[] {
  const coords = Array<number>(dims.length).fill(0);
  for (let i = dims.length - 1; i >= 0; i--) {
    coords[i] = rank % dims[i];
    rank = Math.floor(rank / dims[i]);
  }
  return coords;
}

/** The rank at `coords` (periodic dimensions wrap); off a non-periodic edge: PROC_NULL, or a RankError if `strict`. */
export function rankOf(op: string, dims: readonly number[], periods: readonly boolean[], coords: readonly number[], strict: boolean): number {
  if (coords.length !== dims.length) throw new ArgumentError(`${op}: expected ${dims.length} coordinates, got ${coords.length}`);
  let rank = 0;
  for (let i = 0; i < dims.length; i++) {
    let c = coords[i];
    if (periods[i]) c = ((c % dims[i]) + dims[i]) % dims[i];
    else if (c < 0 || c >= dims[i]) {
      if (strict) throw new RankError(`${op}: coordinate ${c} of dimension ${i} is outside 0..${dims[i] - 1} (not periodic)`);
      return PROC_NULL;
    }
    rank = rank * dims[i] + c;
  }
  return rank;
}
