/**
 * `MPI.Op`: reduction operations with mpi4py's behaviour. An op is callable, `op(x, y)`, as in
 * mpi4py. Two calling conventions, as mpi4py's:
 * - lower-case reductions (`reduce`, `allreduce`, `scan`, `exscan`) and `op(x, y)` combine two
 *   objects and use the result: a user function is called `fn(x, y, null)` and returns it;
 * - buffer reductions (`Reduce`, `Allreduce`, …, `Reduce_local`) call a user function
 *   `fn(invec, inoutvec, datatype)`, which writes its result into `inoutvec` in place.
 * Either way the earlier ranks' partial result comes first: a non-commutative op is applied in
 * rank order. Predefined ops combine numbers and bigints as scalars and arrays element by
 * element (as numpy arrays under mpi4py); MAXLOC/MINLOC combine `[value, index]` pairs.
 */
import { isTypedArray, type TypedArray } from '../transport/dtypes.js';
import type { Datatype } from './datatype.js';
import { datatypeOfKind, landed, resolveBuffer, specDatatype } from './datatypes.js';
import { CountError, DatatypeError, OpError } from './errors.js';
import { combineElementwise, PREDEFINED, type Predefined } from './op-functions.js';
import { notPairs, reducePairs } from './pair-ops.js';
import { callUserOp } from './user-op-call.js';

/** A user-defined reduction: mpi4py's `fn(invec, inoutvec, datatype)` (datatype `null` for objects). */
export type UserFunction = (x: any, y: any, datatype: Datatype | null) => any;

/** What a reduction algorithm needs: how to combine an earlier ranks' partial with a later one. */
export interface Reducer {
  readonly commute: boolean;
  /** The datatype the call's buffer specifications name, if any (a count counts its elements). */
  readonly datatype?: Datatype;
  apply(earlier: unknown, later: unknown): unknown;
  toString(): string;
}

/** The MPI handle an op refers to; `new MPI.Op(op)` makes another op object with the same handle. */
interface Handle {
  readonly name: string;
  readonly commute: boolean;
  readonly predefined?: Predefined;
  readonly user?: UserFunction;
  /** mpi4py's registry slot of a user op (it allows 32 at a time); 0 for predefined ops. */
  slot: number;
  freed: boolean;
}

const MAX_USER_OPS = 32;
const registry: (Handle | null)[] = Array(MAX_USER_OPS + 1).fill(null);
const handles = new WeakMap<object, Handle>();
const NULL_HANDLE: Handle = { name: 'MPI.OP_NULL', commute: false, slot: 0, freed: false };

function handleOf(op: Op): Handle {
  return handles.get(op) ?? NULL_HANDLE;
}

/** mpi4py's `op(x, y)`: a predefined op's combination, or a user function called `fn(x, y, null)`. */
function call(op: Op, args: unknown[]): unknown {
  const h = handleOf(op);
  if (args.length !== 2) throw new TypeError(`${h.name}: an op is called with two arguments, op(x, y); got ${args.length}`);
  return objectApply(h, args[0], args[1]);
}

function usable(h: Handle, method: string): Handle {
  if (h.freed) throw new OpError(`${method}: ${h.name} has been freed (op.Free()); create it again with MPI.Op.Create`);
  if (h === NULL_HANDLE) throw new OpError(`${method}: MPI.OP_NULL cannot reduce anything; pass an op such as MPI.SUM or one made by MPI.Op.Create(fn)`);
  return h;
}

/** `method`: the collective it runs in, whose report then says the error came from the user op. */
function objectApply(h: Handle, x: unknown, y: unknown, method?: string): unknown {
  usable(h, h.name);
  if (!h.user) return combineElementwise(h.predefined!, x, y);
  return method ? callUserOp(h.name, method, h.user, [x, y, null]) : h.user(x, y, null);
}

