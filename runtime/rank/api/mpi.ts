/**
 * `rankscope/mpi`: mpi4py's API for TypeScript. `import { MPI } from 'rankscope/mpi'`, then
 * `const comm = MPI.COMM_WORLD`. Every name means what it means in MPI and mpi4py.
 */
import * as os from 'node:os';
import { runtime } from '../current.js';
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
  /** The communicator of every rank the run started (`-n N`). */
  COMM_WORLD: world,
  /** A communicator holding only the calling rank. */
  COMM_SELF: self,
  /** The null communicator (what `Split` with MPI.UNDEFINED and `Create` outside the group give). */
  COMM_NULL: null,
  /** Receive/probe source matching a message from any rank. */
  ANY_SOURCE,
  /** Receive/probe tag matching any tag. */
  ANY_TAG,
  /** The null process: sends to it and receives from it complete at once and move nothing. */
  PROC_NULL,
  /** `Split` color (no new communicator) and the "no such" value of `Get_count`, `Translate_ranks`, `waitany`. */
  UNDEFINED,
  /** Send-buffer argument of a collective meaning "the data is already in the receive buffer". */
  IN_PLACE,
  // Reduction ops (each callable as mpi4py's `op(x, y)`) and datatypes are listed one by one, not
  // spread, so that each keeps its doc comment in the declarations users see.
  /** Sum (x + y), elementwise on arrays. */
  SUM: OPS.SUM,
  /** Product (x * y), elementwise on arrays. */
  PROD: OPS.PROD,
  /** Maximum, elementwise on arrays. */
  MAX: OPS.MAX,
  /** Minimum, elementwise on arrays. */
  MIN: OPS.MIN,
  /** Logical and, elementwise. */
  LAND: OPS.LAND,
  /** Logical or, elementwise. */
  LOR: OPS.LOR,
  /** Logical exclusive or, elementwise. */
  LXOR: OPS.LXOR,
  /** Bitwise and, elementwise. */
  BAND: OPS.BAND,
  /** Bitwise or, elementwise. */
  BOR: OPS.BOR,
  /** Bitwise exclusive or, elementwise. */
  BXOR: OPS.BXOR,
  /** Maximum of `[value, index]` pairs; ties go to the lower index. */
  MAXLOC: OPS.MAXLOC,
  /** Minimum of `[value, index]` pairs; ties go to the lower index. */
  MINLOC: OPS.MINLOC,
  /** Keeps the later value (for accumulate-style use). */
  REPLACE: OPS.REPLACE,
  /** Keeps the earlier value: the result is the lowest rank's. */
  NO_OP: OPS.NO_OP,
  /** The null op: no reduction takes it; `new MPI.Op()` equals it (MPI.OP_NULL). */
  OP_NULL: OPS.OP_NULL,
  /** MPI.BYTE: raw bytes (Uint8Array). */
  BYTE: DATATYPES.BYTE,
  /** MPI.CHAR: C char (Int8Array). */
  CHAR: DATATYPES.CHAR,
  /** MPI.SIGNED_CHAR: C signed char (Int8Array). */
  SIGNED_CHAR: DATATYPES.SIGNED_CHAR,
  /** MPI.UNSIGNED_CHAR: C unsigned char (Uint8Array). */
  UNSIGNED_CHAR: DATATYPES.UNSIGNED_CHAR,
  /** MPI.SHORT: C short (Int16Array). */
  SHORT: DATATYPES.SHORT,
  /** MPI.UNSIGNED_SHORT: C unsigned short (Uint16Array). */
  UNSIGNED_SHORT: DATATYPES.UNSIGNED_SHORT,
  /** MPI.INT: C int, 4 bytes (Int32Array). */
  INT: DATATYPES.INT,
  /** MPI.UNSIGNED: C unsigned int (Uint32Array). */
  UNSIGNED: DATATYPES.UNSIGNED,
  /** MPI.LONG: C long, 8 bytes (BigInt64Array). */
  LONG: DATATYPES.LONG,
  /** MPI.UNSIGNED_LONG: C unsigned long, 8 bytes (BigUint64Array). */
  UNSIGNED_LONG: DATATYPES.UNSIGNED_LONG,
  /** MPI.LONG_LONG: C long long (BigInt64Array). */
  LONG_LONG: DATATYPES.LONG_LONG,
  /** MPI.UNSIGNED_LONG_LONG: C unsigned long long (BigUint64Array). */
  UNSIGNED_LONG_LONG: DATATYPES.UNSIGNED_LONG_LONG,
  /** MPI.INT8_T: int8_t (Int8Array). */
  INT8_T: DATATYPES.INT8_T,
  /** MPI.UINT8_T: uint8_t (Uint8Array). */
  UINT8_T: DATATYPES.UINT8_T,
  /** MPI.INT16_T: int16_t (Int16Array). */
  INT16_T: DATATYPES.INT16_T,
  /** MPI.UINT16_T: uint16_t (Uint16Array). */
  UINT16_T: DATATYPES.UINT16_T,
  /** MPI.INT32_T: int32_t (Int32Array). */
  INT32_T: DATATYPES.INT32_T,
  /** MPI.UINT32_T: uint32_t (Uint32Array). */
  UINT32_T: DATATYPES.UINT32_T,
  /** MPI.INT64_T: int64_t (BigInt64Array). */
  INT64_T: DATATYPES.INT64_T,
  /** MPI.UINT64_T: uint64_t (BigUint64Array). */
  UINT64_T: DATATYPES.UINT64_T,
  /** MPI.FLOAT: C float, 4 bytes (Float32Array). */
  FLOAT: DATATYPES.FLOAT,
  /** MPI.DOUBLE: C double, 8 bytes (Float64Array). */
  DOUBLE: DATATYPES.DOUBLE,
  /**
   * MPI's pair types for MPI.MAXLOC/MPI.MINLOC in buffer reductions — MPI.SHORT_INT, MPI.INT_INT,
   * MPI.LONG_INT, MPI.FLOAT_INT, MPI.DOUBLE_INT — laid out as C's `struct { value; int index }`
   * (padding included: MPI.DOUBLE_INT has extent 16). Fill an ArrayBuffer through two typed arrays:
   * `new Float64Array(ab)[2 * k]` is pair k's value, `new Int32Array(ab)[4 * k + 2]` its index.
   */
  /** MPI.SHORT_INT: a `{ short value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  SHORT_INT: PAIR_DATATYPES.SHORT_INT,
  /** MPI.INT_INT: a `{ int value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  INT_INT: PAIR_DATATYPES.INT_INT,
  /** MPI.LONG_INT: a `{ long value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  LONG_INT: PAIR_DATATYPES.LONG_INT,
  /** MPI.FLOAT_INT: a `{ float value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  FLOAT_INT: PAIR_DATATYPES.FLOAT_INT,
  /** MPI.DOUBLE_INT: a `{ double value; int index }` pair for MPI.MAXLOC/MPI.MINLOC. */
  DOUBLE_INT: PAIR_DATATYPES.DOUBLE_INT,
  /** mpi4py's other name of MPI.INT_INT (MPI_2INT). */
  TWOINT: PAIR_DATATYPES.INT_INT,
  /** The null datatype: not usable in a buffer specification. */
  DATATYPE_NULL,
  /** Reduction operations: `MPI.Op.Create(fn, commute)`, `op.Free()`, `op.Reduce_local(inbuf, inoutbuf)`, `new MPI.Op(op)`. */
  Op,
  /** What a receive learned: `source`, `tag`, `Get_count(datatype)`, `error`; `new MPI.Status()`. */
  Status,
  /** A pending nonblocking operation: `wait`/`Wait`, `test`/`Test`, `cancel`, and `MPI.Request.waitall`, `Waitany`, `Testsome`, …. */
  Request,
  /** A persistent request (`Send_init`, `Recv_init`, …): `Start()`, `MPI.Prequest.Startall(reqs)`. */
  Prequest,
  /** Generalized requests: `MPI.Grequest.Start(query_fn, free_fn, cancel_fn)`, completed by the program's `Complete()`. */
  Grequest,
  /** A message matched by `Mprobe`/`Improbe`, received with `msg.Recv(buf)` or `msg.recv()`. */
  Message,
  /** The null message: what a received `Message` equals. */
  MESSAGE_NULL,
  /** What a matched probe of MPI.PROC_NULL returns: receiving it gives nothing at once. */
  MESSAGE_NO_PROC,
  /** The null request: what every completed (non-persistent) or freed request equals (`req.__eq__(MPI.REQUEST_NULL)`). */
  REQUEST_NULL: Object.freeze(new Request()) as Request,
  /** The error class of success (`status.error` of a completed operation). */
  SUCCESS,
  /** Communicator base class: point to point, `Get_group`, `Compare`, `Dup`, `Free`. */
  Comm,
  /** Intracommunicator (MPI.COMM_WORLD is one): collectives, `Split`, `Create`, `Create_cart`. */
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
  /** MPI 4 `Split_type` type; gives MPI.COMM_NULL (no hardware resources known). */
  COMM_TYPE_HW_UNGUIDED,
  /** MPI 4 `Split_type` type; gives MPI.COMM_NULL (no hardware resources known). */
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
  /** `comm.Get_topology()` of a graph communicator. */
  GRAPH,
  /** `comm.Get_topology()` of a distributed-graph communicator. */
  DIST_GRAPH,
  /** Weights for `Create_dist_graph*`: none (the default), or weighted with no edges. */
  UNWEIGHTED,
  /** Weights argument of `Create_dist_graph*`: weighted, with no edges. */
  WEIGHTS_EMPTY,
  /**
   * `MPI.Compute_dims(nnodes, dims)` (MPI_Dims_create): a balanced grid of `nnodes` processes.
   * `dims` is a number of dimensions or a list whose zeros are to be filled, e.g.
   * `MPI.Compute_dims(12, 2)` → `[4, 3]`, `MPI.Compute_dims(12, [0, 2])` → `[6, 2]`.
   */
  Compute_dims(nnodes: number, dims: number | readonly number[]): number[] {
    return computeDims(nnodes, dims);
  },
  /** MPI datatypes: MPI.INT, MPI.DOUBLE, …, and derived types (`Create_contiguous`, `Create_vector`, …, `Commit`). */
  Datatype,
  /** Buffer argument meaning "the datatype's displacements are addresses" (from `MPI.Get_address`). */
  BOTTOM,
  /** Row-major (C) and column-major (Fortran) order, for `Datatype.Create_subarray`. */
  ORDER_C,
  /** Column-major (Fortran) order, for `Datatype.Create_subarray`. */
  ORDER_FORTRAN,
  /** The address of a buffer's first byte, for `Datatype.Create_struct` displacements used with `MPI.BOTTOM`. */
  Get_address(location: ArrayBufferView): number {
    return getAddress(location as TypedArray);
  },
  /** The base class of every MPI error (mpi4py's `MPI.Exception`): `Get_error_class()`, `Get_error_code()`, `error_class`. */
  Exception: errors.MPIException,
  /** Invalid argument (MPI.ERR_ARG). */
  ArgumentError: errors.ArgumentError,
  /** Invalid count (MPI.ERR_COUNT). */
  CountError: errors.CountError,
  /** Invalid rank: source or destination outside the communicator (MPI.ERR_RANK). */
  RankError: errors.RankError,
  /** Invalid root of a collective (MPI.ERR_ROOT). */
  RootError: errors.RootError,
  /** Invalid tag (MPI.ERR_TAG). */
  TagError: errors.TagError,
  /** Invalid communicator, e.g. a freed one (MPI.ERR_COMM). */
  CommError: errors.CommError,
  /** A message longer than the receive buffer (MPI.ERR_TRUNCATE). */
  TruncateError: errors.TruncateError,
  /** Invalid buffer, or a buffer specification that does not fit (MPI.ERR_BUFFER). */
  BufferError: errors.BufferError,
  /** Invalid reduction op (MPI.ERR_OP). */
  OpError: errors.OpError,
  /** Invalid datatype, or a type that does not match the buffer or the message (MPI.ERR_TYPE). */
  DatatypeError: errors.DatatypeError,
  /** Error class of an invalid or mismatched datatype. */
  ERR_TYPE: errors.ERR_TYPE,
  /** Invalid request (MPI.ERR_REQUEST). */
  RequestError: errors.RequestError,
  /** Error class of an invalid argument. */
  ERR_ARG: errors.ERR_ARG,
  /** Error class of an invalid count. */
  ERR_COUNT: errors.ERR_COUNT,
  /** Error class of an invalid rank. */
  ERR_RANK: errors.ERR_RANK,
  /** Error class of an invalid root. */
  ERR_ROOT: errors.ERR_ROOT,
  /** Error class of an invalid tag. */
  ERR_TAG: errors.ERR_TAG,
  /** Error class of an invalid communicator. */
  ERR_COMM: errors.ERR_COMM,
  /** Error class of a message truncated by a too-small receive buffer. */
  ERR_TRUNCATE: errors.ERR_TRUNCATE,
  /** Error class of an invalid buffer. */
  ERR_BUFFER: errors.ERR_BUFFER,
  /** Error class of an invalid op. */
  ERR_OP: errors.ERR_OP,
  /** Error class of an invalid request. */
  ERR_REQUEST: errors.ERR_REQUEST,
  /** Error class of any other error. */
  ERR_OTHER: errors.ERR_OTHER,
  /** Invalid group (MPI.ERR_GROUP). */
  GroupError: errors.GroupError,
  /** Error class of an invalid group. */
  ERR_GROUP: errors.ERR_GROUP,
  /** Error class of an operation this MPI does not support. */
  ERR_UNSUPPORTED_OPERATION: errors.ERR_UNSUPPORTED_OPERATION,
  /** Python's NotImplementedError: what mpi4py raises for a call of a newer MPI than `MPI.Get_version()`. */
  NotImplementedError: errors.NotImplementedError,
  /** Error class in `waitall`/`testall` statuses of a request that has not completed. */
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
    loads<T = any>(buf: Uint8Array): T {
      return decodeClone(buf) as T;
    },
  },
  /** Seconds since an arbitrary time in the past, with sub-microsecond resolution. */
  Wtime(): number {
    return wtimeOrigin + performance.now() / 1000;
  },
  /** The resolution of `MPI.Wtime()` in seconds. */
  Wtick(): number {
    return 1e-6;
  },
  /** The name of the host the rank runs on. */
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
  /** Whether MPI is initialised (always true: importing `rankscope/mpi` initialises it). */
  Is_initialized(): boolean {
    return true;
  },
  /** Whether MPI is finalised (always false while the program runs). */
  Is_finalized(): boolean {
    return false;
  },
  /** The eager threshold in bytes: larger standard sends wait for their receive (rendezvous). */
  get EAGER_LIMIT(): number {
    return runtime.env.eagerLimit;
  },
} as const;

/** The options objects of the MPI calls (mpi4py's keyword arguments), for programs that build them ahead. */
export type {
  BufferSendrecvOptions, CartOptions, CreateFromGroupOptions, CreateGroupOptions, DistGraphAdjacentOptions, DistGraphOptions, GraphOptions,
  IrecvOptions, IrecvTagOptions, OpOptions, Periods, RecvOptions, RecvTagOptions, ReduceOptions, ReduceScatterOpOptions, ReduceScatterOptions,
  RootOptions, SendOptions, SendrecvOptions, SendTagOptions, SplitOptions, SplitTypeOptions, TranslateRanksOptions, WeightsArg,
} from '../mpi/options.js';
export type { Cartcomm, Comm, Distgraphcomm, Graphcomm, Group, Info, Intercomm, Intracomm, Message, Op, Prequest, Request, Status, Topocomm };
export default MPI;
