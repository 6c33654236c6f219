/**
 * `rankscope/mpi`: mpi4py's API for TypeScript. `import { MPI } from 'rankscope/mpi'`, then
 * `const comm = MPI.COMM_WORLD`. Every name means what it means in MPI and mpi4py.
 */
import * as os from 'node:os';
import { runtime } from '../rank/current.js';
import { BSEND_OVERHEAD, BUFFER_AUTOMATIC, processBuffer } from '../mpi/bsend.js';
import { Comm, Intercomm } from '../mpi/comm.js';
import { COMM_TYPE_HW_GUIDED, COMM_TYPE_HW_UNGUIDED, COMM_TYPE_RESOURCE_GUIDED, COMM_TYPE_SHARED } from '../mpi/comm-create.js';
import { CONGRUENT, Group, GROUP_EMPTY, GROUP_NULL, IDENT, SIMILAR, UNEQUAL } from '../mpi/group.js';
import { Info, INFO_NULL } from '../mpi/info.js';
import { decodeClone, encodeClone } from '../transport/scalar-clone.js';
import { BOTTOM, getAddress } from '../mpi/addresses.js';
import { DATATYPE_NULL, DATATYPES, Datatype, ORDER_C, ORDER_FORTRAN } from '../mpi/datatypes.js';
import { PAIR_DATATYPES } from '../mpi/pair-ops.js';
import type { TypedArray } from '../transport/dtypes.js';
import * as errors from '../mpi/errors.js';
import { IN_PLACE, Intracomm, UNDEFINED } from '../mpi/intracomm.js';
import { ANY_SOURCE, ANY_TAG, PROC_NULL } from '../mpi/matching.js';
import { Op, OPS } from '../mpi/ops.js';
import { Message, MESSAGE_NO_PROC, MESSAGE_NULL } from '../mpi/message.js';
import { Grequest } from '../mpi/grequest.js';
import { Cartcomm, Distgraphcomm, Graphcomm } from '../mpi/topo-create.js';
import { Topocomm } from '../mpi/topocomm.js';
import { CART, computeDims, DIST_GRAPH, GRAPH, UNWEIGHTED, WEIGHTS_EMPTY } from '../mpi/topology.js';
import { Prequest, Request } from '../mpi/request.js';
import { Status, SUCCESS } from '../mpi/status.js';

const world = new Intracomm(runtime, 'world', Array.from({ length: runtime.env.size }, (_, i) => i), runtime.env.rank);
const self = new Intracomm(runtime, `self.${runtime.env.rank}`, [runtime.env.rank], 0);
Group.myWorldRank = runtime.env.rank;
Group.worldMembers = world.members;
Intracomm.runtime = runtime;
const wtimeOrigin = performance.timeOrigin / 1000;
const MPI_VERSION = 4;
const MPI_SUBVERSION = 1;