/** Buffer convention: `inoutvec` is a copy of the later partial (never the caller's send buffer), written by `fn`. */
function bufferApply(h: Handle, x: unknown, y: unknown, datatype?: Datatype, method?: string): unknown {
  usable(h, h.name);
  if (h.predefined && isTypedArray(x) && isTypedArray(y)) {
    if (datatype?.pair) return reducePairs(h.predefined, datatype, x, y);
    if (!h.predefined.elementwise) throw notPairs(h.predefined, datatype);
  }
  if (!h.user || !isTypedArray(x) || !isTypedArray(y)) return objectApply(h, x, y, method);
  if (x.length !== y.length) throw new OpError(`${h.name}: buffers of different lengths (${x.length} and ${y.length}) cannot be reduced`);
  const inout = y.slice() as TypedArray;
  callUserOp(h.name, method, h.user, [x, inout, datatype ?? datatypeOfKind(y)]);
  return inout;
}

/** The function object an op is: callable, with Op's prototype, its handle kept aside. */
function wrap(proto: object, h: Handle): Op {
  const f = (...args: unknown[]): unknown => call(f as unknown as Op, args);
  Object.setPrototypeOf(f, proto);
  delete (f as { name?: string }).name; // Op.prototype's `name` getter: the handle's name
  handles.set(f, h);
  return f as unknown as Op;
}

