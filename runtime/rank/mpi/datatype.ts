/**
 * `MPI.Datatype`: a predefined type (`MPI.INT`, …) or one built by the type constructors
 * (`Create_vector`, `Create_indexed_block`, `Create_struct`, `Create_subarray`, …) with mpi4py's
 * names, extents and life cycle (Commit before use, Free after). Buffer calls pack and unpack a
 * derived type's elements through its type map (typemap.ts).
 */
import { DatatypeError } from './errors.js';
import { combine, predefinedMap, resized, subarray, type Block, type TypeMap } from './typemap.js';

/** The value half of a pair type: its size in bytes and typed-array kind (transport/dtypes.ts's codes). */
export interface PairValue {
  size: number;
  code: number;
}

export class Datatype {
  /** @internal The type map (typemap.ts): what one element's bytes are and where they sit. */
  readonly map: TypeMap;
  /** @internal A derived datatype may be used only once committed (MPI_ERR_TYPE otherwise). */
  committed: boolean;
  private readonly predefined: boolean;
  private freed = false;

  constructor(
    /** The datatype's name (`MPI.INT`, or what `Set_name` gave). */
    public name: string,
    /** Bytes of data in one element (MPI_Type_size), gaps excluded. */
    readonly size: number,
    /** @internal The typed-array kind holding its elements (the wire's dtype code, transport/dtypes.ts). */
    readonly code: number,
    map?: TypeMap,
    /** @internal For MPI's pair types (MPI.DOUBLE_INT, …): the value's size and typed-array kind. */
    readonly pair?: PairValue,
  ) {
    this.map = map ?? predefinedMap(size, code);
    this.committed = this.predefined = map === undefined || pair !== undefined;
  }