export const MPI = {
  COMM_WORLD: world,
  COMM_SELF: self,
  COMM_NULL: null,
  ANY_SOURCE,
  ANY_TAG,
  PROC_NULL,
  UNDEFINED,
  IN_PLACE,
  /** Reduction ops: MPI.SUM … MPI.MINLOC, MPI.REPLACE, MPI.NO_OP, MPI.OP_NULL; each callable as mpi4py's `op(x, y)`. */
  ...OPS,
  ...DATATYPES,
  /**
   * MPI's pair types for MPI.MAXLOC/MPI.MINLOC in buffer reductions — MPI.SHORT_INT, MPI.INT_INT,
   * MPI.LONG_INT, MPI.FLOAT_INT, MPI.DOUBLE_INT — laid out as C's `struct { value; int index }`
   * (padding included: MPI.DOUBLE_INT has extent 16). Fill an ArrayBuffer through two typed arrays:
   * `new Float64Array(ab)[2 * k]` is pair k's value, `new Int32Array(ab)[4 * k + 2]` its index.
   */
  ...PAIR_DATATYPES,
  /** mpi4py's other name of MPI.INT_INT (MPI_2INT). */
  TWOINT: PAIR_DATATYPES.INT_INT,
  /** The null datatype: not usable in a buffer specification. */
  DATATYPE_NULL,
  /** Reduction operations: `MPI.Op.Create(fn, commute)`, `op.Free()`, `op.Reduce_local(inbuf, inoutbuf)`, `new MPI.Op(op)`. */
  Op,
  Status,
  Request,
  Prequest,
  /** Generalized requests: `MPI.Grequest.Start(query_fn, free_fn, cancel_fn)`, completed by the program's `Complete()`. */
  Grequest,
  Message,
  /** The null message: what a received `Message` equals. */
  MESSAGE_NULL,
  /** What a matched probe of MPI.PROC_NULL returns: receiving it gives nothing at once. */
  MESSAGE_NO_PROC,
  /** The null request: what every completed (non-persistent) or freed request equals (`req.__eq__(MPI.REQUEST_NULL)`). */
  REQUEST_NULL: Object.freeze(new Request()) as Request,
  /** The error class of success (`status.error` of a completed operation). */
  SUCCESS,
  Comm,
  Intracomm,
  /** Intercommunicators: only the null one (`new MPI.Intercomm()`, `MPI.Comm.Get_parent()`) exists yet. */
  Intercomm,
  /** An ordered set of processes: `comm.Get_group()`, then `Incl`, `Excl`, `Union`, … and `comm.Create(group)`. */
  Group,
  /** The null group: what a freed group equals. */
  GROUP_NULL,
  /** The group with no members. */
  GROUP_EMPTY,
  /** `Compare` result: the same group or communicator. */
  IDENT,
  /** `Comm.Compare` result: the same processes in the same order, another communicator (as after Dup). */
  CONGRUENT,
  /** `Compare` result: the same processes in another order. */
  SIMILAR,
  /** `Compare` result: different processes. */
  UNEQUAL,
  /** `comm.Split_type` type: the processes on one host (that could share memory). */
  COMM_TYPE_SHARED,
  /** MPI 4 `Split_type` types; the runtime knows no hardware resources, so they give MPI.COMM_NULL. */
  COMM_TYPE_HW_GUIDED,
  COMM_TYPE_HW_UNGUIDED,
  COMM_TYPE_RESOURCE_GUIDED,
  /** Key/value hints (`MPI.Info.Create()`, `Set`, `Get`), taken by `Dup`, `Split_type`, `comm.Set_info`. */
  Info,
  /** The null info object: no hints. */
  INFO_NULL,
  /** What Cartcomm, Graphcomm and Distgraphcomm share: `indegree`, `outdegree`, `inedges`, `outedges` and the neighbour collectives (`Neighbor_alltoall`, `neighbor_allgather`, …). */
  Topocomm,
  /** A Cartesian grid of processes, from `await comm.Create_cart(dims, { periods })`: `coords`, `Shift`, `Get_cart_rank`, `Sub`. */
  Cartcomm,
  /** A graph topology, from `await comm.Create_graph(index, edges)`: `Get_neighbors`, `nnodes`, `edges`. */
  Graphcomm,
  /** A distributed graph, from `await comm.Create_dist_graph_adjacent(sources, destinations)`: `Get_dist_neighbors`. */
  Distgraphcomm,
  /** `comm.Get_topology()` of a Cartesian, graph and distributed-graph communicator. */
  CART,
  GRAPH,
  DIST_GRAPH,
  /** Weights for `Create_dist_graph*`: none (the default), or weighted with no edges. */
  UNWEIGHTED,
  WEIGHTS_EMPTY,
  /**
   * `MPI.Compute_dims(nnodes, dims)` (MPI_Dims_create): a balanced grid of `nnodes` processes.
   * `dims` is a number of dimensions or a list whose zeros are to be filled, e.g.
   * `MPI.Compute_dims(12, 2)` → `[4, 3]`, `MPI.Compute_dims(12, [0, 2])` → `[6, 2]`.
   */
  Compute_dims(nnodes: number, dims: number | readonly number[]): number[] {
    return computeDims(nnodes, dims);
  },
  Datatype,
  /** Buffer argument meaning "the datatype's displacements are addresses" (from `MPI.Get_address`). */
  BOTTOM,
  /** Row-major (C) and column-major (Fortran) order, for `Datatype.Create_subarray`. */
  ORDER_C,
  ORDER_FORTRAN,
  /** The address of a buffer's first byte, for `Datatype.Create_struct` displacements used with `MPI.BOTTOM`. */
  Get_address(location: ArrayBufferView): number {
    return getAddress(location as TypedArray);
  },
  Exception: errors.MPIException,
  ArgumentError: errors.ArgumentError,
  CountError: errors.CountError,
  RankError: errors.RankError,
  RootError: errors.RootError,
  TagError: errors.TagError,
  CommError: errors.CommError,
  TruncateError: errors.TruncateError,
  BufferError: errors.BufferError,
  OpError: errors.OpError,
  DatatypeError: errors.DatatypeError,
  ERR_TYPE: errors.ERR_TYPE,
  RequestError: errors.RequestError,
  ERR_ARG: errors.ERR_ARG,
  ERR_COUNT: errors.ERR_COUNT,
  ERR_RANK: errors.ERR_RANK,
  ERR_ROOT: errors.ERR_ROOT,
  ERR_TAG: errors.ERR_TAG,
  ERR_COMM: errors.ERR_COMM,
  ERR_TRUNCATE: errors.ERR_TRUNCATE,
  ERR_BUFFER: errors.ERR_BUFFER,
  ERR_OP: errors.ERR_OP,
  ERR_REQUEST: errors.ERR_REQUEST,
  ERR_OTHER: errors.ERR_OTHER,
  GroupError: errors.GroupError,
  ERR_GROUP: errors.ERR_GROUP,
  ERR_UNSUPPORTED_OPERATION: errors.ERR_UNSUPPORTED_OPERATION,
  /** Python's NotImplementedError: what mpi4py raises for a call of a newer MPI than `MPI.Get_version()`. */
  NotImplementedError: errors.NotImplementedError,
  ERR_PENDING: errors.ERR_PENDING,
  /** Bytes each buffered message takes in the attached buffer beyond its data (size `MPI.Attach_buffer`'s buffer with it). */
  BSEND_OVERHEAD,
  /** Attach it in place of a buffer (`MPI.Attach_buffer`, `comm.Attach_buffer`): buffered sends then take the room they need (MPI 4.1). */
  BUFFER_AUTOMATIC,
  /**
   * Attaches the process's buffer, which buffered sends (`bsend`, `Bsend`, `Ibsend`, `Bsend_init`)
   * copy their messages into when their communicator has none (`comm.Attach_buffer`): a typed
   * array (`MPI.Alloc_mem(size)`) or `MPI.BUFFER_AUTOMATIC`.
   */
  Attach_buffer(buf: ArrayBufferView): void {
    processBuffer.attach(buf);
  },
  /** Waits until every message buffered in the process's buffer has left, detaches the buffer and returns it. */
  Detach_buffer(): Promise<Uint8Array> {
    return processBuffer.detach();
  },
  /** Waits until every message buffered so far in the process's buffer has been delivered (MPI 4.1). */
  Flush_buffer(): Promise<void> {
    return processBuffer.flushed();
  },
  /** `MPI.Flush_buffer()` as a request (MPI 4.1). */
  Iflush_buffer(): Request {
    return processBuffer.flushRequest(runtime.tracer, 'world');
  },
  /** Allocates `size` bytes (for `MPI.Attach_buffer`), zeroed, as MPI_Alloc_mem. */
  Alloc_mem(size: number): Uint8Array {
    return new Uint8Array(size);
  },
  /** Releases memory from `MPI.Alloc_mem` (the garbage collector reclaims it; nothing to do). */
  Free_mem(_mem: Uint8Array): void {},
  /**
   * mpi4py's `MPI.pickle`: the serialisation lower-case calls use (v8 structured clone here, not
   * Python's pickle). `dumps(obj)` gives its bytes, `loads(bytes)` the object back.
   */
  pickle: {
    dumps(obj: unknown): Uint8Array {
      return encodeClone(obj);
    },
    loads(buf: Uint8Array): unknown {
      return decodeClone(buf);
    },
  },
  /** Seconds since an arbitrary time in the past, with sub-microsecond resolution. */
  Wtime(): number {
    return wtimeOrigin + performance.now() / 1000;
  },
  Wtick(): number {
    return 1e-6;
  },
  Get_processor_name(): string {
    return os.hostname();
  },
  /** The MPI standard version this runtime implements, as mpi4py's `(version, subversion)`: MPI 4.1. */
  Get_version(): [number, number] {
    return [MPI_VERSION, MPI_SUBVERSION];
  },
  /** `MPI.VERSION`: the major MPI standard version (4). */
  VERSION: MPI_VERSION,
  /** `MPI.SUBVERSION`: the minor MPI standard version (1). */
  SUBVERSION: MPI_SUBVERSION,
  /** The library's name and version, as MPI_Get_library_version: Rankscope's MPI runtime, the standard it implements, and Node.js's version. */
  Get_library_version(): string {
    return `Rankscope MPI ${MPI_VERSION}.${MPI_SUBVERSION} (TypeScript runtime on Node.js ${process.version})`;
  },
  Is_initialized(): boolean {
    return true;
  },
  Is_finalized(): boolean {
    return false;
  },
  /** The eager threshold in bytes: larger standard sends wait for their receive (rendezvous). */
  get EAGER_LIMIT(): number {
    return runtime.env.eagerLimit;
  },
} as const;

export type { Cartcomm, Comm, Distgraphcomm, Graphcomm, Group, Info, Intercomm, Intracomm, Message, Op, Prequest, Request, Status, Topocomm };
export default MPI;