/** mpi4py's `op(x, y)`: an op object can be called. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the call signature of a callable class: Op.predefined makes each op a function with Op.prototype
export interface Op {
  (x: any, y: any): any;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class Op {
  /** `new MPI.Op()` is MPI.OP_NULL; `new MPI.Op(op)` refers to the same operation as `op` (mpi4py's `MPI.Op(op)`). */
  constructor(op?: Op | null) {
    if (op !== undefined && op !== null && !(op instanceof Op)) throw new TypeError(`MPI.Op(op): expected an MPI.Op, got ${typeof op}`);
    return wrap(new.target.prototype, op ? handleOf(op) : NULL_HANDLE);
  }

  /** @internal A predefined op (ops.ts's table), made once at module load. */
  static predefined(p: Predefined): Op {
    return wrap(Op.prototype, { name: `MPI.${p.name}`, commute: p.commute, predefined: p, slot: 0, freed: false });
  }

  /**
   * `MPI.Op.Create(fn, commute=false)`: a user-defined reduction. In buffer reductions `fn(invec,
   * inoutvec, datatype)` writes `invec ∘ inoutvec` into `inoutvec` (typed arrays of the datatype's
   * kind); lower-case reductions and `op(x, y)` call `fn(x, y, null)` and use what it returns.
   * Without `commute` the op is applied in rank order. At most 32 exist at a time, as in mpi4py:
   * `Free()` those no longer needed.
   */
  static Create(fn: UserFunction, commute: boolean | { commute?: boolean } = false): Op {
    if (typeof fn !== 'function') throw new TypeError(`Op.Create: expected a function (invec, inoutvec, datatype), got ${typeof fn}`);
    const flag = typeof commute === 'object' && commute !== null ? Boolean(commute.commute) : Boolean(commute);
    const slot = registry.indexOf(null, 1);
    if (slot < 0) throw new OpError(`Op.Create: cannot create more than ${MAX_USER_OPS} user-defined reduction operations at a time; Free() the ones no longer needed`);
    const h: Handle = { name: `user op ${fn.name || '(anonymous)'}`, commute: flag, user: fn, slot, freed: false };
    registry[slot] = h;
    return wrap(Op.prototype, h);
  }

  /** Frees a user-defined op; this object becomes MPI.OP_NULL. A predefined op cannot be freed. */
  Free(): void {
    const h = handleOf(this);
    if (h.predefined || h === NULL_HANDLE) throw new OpError(`Op.Free: ${h.name} is predefined and cannot be freed`);
    if (h.freed) throw new OpError(`Op.Free: ${h.name} has already been freed`);
    h.freed = true;
    registry[h.slot] = null;
    handles.set(this, NULL_HANDLE);
  }

  /** mpi4py's `free()`: `Free()` unless the op is null or predefined. */
  free(): void {
    const h = handleOf(this);
    if (!h.predefined && h !== NULL_HANDLE && !h.freed) this.Free();
  }

  /** Whether the op is commutative (MPI_Op_commutative). */
  Is_commutative(): boolean {
    return handleOf(this).commute;
  }

  /** Whether the op is commutative (mpi4py's property). */
  get is_commutative(): boolean {
    return handleOf(this).commute;
  }

  /** Whether the op is one of MPI's (MPI.SUM, …, MPI.OP_NULL), not one `Op.Create` made. */
  get is_predefined(): boolean {
    const h = handleOf(this);
    return h === NULL_HANDLE || h.predefined !== undefined;
  }

  /** @internal For the algorithms: whether operands may be combined in any order. */
  get commute(): boolean {
    return handleOf(this).commute;
  }

  /** The op's name (`MPI.SUM`, `user op mysum`). */
  get name(): string {
    return handleOf(this).name;
  }

  /**
   * `op.Reduce_local(inbuf, inoutbuf)`: `inoutbuf = inbuf ∘ inoutbuf` on this rank
   * (MPI_Reduce_local). Both are buffer specifications with the same count and datatype.
   */
  Reduce_local(inbuf: unknown, inoutbuf: unknown): void {
    const h = usable(handleOf(this), 'Reduce_local');
    const input = resolveBuffer('Reduce_local', inbuf);
    const inout = resolveBuffer('Reduce_local', inoutbuf);
    if (input.constructor !== inout.constructor) {
      throw new DatatypeError(`Reduce_local: the buffers hold different datatypes (${input.constructor.name} and ${inout.constructor.name}); reduce buffers of one datatype`);
    }
    if (input.length !== inout.length) throw new CountError(`Reduce_local: the buffers hold ${input.length} and ${inout.length} elements; they must hold as many`);
    (inout as any).set(bufferApply(h, input, inout, specDatatype(inoutbuf) ?? specDatatype(inbuf), 'Reduce_local') as TypedArray);
    landed(inout);
  }

  /** @internal Object convention (lower-case reductions): `fn(x, y, null)`'s result. */
  apply(earlier: unknown, later: unknown): unknown {
    return objectApply(handleOf(this), earlier, later);
  }

  /** @internal Buffer convention (capitalised reductions): `fn(invec, inoutvec, datatype)` in place. */
  forBuffers(datatype?: Datatype, method?: string): Reducer {
    const h = handleOf(this);
    return { commute: h.commute, datatype, apply: (x, y) => bufferApply(h, x, y, datatype, method), toString: () => h.name };
  }

  /** @internal Object convention in the collective `method` (an exception in a user op says it came from there). */
  forObjects(method: string): Reducer {
    const h = handleOf(this);
    return { commute: h.commute, apply: (x, y) => objectApply(h, x, y, method), toString: () => h.name };
  }

  /** mpi4py's `bool(op)`: false for MPI.OP_NULL (and a freed op). */
  __bool__(): boolean {
    return handleOf(this) !== NULL_HANDLE;
  }

  /** mpi4py's `op == other`: the same operation (`MPI.Op(op) == op`). */
  __eq__(other: unknown): boolean {
    return other instanceof Op && handleOf(other) === handleOf(this);
  }

  /** The op's name (`MPI.SUM`), as in error messages. */
  toString(): string {
    return handleOf(this).name;
  }
}

const predefinedOps = Object.fromEntries(Object.entries(PREDEFINED).map(([k, p]) => [k, Op.predefined(p)])) as Record<keyof typeof PREDEFINED, Op>;

