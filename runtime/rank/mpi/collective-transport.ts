/**
 * The internal messages of collectives: on a separate context per communicator (`<id>/c`), so no
 * user receive, not even with ANY_SOURCE and ANY_TAG, can take them. Typed arrays travel as raw
 * bytes, other values as structured clones. The tag is the collective's sequence number.
 */
import type { CallSite } from '../../contract/trace-events.js';
import { bytesOf, dtypeCode, isTypedArray, typedArrayCopy, type TypedArray } from '../transport/dtypes.js';
import { datatypeOfKind } from './datatypes.js';
import { Encoding } from '../transport/frames.js';
import type { Comm } from './comm.js';
import { decodeClone } from '../transport/scalar-clone.js';
import { DONE, traced } from './traced.js';
import { nowMicros } from '../../contract/clock.js';
import { TRAFFIC_RECV, TRAFFIC_SEND } from '../../contract/trace-events.js';

/**
 * The internal messages of each collective under way, per communicator and number: the flat
 * record its end event carries (`traffic`, trace-events.ts), so the diagram can draw the steps the
 * algorithm took. A few numbers per message, no event of their own: collectives stay cheap to trace.
 */
const trafficOf = new WeakMap<Comm, Map<number, number[]>>();

function note(comm: Comm, seq: number, dir: number, peer: number, bytes: number, msgSeq: number): void {
  trafficOf.get(comm)?.get(seq)?.push(dir, peer, bytes, msgSeq, nowMicros());
}

/**
 * The context collective number `seq` sends on: one per call and root, so a rank in `Bcast(root=0)`
 * never takes the message of another's `Barrier()` with the same number (their data would not fit:
 * before, that crashed in the runtime instead of being reported as the mismatch it is). The
 * launcher reports the disagreement (monitor.ts) while both wait on their own channels.
 */
export function collContext(comm: Comm, seq: number): string {
  return `${comm.id}/c/${comm.collChannels.get(seq) ?? ''}`;
}

/**
 * Opens collective `seq`'s channel for the length of `run`. Its name holds the arguments every
 * member must pass alike (`sig`), so members that disagree (MPI.SUM against MPI.MAX, 5 doubles
 * against 3) never exchange data: neither combines values it should not, neither crashes, and the
 * launcher reports the mismatch with each member's line.
 */
export function onChannel<T>(comm: Comm, seq: number, call: { op: string; root?: number; sig?: string }, run: () => Promise<T>, traffic?: number[]): Promise<T> {
  const at = call.root === undefined ? call.op : `${call.op}@${call.root}`;
  comm.collChannels.set(seq, call.sig === undefined ? at : `${at}|${call.sig}`);
  let open = trafficOf.get(comm);
  if (traffic && !open) trafficOf.set(comm, (open = new Map()));
  if (traffic) open!.set(seq, traffic);
  return run().finally(() => {
    comm.collChannels.delete(seq);
    open?.delete(seq);
  });
}

/** Sends `value` to rank `dest` of `comm` inside collective number `seq`. */
export function csend(comm: Comm, dest: number, seq: number, value: unknown): Promise<void> {
  const engine = comm.rt.engine;
  const typed = isTypedArray(value);
  const packed = typed
    ? { encoding: Encoding.Bytes, dtype: dtypeCode(value), bytes: bytesOf(value) }
    : comm.pack('collective', value);
  const msgSeq = engine.allocateSeq();
  note(comm, seq, TRAFFIC_SEND, comm.members[dest], packed.bytes.byteLength, msgSeq);
  const sending = engine.send({
    context: collContext(comm, seq), source: comm.rank, tag: seq & 0x7fffffff, worldDest: comm.members[dest],
    encoding: packed.encoding, dtype: packed.dtype, payload: packed.bytes, sync: false, seq: msgSeq,
  });
  return sending ?? DONE;
}

/** Receives the value rank `source` sent in collective number `seq`. */
export async function crecv(comm: Comm, source: number, seq: number): Promise<any> {
  const r = await comm.rt.engine.receive(collContext(comm, seq), source, seq & 0x7fffffff).done;
  note(comm, seq, TRAFFIC_RECV, r.env.worldSource, r.env.size, r.env.seq);
  return r.env.encoding === Encoding.Bytes ? typedArrayCopy(r.env.dtype, r.payload) : decodeClone(r.payload);
}

/** Sends and receives at once (both posted before either waits), as every exchange step needs. */
export async function cexchange(comm: Comm, dest: number, source: number, seq: number, value: unknown): Promise<any> {
  const incoming = crecv(comm, source, seq);
  await csend(comm, dest, seq, value);
  return incoming;
}

export interface CollectiveCall {
  op: string;
  text: string;
  site: CallSite | undefined;
  root?: number;
  bytes?: number;
  /** What every member must pass alike (trace-events.ts `sig`); see `reductionSig`. */
  sig?: string;
}

/** A buffer reduction's agreement: the op, and the count and datatype of the elements. */
export function reductionSig(op: { toString(): string }, send: TypedArray): string {
  return `${String(op)}, ${send.length} × ${datatypeOfKind(send).name}`;
}


/**
 * Runs one collective: numbers it, traces it as blocking until every member has entered, and
 * runs the algorithm with that number as its message tag.
 */
export function runCollective<T>(comm: Comm, call: CollectiveCall, algorithm: (seq: number) => Promise<T>): Promise<T> {
  comm.checkLive(call.op);
  const seq = ++comm.collSeq;
  const traffic: number[] = [];
  return traced(comm.rt.tracer, {
    op: call.op, text: call.text, comm: comm.id, collSeq: seq, bytes: call.bytes, sig: call.sig,
    root: call.root === undefined ? undefined : comm.members[call.root],
    wait: { type: 'collective', comm: comm.id, seq, op: call.op, group: [...comm.members] },
    site: call.site,
  }, () => onChannel(comm, seq, call, () => algorithm(seq), traffic), () => (traffic.length > 0 ? { traffic } : undefined));
}
