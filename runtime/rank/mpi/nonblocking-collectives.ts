/**
 * Nonblocking collectives (MPI_Ibarrier, MPI_Ibcast, …, mpi4py's `comm.Ibcast(buf, root)` and the
 * rest): the call checks its arguments (an error raises at the call, as in mpi4py), takes the
 * communicator's next collective number and returns an `MPI.Request` at once; the collective's
 * algorithm then runs in the background, in the event loop, while the program goes on.
 *
 * Matching follows MPI: blocking and nonblocking collectives of a communicator share one order
 * (every rank calls them in the same sequence), so each takes the next number of that sequence.
 * The number is its messages' tag on the collective context, so several outstanding collectives,
 * and the blocking ones between them, never take each other's messages, and complete in whatever
 * order their messages allow, whatever the order of the waits.
 *
 * Tracing: the call itself is a collective entry (collSeq) that does not block, so the sequence
 * diagram joins the ranks' calls and the launcher checks they match; a wait on the request blocks
 * on `{ type: 'collective' }`, so the deadlock detector sees a rank whose collective some member
 * never entered as waiting for that member.
 */
import type { CallSite } from '../../contract/trace-events.js';
import type { TypedArray } from '../transport/dtypes.js';
import * as alg from './algorithms.js';
import { resolveW } from './alltoallw.js';
import { parseArgs } from './args.js';
import * as cb from './collective-buffers.js';
import { opened } from './open-requests.js';
import { onChannel, reductionSig, type CollectiveCall } from './collective-transport.js';
import type { Comm } from './comm.js';
import { resolveVector } from './datatypes.js';
import { CountError } from './errors.js';
import { ANY_SOURCE, ANY_TAG } from './matching.js';
import { checkBufferOp, type Reducer } from './ops.js';
import { Request, type Completion } from './request.js';

/** A collective ready to run: its trace, its algorithm (given its number), and where its result goes. */
interface Plan {
  call: CollectiveCall;
  run: (seq: number) => Promise<unknown>;
  /** Puts the result into the caller's receive buffers; an MPI error here fails the request. */
  finish?: (result: unknown) => void;
}

/** What a completed collective request reports: no message, MPI's empty status. */
const COMPLETED: Completion = { value: undefined, source: ANY_SOURCE, tag: ANY_TAG, count: 0 };

/** Numbers the collective, traces its (nonblocking) entry, starts it, and returns its request. */
function start(comm: Comm, plan: Plan): Request {
  const { op, text, site, root, bytes, sig } = plan.call;
  comm.checkLive(op);
  const seq = ++comm.collSeq;
  const tracer = comm.rt.tracer;
  const id = tracer.start({ op, text, comm: comm.id, collSeq: seq, bytes, sig, root: root === undefined ? undefined : comm.members[root], site });
  tracer.end(id);
  const done = onChannel(comm, seq, plan.call, () => plan.run(seq)).then((result) => {
    plan.finish?.(result);
    return COMPLETED;
  });
  const request = Request.started(done, { tracer, comm: comm.id, text, wait: { type: 'collective', comm: comm.id, seq, op, group: [...comm.members] } });
  opened(request.operation!, text, site);
  return request;
}

// ---- synchronisation and data movement ----------------------------------------------------------

export function Ibarrier(comm: Comm, site: CallSite | undefined): Request {
  return start(comm, { call: { op: 'Ibarrier', text: 'Ibarrier()', site }, run: (seq) => alg.barrier(comm, seq) });
}

/** A nonblocking collective that only synchronises, traced under its own name (`Idup`). */
export function Inamed(comm: Comm, site: CallSite | undefined, op: string): Request {
  return start(comm, { call: { op, text: `${op}()`, site }, run: (seq) => alg.barrier(comm, seq) });
}

export function Ibcast(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Ibcast', args, 1, ['buf', 'root']);
  const b = comm.bufferArg('Ibcast', a.buf);
  const root = cb.rootArg(comm, 'Ibcast', a);
  return start(comm, {
    call: { op: 'Ibcast', text: `Ibcast(root=${root})`, site, root, bytes: b.byteLength },
    run: (seq) => alg.bcast(comm, seq, b, root),
    finish: (got) => {
      if (comm.rank !== root) cb.copyInto('Ibcast', b, got as TypedArray, site, true);
    },
  });
}