  /** @internal Whether buffers of it go through its type map (derived and pair types), not as plain typed arrays. */
  get packed(): boolean {
    return !this.predefined || this.pair !== undefined;
  }
  /** Bytes of data per element (MPI_Type_size). */
  Get_size(): number {
    return this.size;
  }
  /** `[lb, extent]`: the lower bound and the span from one element to the next. */
  Get_extent(): [number, number] {
    return [this.map.lb, this.map.extent];
  }
  /** `[lb, extent]` of the bytes the data really occupies. */
  Get_true_extent(): [number, number] {
    return [this.map.trueLb, this.map.trueExtent];
  }
  /** Bytes from one element to the next (ub - lb), gaps included. */
  get extent(): number {
    return this.map.extent;
  }
  /** The lower bound of an element, in bytes. */
  get lb(): number {
    return this.map.lb;
  }
  /** The upper bound of an element, in bytes. */
  get ub(): number {
    return this.map.lb + this.map.extent;
  }
  /** The lowest byte data occupies, ignoring resized bounds. */
  get true_lb(): number {
    return this.map.trueLb;
  }
  /** The bytes data spans, ignoring resized bounds. */
  get true_extent(): number {
    return this.map.trueExtent;
  }
  /** One past the highest byte data occupies, ignoring resized bounds. */
  get true_ub(): number {
    return this.map.trueLb + this.map.trueExtent;
  }
  /** Whether this is one of MPI's named types (`MPI.INT`, …), not one a constructor built. */
  get is_predefined(): boolean {
    return this.predefined;
  }
  /** The datatype's name. */
  Get_name(): string {
    return this.name;
  }
  /** Renames the datatype (its `name` and `Get_name()`). */
  Set_name(name: string): void {
    this.name = name;
  }
  /** Makes a derived datatype usable in communication; returns it, as mpi4py does. */
  Commit(): this {
    this.checkLive('Commit');
    this.committed = true;
    return this;
  }
  /** Releases a derived datatype; using it afterwards is an error. */
  Free(): void {
    if (this.is_predefined) throw new DatatypeError(`Free: ${this.name} is predefined and cannot be freed`);
    this.freed = true;
  }
  /** A new datatype with the same layout (MPI_Type_dup). */
  Dup(): Datatype {
    return this.derived('Dup', this.map);
  }
  /** `count` elements side by side. */
  Create_contiguous(count: number): Datatype {
    return this.derived('Create_contiguous', combine([{ disp: 0, count: n('count', count), type: this.map }]));
  }
  /** `count` blocks of `blocklength` elements, block starts `stride` elements apart. */
  Create_vector(count: number, blocklength: number, stride: number): Datatype {
    return this.Create_hvector(count, blocklength, stride * this.map.extent);
  }
  /** As Create_vector, with the stride in bytes. */
  Create_hvector(count: number, blocklength: number, stride: number): Datatype {
    const blocks = Array.from({ length: n('count', count) }, (_, i) => ({ disp: i * stride, count: n('blocklength', blocklength), type: this.map }));
    return this.derived('Create_hvector', combine(blocks));
  }
  /** Blocks of `blocklengths[i]` elements at `displacements[i]` elements. */
  Create_indexed(blocklengths: number[], displacements: number[]): Datatype {
    return this.Create_hindexed(blocklengths, displacements.map((d) => d * this.map.extent));
  }
  /** As Create_indexed, displacements in bytes. */
  Create_hindexed(blocklengths: number[], displacements: number[]): Datatype {
    return this.derived('Create_hindexed', combine(blocksOf(blocklengths, displacements, () => this.map)));
  }
  /** Blocks of `blocklength` elements each, at `displacements[i]` elements. */
  Create_indexed_block(blocklength: number, displacements: number[]): Datatype {
    return this.Create_indexed(displacements.map(() => blocklength), displacements);
  }
  /** As Create_indexed_block, displacements in bytes. */
  Create_hindexed_block(blocklength: number, displacements: number[]): Datatype {
    return this.Create_hindexed(displacements.map(() => blocklength), displacements);
  }
  /** A `subsizes` block at `starts` of an array of `sizes` elements (order MPI.ORDER_C or MPI.ORDER_FORTRAN). */
  Create_subarray(sizes: number[], subsizes: number[], starts: number[], order: number = ORDER_C): Datatype {
    if (sizes.length !== subsizes.length || sizes.length !== starts.length) throw new DatatypeError('Create_subarray: sizes, subsizes and starts must have one entry per dimension');
    sizes.forEach((s, i) => {
      if (subsizes[i] < 0 || starts[i] < 0 || starts[i] + subsizes[i] > s) throw new DatatypeError(`Create_subarray: dimension ${i}: a block of ${subsizes[i]} from ${starts[i]} does not fit in ${s}`);
    });
    return this.derived('Create_subarray', subarray(this.map, sizes, subsizes, starts, order === ORDER_FORTRAN));
  }
  /** The same data with lower bound `lb` and extent `extent` (bytes). */
  Create_resized(lb: number, extent: number): Datatype {
    return this.derived('Create_resized', resized(this.map, lb, extent));
  }
  /** Blocks of `blocklengths[i]` elements of `datatypes[i]` at byte `displacements[i]`. */
  static Create_struct(blocklengths: number[], displacements: number[], datatypes: Datatype[]): Datatype {
    if (datatypes.length !== blocklengths.length) throw new DatatypeError(`Create_struct: ${blocklengths.length} block lengths but ${datatypes.length} datatypes`);
    const map = combine(blocksOf(blocklengths, displacements, (i) => datatypes[i].map));
    return datatypes[0]?.derived('Create_struct', map) ?? new Datatype('struct', 0, 2, map);
  }

  /** @internal Fails on a freed datatype, or an uncommitted one used to communicate. */
  checkLive(op: string, use = false): void {
    if (this.freed) throw new DatatypeError(`${op}: the datatype was freed (Free); build it again`);
    if (use && !this.committed) throw new DatatypeError(`${op}: the datatype is not committed; call .Commit() on it before using it to communicate`);
  }

  private derived(op: string, map: TypeMap): Datatype {
    this.checkLive(op);
    return new Datatype(`${op}(${this.name})`, map.size, map.base ?? 2, map);
  }

  /** The datatype's name, as in error messages. */
  toString(): string {
    return this.name;
  }
}

/** `MPI.ORDER_C` (row-major) and `MPI.ORDER_FORTRAN`, for Create_subarray. */
export const ORDER_C = 0;
export const ORDER_FORTRAN = 1;

function n(what: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new DatatypeError(`the ${what} of a datatype constructor must be an integer >= 0, got ${String(x)}`);
  return x;
}

function blocksOf(lengths: number[], displs: number[], type: (i: number) => TypeMap): Block[] {
  if (lengths.length !== displs.length) throw new DatatypeError(`${lengths.length} block lengths but ${displs.length} displacements; give one of each per block`);
  return lengths.map((len, i) => ({ disp: displs[i], count: n('block length', len), type: type(i) }));
}