export const OPS = {
  /** Sum (x + y), elementwise on arrays. */
  SUM: predefinedOps.SUM,
  /** Product (x * y), elementwise on arrays. */
  PROD: predefinedOps.PROD,
  /** Maximum, elementwise on arrays. */
  MAX: predefinedOps.MAX,
  /** Minimum, elementwise on arrays. */
  MIN: predefinedOps.MIN,
  /** Logical and, elementwise. */
  LAND: predefinedOps.LAND,
  /** Logical or, elementwise. */
  LOR: predefinedOps.LOR,
  /** Logical exclusive or, elementwise. */
  LXOR: predefinedOps.LXOR,
  /** Bitwise and, elementwise. */
  BAND: predefinedOps.BAND,
  /** Bitwise or, elementwise. */
  BOR: predefinedOps.BOR,
  /** Bitwise exclusive or, elementwise. */
  BXOR: predefinedOps.BXOR,
  /** Maximum of `[value, index]` pairs; ties go to the lower index. */
  MAXLOC: predefinedOps.MAXLOC,
  /** Minimum of `[value, index]` pairs; ties go to the lower index. */
  MINLOC: predefinedOps.MINLOC,
  /** Keeps the later value (for accumulate-style use). */
  REPLACE: predefinedOps.REPLACE,
  /** Keeps the earlier value: the result is the lowest rank's. */
  NO_OP: predefinedOps.NO_OP,
  /** The null op: no reduction takes it; `new MPI.Op()` equals it (MPI.OP_NULL). */
  OP_NULL: wrap(Op.prototype, NULL_HANDLE),
} as const;

/** The op of a lower-case (object) reduction: MPI.SUM when none is given. */
export function checkOp(method: string, op: unknown): Op {
  if (op === undefined) return OPS.SUM;
  if (!(op instanceof Op)) throw new OpError(`${method}: op must be an MPI op such as MPI.SUM or one made by MPI.Op.Create(fn), got ${typeof op}`);
  usable(handleOf(op), method);
  return op;
}

/**
 * The op of a buffer reduction, with the buffer convention for a user function, which is given
 * the datatype the first of `specs` (the call's buffer specifications) names, else its elements' kind.
 */
export function checkBufferOp(method: string, op: unknown, ...specs: unknown[]): Reducer {
  const datatype = specs.map(specDatatype).find((d) => d !== undefined);
  const checked = checkOp(method, op);
  checkOpFits(method, checked, datatype?.name ?? elementKindOf(specs));
  return checked.forBuffers(datatype, method);
}

/** Ops MPI defines for integers (and logical or byte types) only, never for floating point. */
const INTEGER_ONLY = new Set(['MPI.LAND', 'MPI.LOR', 'MPI.LXOR', 'MPI.BAND', 'MPI.BOR', 'MPI.BXOR']);
const FLOATING = new Set(['MPI.FLOAT', 'MPI.DOUBLE', 'Float32Array', 'Float64Array']);

/**
 * A predefined op on a datatype MPI does not define it for (MPI 3.1 §5.9.2) is an error, not a
 * result: MPI.REPLACE and MPI.NO_OP are for one-sided accumulate only, and the logical and bitwise
 * ops take integers. `type` is the datatype's name, or the buffer's element kind.
 */
function checkOpFits(method: string, op: Op, type: string | undefined): void {
  const h = handleOf(op);
  if (!h.predefined) return;
  if (h.name === 'MPI.REPLACE' || h.name === 'MPI.NO_OP') {
    throw new OpError(`${method}: ${h.name} is for one-sided accumulate (Win.Accumulate), not for reductions; use MPI.SUM, MPI.MAX, …`);
  }
  if (type !== undefined && FLOATING.has(type) && INTEGER_ONLY.has(h.name)) {
    throw new OpError(`${method}: ${h.name} is not defined on ${type} elements (floating point); MPI's logical and bitwise ops take integers`);
  }
}

/** The element kind of the first buffer among `specs` (`Float64Array`), when no datatype is named. */
function elementKindOf(specs: unknown[]): string | undefined {
  for (const spec of specs) {
    const buf = Array.isArray(spec) ? spec[0] : spec;
    if (isTypedArray(buf)) return buf.constructor.name;
  }
  return undefined;
}

/** The op of a lower-case (object) reduction `method`, as the algorithms apply it: MPI.SUM when none is given. */
export function checkObjectOp(method: string, op: unknown): Reducer {
  return checkOp(method, op).forObjects(method);
}