export function Igather(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Igather', args, 2, ['sendbuf', 'recvbuf', 'root']);
  const root = cb.rootArg(comm, 'Igather', a);
  const recv = comm.rank === root ? cb.blockedArg(comm, 'Igather', a.recvbuf) : undefined;
  const send = cb.sendOrInPlace(comm, 'Igather', a.sendbuf, recv, (r) => cb.ownBlock(comm, r));
  if (recv) cb.split(comm, 'Igather', recv, send.length);
  return start(comm, {
    call: { op: 'Igather', text: `Igather(root=${root})`, site, root, bytes: send.byteLength },
    run: (seq) => alg.gather(comm, seq, send, root),
    finish: (all) => {
      if (recv && all) cb.concatInto('Igather', recv, all as TypedArray[], site);
    },
  });
}

export function Iscatter(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Iscatter', args, 2, ['sendbuf', 'recvbuf', 'root']);
  const root = cb.rootArg(comm, 'Iscatter', a);
  const isRoot = comm.rank === root;
  const send = isRoot ? cb.blockedArg(comm, 'Iscatter', a.sendbuf) : undefined;
  const recv = isRoot && cb.isInPlaceRecv(a.recvbuf) ? undefined : comm.bufferArg('Iscatter', a.recvbuf);
  // The root's blocks are as its send buffer says when it holds a whole number of them (its sendcount).
  const n = send && send.length % comm.size === 0 ? send.length / comm.size : recv ? recv.length : Math.floor(send!.length / comm.size);
  const pieces = send ? cb.split(comm, 'Iscatter', send, n) : undefined;
  return start(comm, {
    call: { op: 'Iscatter', text: `Iscatter(root=${root})`, site, root, bytes: n * (recv ?? send!).BYTES_PER_ELEMENT },
    run: (seq) => alg.scatter(comm, seq, pieces, root),
    finish: (got) => {
      if (recv) cb.copyInto('Iscatter', recv, got as TypedArray, site, true);
    },
  });
}

export function Iallgather(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Iallgather', args, 2, ['sendbuf', 'recvbuf']);
  const recv = cb.blockedArg(comm, 'Iallgather', a.recvbuf);
  const send = cb.sendOrInPlace(comm, 'Iallgather', a.sendbuf, recv, (r) => cb.ownBlock(comm, r));
  cb.split(comm, 'Iallgather', recv, send.length);
  return start(comm, {
    call: { op: 'Iallgather', text: 'Iallgather()', site, bytes: send.byteLength },
    run: (seq) => alg.allgather(comm, seq, send),
    finish: (all) => cb.concatInto('Iallgather', recv, all as TypedArray[], site),
  });
}

export function Ialltoall(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Ialltoall', args, 2, ['sendbuf', 'recvbuf']);
  const recv = cb.blockedArg(comm, 'Ialltoall', a.recvbuf);
  const send = cb.sendOrInPlace(comm, 'Ialltoall', a.sendbuf, recv, (r) => r.slice() as TypedArray, true, true);
  if (send.length % comm.size !== 0) throw new CountError(`Ialltoall: the send buffer has ${send.length} elements, not a multiple of the ${comm.size} ranks`);
  const pieces = cb.split(comm, 'Ialltoall', send, send.length / comm.size);
  cb.split(comm, 'Ialltoall', recv, send.length / comm.size);
  return start(comm, {
    call: { op: 'Ialltoall', text: 'Ialltoall()', site, bytes: send.byteLength },
    run: (seq) => alg.alltoall(comm, seq, pieces),
    finish: (all) => cb.concatInto('Ialltoall', recv, all as TypedArray[], site),
  });
}

// ---- vector variants ----------------------------------------------------------------------------

export function Igatherv(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Igatherv', args, 2, ['sendbuf', 'recvbuf', 'root']);
  const root = cb.rootArg(comm, 'Igatherv', a);
  const recv = comm.rank === root ? resolveVector('Igatherv', a.recvbuf, comm.size) : undefined;
  const send = recv && cb.isInPlace(a.sendbuf, undefined) ? (cb.blocksOf(recv)[comm.rank].slice() as TypedArray) : comm.bufferArg('Igatherv', a.sendbuf);
  return start(comm, {
    call: { op: 'Igatherv', text: `Igatherv(root=${root})`, site, root, bytes: send.byteLength },
    run: (seq) => alg.gather(comm, seq, send, root),
    finish: (all) => {
      if (recv && all) cb.placeBlocks('Igatherv', recv, all as TypedArray[], site);
    },
  });
}

