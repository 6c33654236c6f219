/**
 * Reduction operations. Numbers and bigints combine as scalars; arrays and typed arrays combine
 * element by element (as numpy arrays do under mpi4py); MAXLOC/MINLOC combine `[value, index]`
 * pairs, ties going to the lower index, as MPI specifies.
 */
import { isTypedArray, type TypedArray } from '../transport/dtypes.js';
import { resolveBuffer } from './datatypes.js';
import { CountError, DatatypeError, OpError } from './errors.js';

export type ReduceFn = (a: any, b: any) => any;

export class Op {
  constructor(
    readonly name: string,
    /** Combines two values: `fn(earlier ranks' partial, later ranks' partial)`. */
    readonly fn: ReduceFn,
    readonly commute: boolean,
    /** Scalar ops apply element-wise to arrays; user ops and *LOC get whole values. */
    private readonly elementwise: boolean,
  ) {}

  static Create(fn: ReduceFn, commute = false): Op {
    if (typeof fn !== 'function') throw new OpError(`Op.Create: expected a function (a, b) => result, got ${typeof fn}`);
    return new Op(`user op ${fn.name || '(anonymous)'}`, fn, commute, false);
  }

  Is_commutative(): boolean {
    return this.commute;
  }

  Free(): void {}

  /**
   * `op.Reduce_local(inbuf, inoutbuf)`: `inoutbuf[i] = op(inbuf[i], inoutbuf[i])` on this rank
   * (MPI_Reduce_local). Both are buffer specifications with the same count and datatype.
   */
  Reduce_local(inbuf: unknown, inoutbuf: unknown): void {
    const input = resolveBuffer('Reduce_local', inbuf);
    const inout = resolveBuffer('Reduce_local', inoutbuf);
    if (input.constructor !== inout.constructor) {
      throw new DatatypeError(`Reduce_local: the buffers hold different datatypes (${input.constructor.name} and ${inout.constructor.name}); reduce buffers of one datatype`);
    }
    if (input.length !== inout.length) throw new CountError(`Reduce_local: the buffers hold ${input.length} and ${inout.length} elements; they must hold as many`);
    (inout as any).set(this.apply(input, inout) as TypedArray);
  }

  /** Whether the op is commutative (mpi4py's property). */
  get is_commutative(): boolean {
    return this.commute;
  }

  /** Applies the op to two partial results of the same shape. */
  apply(a: unknown, b: unknown): unknown {
    if (!this.elementwise) return this.fn(a, b);
    if (isTypedArray(a) && isTypedArray(b)) return zipTyped(this, a, b);
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) throw new OpError(`${this.name}: arrays of different lengths (${a.length} and ${b.length}) cannot be reduced element-wise`);
      return a.map((x, i) => this.apply(x, b[i]));
    }
    return this.fn(a, b);
  }

  toString(): string {
    return this.name;
  }
}

function zipTyped(op: Op, a: TypedArray, b: TypedArray): TypedArray {
  if (a.length !== b.length) throw new OpError(`${op.name}: buffers of different lengths (${a.length} and ${b.length}) cannot be reduced`);
  const out = a.slice() as TypedArray;
  for (let i = 0; i < out.length; i++) (out as any)[i] = op.fn((a as any)[i], (b as any)[i]);
  return out;
}

const bool = (x: unknown): boolean => Boolean(x);
const asBoolNumber = (x: boolean, like: unknown): unknown => (typeof like === 'boolean' ? x : typeof like === 'bigint' ? BigInt(x) : Number(x));

function loc(better: (x: any, y: any) => boolean) {
  return (a: [any, number], b: [any, number]): [any, number] => {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== 2 || b.length !== 2) {
      throw new OpError('MAXLOC/MINLOC: each rank must contribute a [value, index] pair');
    }
    if (better(a[0], b[0])) return a;
    if (better(b[0], a[0])) return b;
    return a[1] <= b[1] ? a : b;
  };
}

export const OPS = {
  SUM: new Op('MPI.SUM', (a, b) => a + b, true, true),
  PROD: new Op('MPI.PROD', (a, b) => a * b, true, true),
  MAX: new Op('MPI.MAX', (a, b) => (b > a ? b : a), true, true),
  MIN: new Op('MPI.MIN', (a, b) => (b < a ? b : a), true, true),
  LAND: new Op('MPI.LAND', (a, b) => asBoolNumber(bool(a) && bool(b), a), true, true),
  LOR: new Op('MPI.LOR', (a, b) => asBoolNumber(bool(a) || bool(b), a), true, true),
  LXOR: new Op('MPI.LXOR', (a, b) => asBoolNumber(bool(a) !== bool(b), a), true, true),
  BAND: new Op('MPI.BAND', (a, b) => a & b, true, true),
  BOR: new Op('MPI.BOR', (a, b) => a | b, true, true),
  BXOR: new Op('MPI.BXOR', (a, b) => a ^ b, true, true),
  MAXLOC: new Op('MPI.MAXLOC', loc((x, y) => x > y), true, false),
  MINLOC: new Op('MPI.MINLOC', loc((x, y) => x < y), true, false),
  /** Keeps the later value (MPI.REPLACE, for accumulate-style use). */
  REPLACE: new Op('MPI.REPLACE', (_a, b) => b, false, true),
  /** Keeps the earlier value: the result is the lowest rank's (MPI.NO_OP). */
  NO_OP: new Op('MPI.NO_OP', (a, _b) => a, false, true),
  /** The null op: no reduction takes it (MPI.OP_NULL). */
  OP_NULL: new Op('MPI.OP_NULL', () => {
    throw new OpError('MPI.OP_NULL cannot reduce anything; pass an op such as MPI.SUM');
  }, false, false),
} as const;

export function checkOp(method: string, op: unknown): Op {
  if (op === undefined) return OPS.SUM;
  if (op === OPS.OP_NULL) throw new OpError(`${method}: op is MPI.OP_NULL; pass an op such as MPI.SUM or one made by MPI.Op.Create(fn)`);
  if (!(op instanceof Op)) throw new OpError(`${method}: op must be an MPI op such as MPI.SUM or one made by MPI.Op.Create(fn), got ${typeof op}`);
  return op;
}
