/**
 * The options objects of the MPI calls: mpi4py's keyword arguments, given as one trailing object
 * (`comm.recv({ source: 0, tag: 7 })` is mpi4py's `comm.recv(source=0, tag=7)`). Each call also
 * takes the same arguments positionally, in mpi4py's order; its overloads list both forms. Named
 * types so that editors show `RecvOptions` rather than an inline object, and programs can use them.
 */
import type { BufferSpec } from './datatypes.js';
import type { Group } from './group.js';
import type { Info } from './info.js';
import type { Op } from './ops.js';
import type { Status } from './status.js';
import type { UNWEIGHTED } from './topology.js';

/** Keyword arguments of `send`, `ssend`, `isend`, `bsend`, `Send`, `Isend`, `Send_init`, …: where the message goes. */
export interface SendOptions {
  /** Rank of the receiver in the communicator (or MPI.PROC_NULL). */
  dest: number;
  /** Message tag, ≥ 0 (default 0); a receive matches it or MPI.ANY_TAG. */
  tag?: number;
}

/** The keyword arguments of a send after a positional `dest`: `comm.send(obj, 1, { tag: 7 })`. */
export type SendTagOptions = Omit<SendOptions, 'dest'>;

/** Keyword arguments of `recv`, `probe`, `iprobe`, `mprobe`, `Recv`, …: which message to take. */
export interface RecvOptions {
  /** Rank to receive from (default MPI.ANY_SOURCE). */
  source?: number;
  /** Tag to match (default MPI.ANY_TAG). */
  tag?: number;
  /** Filled in with the message's source, tag and size once it is received. */
  status?: Status | null;
}

/** The keyword arguments of a receive after a positional `source`: `comm.recv(0, { tag: 7 })`. */
export type RecvTagOptions = Omit<RecvOptions, 'source'>;

/** Keyword arguments of the nonblocking receives `irecv`, `Irecv`, `Recv_init` (no status: `wait(status)` fills it). */
export type IrecvOptions = Omit<RecvOptions, 'status'>;

/** Keyword arguments of `sendrecv` and `Sendrecv_replace`: the send's `dest`/`sendtag`, the receive's `source`/`recvtag`. */
export interface SendrecvOptions {
  /** Rank the message is sent to. */
  dest: number;
  /** Tag of the message sent (default 0). */
  sendtag?: number;
  /** Rank to receive from (default MPI.ANY_SOURCE). */
  source?: number;
  /** Tag to receive (default MPI.ANY_TAG). */
  recvtag?: number;
  /** Filled in with what was received. */
  status?: Status | null;
}

/** Keyword arguments of `Sendrecv` and `Isendrecv` (buffers): `SendrecvOptions` plus the receive buffer. */
export interface BufferSendrecvOptions extends SendrecvOptions {
  /** Where the received elements land (a buffer specification). */
  recvbuf?: BufferSpec | null;
}

/** Keyword argument of the rooted collectives `bcast`, `scatter`, `gather`, `Bcast`, `Scatter`, `Gather`, …. */
export interface RootOptions {
  /** Rank that sends (bcast, scatter) or receives (gather) (default 0). */
  root?: number;
}

/** Keyword argument of `allreduce`, `scan`, `exscan`, `Allreduce`, `Scan`, `Exscan`, `Reduce_scatter_block`. */
export interface OpOptions {
  /** How values combine (default MPI.SUM). */
  op?: Op;
}

/** Keyword arguments of `reduce` and `Reduce`. */
export interface ReduceOptions {
  /** How values combine (default MPI.SUM). */
  op?: Op;
  /** Rank that gets the result (default 0). */
  root?: number;
}

/** Keyword arguments of `Reduce_scatter`. */
export interface ReduceScatterOptions {
  /** How many elements each rank receives (default: as many as each rank's `recvbuf` holds). */
  recvcounts?: readonly number[] | null;
  /** How values combine (default MPI.SUM). */
  op?: Op;
}

/** Keyword arguments of `Split`. */
export interface SplitOptions {
  /** Ranks with the same color share a new communicator; MPI.UNDEFINED gets MPI.COMM_NULL. */
  color?: number;
  /** Orders the ranks within each new communicator, ties by old rank (default 0). */
  key?: number;
}

/** The keyword argument of a nonblocking receive after a positional `source`: `comm.irecv(0, { tag: 7 })`. */
export type IrecvTagOptions = Omit<IrecvOptions, 'source'>;

/** Keyword arguments of `Reduce_scatter` after a positional `recvcounts`. */
export type ReduceScatterOpOptions = Omit<ReduceScatterOptions, 'recvcounts'>;

/** Keyword arguments of `group.Translate_ranks`. */
export interface TranslateRanksOptions {
  /** Ranks in this group (default: all of them). */
  ranks?: readonly number[] | null;
  /** The group to translate them to (default: MPI.COMM_WORLD's). */
  group?: Group | null;
}

/** Keyword argument of `comm.Create_group`. */
export interface CreateGroupOptions {
  /** Tells apart concurrent Create_group calls on one communicator (default 0). */
  tag?: number;
}

/** Keyword arguments of `MPI.Intracomm.Create_from_group`. */
export interface CreateFromGroupOptions {
  /** Tells apart concurrent calls with one group (MPI 4). */
  stringtag?: string;
  /** Hints for the new communicator. */
  info?: Info | null;
  /** Accepted; errors are always thrown as MPI.Exception. */
  errhandler?: unknown;
}

/** Keyword arguments of `comm.Split_type`. */
export interface SplitTypeOptions {
  /** Orders the ranks within each new communicator (default 0). */
  key?: number;
  /** Hints for the new communicators. */
  info?: Info | null;
}

/** Which dimensions of a Cartesian grid wrap around: one flag for all, or one per dimension. */
export type Periods = boolean | readonly boolean[] | null;

/** Edge weights of a distributed graph: one per edge, MPI.UNWEIGHTED (or null), or MPI.WEIGHTS_EMPTY. */
export type WeightsArg = readonly number[] | typeof UNWEIGHTED | null; // MPI.WEIGHTS_EMPTY has UNWEIGHTED's type

/** Keyword arguments of `comm.Create_cart`. */
export interface CartOptions {
  /** Which dimensions wrap around (default: none). */
  periods?: Periods;
  /** Accepted; ranks are never reordered. */
  reorder?: boolean;
}

/** Keyword argument of `comm.Create_graph`. */
export interface GraphOptions {
  /** Accepted; ranks are never reordered. */
  reorder?: boolean;
}

/** Keyword arguments of `comm.Create_dist_graph_adjacent`. */
export interface DistGraphAdjacentOptions {
  /** Weights of the edges from `sources`. */
  sourceweights?: WeightsArg;
  /** Weights of the edges to `destinations`. */
  destweights?: WeightsArg;
  /** Hints for the new communicator. */
  info?: Info | null;
  /** Accepted; ranks are never reordered. */
  reorder?: boolean;
}

/** Keyword arguments of `comm.Create_dist_graph`. */
export interface DistGraphOptions {
  /** One weight per edge given. */
  weights?: WeightsArg;
  /** Hints for the new communicator. */
  info?: Info | null;
  /** Accepted; ranks are never reordered. */
  reorder?: boolean;
}