export function Iscatterv(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Iscatterv', args, 2, ['sendbuf', 'recvbuf', 'root']);
  const root = cb.rootArg(comm, 'Iscatterv', a);
  const isRoot = comm.rank === root;
  const send = isRoot ? resolveVector('Iscatterv', a.sendbuf, comm.size) : undefined;
  const recv = isRoot && cb.isInPlaceRecv(a.recvbuf) ? undefined : comm.bufferArg('Iscatterv', a.recvbuf);
  const pieces = send && cb.blocksOf(send);
  return start(comm, {
    call: { op: 'Iscatterv', text: `Iscatterv(root=${root})`, site, root, bytes: recv?.byteLength },
    run: (seq) => alg.scatter(comm, seq, pieces, root),
    finish: (got) => {
      if (recv) cb.copyInto('Iscatterv', recv, got as TypedArray, site);
    },
  });
}

export function Iallgatherv(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Iallgatherv', args, 2, ['sendbuf', 'recvbuf']);
  const recv = resolveVector('Iallgatherv', a.recvbuf, comm.size);
  const send = cb.isInPlace(a.sendbuf, undefined) ? (cb.blocksOf(recv)[comm.rank].slice() as TypedArray) : comm.bufferArg('Iallgatherv', a.sendbuf);
  return start(comm, {
    call: { op: 'Iallgatherv', text: 'Iallgatherv()', site, bytes: send.byteLength },
    run: (seq) => alg.allgather(comm, seq, send),
    finish: (all) => cb.placeBlocks('Iallgatherv', recv, all as TypedArray[], site),
  });
}

export function Ialltoallv(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Ialltoallv', args, 2, ['sendbuf', 'recvbuf']);
  const recv = resolveVector('Ialltoallv', a.recvbuf, comm.size);
  const pieces = cb.isInPlace(a.sendbuf, undefined)
    ? cb.blocksOf(recv).map((b) => b.slice() as TypedArray)
    : cb.blocksOf(resolveVector('Ialltoallv', a.sendbuf, comm.size));
  const bytes = pieces.reduce((n, p) => n + p.byteLength, 0);
  return start(comm, {
    call: { op: 'Ialltoallv', text: 'Ialltoallv()', site, bytes },
    run: (seq) => alg.alltoall(comm, seq, pieces),
    finish: (all) => cb.placeBlocks('Ialltoallv', recv, all as TypedArray[], site),
  });
}

/** Ialltoallw: Alltoallw's arguments (a datatype per rank, byte displacements), returning a request. */
export function Ialltoallw(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Ialltoallw', args, 2, ['sendbuf', 'recvbuf']);
  const recv = resolveW('Ialltoallw', a.recvbuf, comm.size);
  const pieces = a.sendbuf === cb.IN_PLACE || a.sendbuf === null ? recv.packAll() : resolveW('Ialltoallw', a.sendbuf, comm.size).packAll();
  const bytes = pieces.reduce((n, p) => n + p.byteLength, 0);
  return start(comm, {
    call: { op: 'Ialltoallw', text: 'Ialltoallw()', site, bytes },
    run: (seq) => alg.alltoall(comm, seq, pieces),
    finish: (all) => recv.land(all as TypedArray[]),
  });
}

// ---- reductions ---------------------------------------------------------------------------------

export function Ireduce(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs('Ireduce', args, 2, ['sendbuf', 'recvbuf', 'op', 'root']);
  const op = checkBufferOp('Ireduce', a.op, a.sendbuf, a.recvbuf);
  const root = cb.rootArg(comm, 'Ireduce', a);
  const recv = comm.rank === root ? comm.bufferArg('Ireduce', a.recvbuf) : undefined;
  const send = cb.sendOrInPlace(comm, 'Ireduce', a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
  cb.checkReduceBuffers('Ireduce', send, recv);
  return start(comm, {
    call: { op: 'Ireduce', text: `Ireduce(op=${op}, root=${root})`, site, root, bytes: send.byteLength, sig: reductionSig(op, send) },
    run: (seq) => alg.reduce(comm, seq, send, op, root),
    finish: (total) => {
      if (recv) cb.copyInto('Ireduce', recv, total as TypedArray, site);
    },
  });
}

/** Iallreduce, Iscan and Iexscan: same arguments, each rank's receive buffer gets its result (Iexscan's rank 0: none). */
function reduceToAll(name: string, algorithm: typeof alg.allreduce, comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const a = parseArgs(name, args, 2, ['sendbuf', 'recvbuf', 'op']);
  const op = checkBufferOp(name, a.op, a.sendbuf, a.recvbuf);
  const recv = comm.bufferArg(name, a.recvbuf);
  const send = cb.sendOrInPlace(comm, name, a.sendbuf, recv, (r) => r.slice() as TypedArray, true);
  cb.checkReduceBuffers(name, send, recv);
  return start(comm, {
    call: { op: name, text: `${name}(op=${op})`, site, bytes: send.byteLength, sig: reductionSig(op, send) },
    run: (seq) => algorithm(comm, seq, send, op),
    finish: (total) => {
      if (total !== undefined) cb.copyInto(name, recv, total as TypedArray, site);
    },
  });
}

export function Iallreduce(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  return reduceToAll('Iallreduce', alg.allreduce, comm, site, args);
}

export function Iscan(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  return reduceToAll('Iscan', alg.scan, comm, site, args);
}

export function Iexscan(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  return reduceToAll('Iexscan', alg.exscan, comm, site, args);
}

export function Ireduce_scatter_block(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const name = 'Ireduce_scatter_block';
  const a = parseArgs(name, args, 2, ['sendbuf', 'recvbuf', 'op']);
  const op = checkBufferOp(name, a.op, a.sendbuf, a.recvbuf);
  const recv = comm.bufferArg(name, a.recvbuf);
  const inplace = cb.isInPlace(a.sendbuf, recv);
  const send = inplace ? (recv.slice() as TypedArray) : comm.bufferArg(name, a.sendbuf);
  const n = inplace ? Math.floor(recv.length / comm.size) : recv.length;
  cb.checkReduceBuffers(name, send, recv, false);
  cb.split(comm, name, send, n);
  return reduceScatter(comm, name, site, op, send, Array<number>(comm.size).fill(n), recv.subarray(0, n) as TypedArray, recv);
}

export function Ireduce_scatter(comm: Comm, site: CallSite | undefined, args: unknown[]): Request {
  const name = 'Ireduce_scatter';
  const a = parseArgs(name, args, 2, ['sendbuf', 'recvbuf', 'recvcounts', 'op']);
  const op = checkBufferOp(name, a.op, a.sendbuf, a.recvbuf);
  const recv = comm.bufferArg(name, a.recvbuf);
  const inplace = cb.isInPlace(a.sendbuf, recv);
  const send = inplace ? (recv.slice() as TypedArray) : comm.bufferArg(name, a.sendbuf);
  const counts = cb.inElements(op, cb.recvCounts(comm, name, a.recvcounts), recv);
  if (!counts && inplace) throw new CountError(`${name}: with MPI.IN_PLACE, pass recvcounts (how many elements each rank receives)`);
  const mine = counts ? counts[comm.rank] : recv.length;
  if (recv.length < mine) throw new CountError(`${name}: recvcounts[${comm.rank}] is ${mine}, but the receive buffer holds ${recv.length}`);
  cb.checkReduceBuffers(name, send, recv, false);
  if (counts && !inplace && send.length !== counts.reduce((x, y) => x + y, 0)) {
    throw new CountError(`${name}: the send buffer holds ${send.length} elements, but the receive counts add up to ${counts.reduce((x, y) => x + y, 0)}`);
  }
  return reduceScatter(comm, name, site, op, send, counts, recv.subarray(0, mine) as TypedArray, recv);
}

/**
 * The reduce-scatter family: every rank's send buffer and receive count go to every rank
 * (allgather), and each reduces them, in rank order, and keeps its own segment.
 */
function reduceScatter(comm: Comm, name: string, site: CallSite | undefined, op: Reducer, send: TypedArray, counts: number[] | undefined, into: TypedArray, whole: TypedArray): Request {
  return start(comm, {
    call: { op: name, text: `${name}(op=${op})`, site, bytes: send.byteLength, sig: String(op) },
    run: (seq) => alg.allgather(comm, seq, [into.length, send]),
    finish: (result) => cb.reduceScatterInto(name, comm.rank, op, result as [number, TypedArray][], counts, into, whole),
  });
}
