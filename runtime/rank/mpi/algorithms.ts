/**
 * Collective algorithms over values, on the collective context of a communicator. Trees are
 * binomial (bcast, scatter, gather, reduce), barrier is the dissemination algorithm, allgather a
 * ring, alltoall pairwise exchange, scan recursive doubling: log p or p-1 steps, never everything
 * through rank 0. Ranks are taken relative to the root (`vr = (rank - root + p) % p`).
 */
import type { Comm } from './comm.js';
import { cexchange, crecv, csend } from './collective-transport.js';
import type { Reducer as Op } from './ops.js';

const rel = (comm: Comm, root: number): number => (comm.rank - root + comm.size) % comm.size;
const abs = (comm: Comm, root: number, vr: number): number => (vr + root) % comm.size;

export async function barrier(comm: Comm, seq: number): Promise<void> {
  const p = comm.size;
  for (let d = 1; d < p; d *= 2) {
    await cexchange(comm, (comm.rank + d) % p, (comm.rank - d + p) % p, seq, null);
  }
}

export async function bcast(comm: Comm, seq: number, value: unknown, root: number): Promise<unknown> {
  const p = comm.size;
  const vr = rel(comm, root);
  let mask = 1;
  while (mask < p) {
    if (vr & mask) {
      value = await crecv(comm, abs(comm, root, vr - mask), seq);
      break;
    }
    mask <<= 1;
  }
  mask >>= 1;
  const sends: Promise<void>[] = [];
  for (; mask > 0; mask >>= 1) {
    if (vr + mask < p) sends.push(csend(comm, abs(comm, root, vr + mask), seq, value));
  }
  await Promise.all(sends);
  return value;
}

/** Binomial scatter: each subtree root receives the items of its whole subtree, in relative order. */
export async function scatter(comm: Comm, seq: number, items: unknown[] | undefined, root: number): Promise<unknown> {
  const p = comm.size;
  const vr = rel(comm, root);
  // `mine` holds the items for relative ranks vr, vr+1, … of this subtree.
  let mine: unknown[] = vr === 0 ? Array.from({ length: p }, (_, i) => items![abs(comm, root, i)]) : [];
  let mask = 1;
  while (mask < p) {
    if (vr & mask) {
      mine = await crecv(comm, abs(comm, root, vr - mask), seq);
      break;
    }
    mask <<= 1;
  }
  mask >>= 1;
  const sends: Promise<void>[] = [];
  for (; mask > 0; mask >>= 1) {
    if (vr + mask < p) sends.push(csend(comm, abs(comm, root, vr + mask), seq, mine.slice(mask, 2 * mask)));
  }
  await Promise.all(sends);
  return mine[0];
}

/** Binomial gather: the inverse of scatter; the root gets the items ordered by rank. */
export async function gather(comm: Comm, seq: number, value: unknown, root: number): Promise<unknown[] | undefined> {
  const p = comm.size;
  const vr = rel(comm, root);
  let mine: unknown[] = [value];
  for (let mask = 1; mask < p; mask <<= 1) {
    if (vr & mask) {
      await csend(comm, abs(comm, root, vr - mask), seq, mine);
      return undefined;
    }
    if (vr + mask < p) mine = mine.concat(await crecv(comm, abs(comm, root, vr + mask), seq));
  }
  return Array.from({ length: p }, (_, r) => mine[(r - root + p) % p]);
}

/** Ring allgather: p-1 steps, each passing on the item received in the step before. */
export async function allgather(comm: Comm, seq: number, value: unknown): Promise<unknown[]> {
  const p = comm.size;
  const out: unknown[] = new Array(p);
  out[comm.rank] = value;
  const right = (comm.rank + 1) % p;
  const left = (comm.rank - 1 + p) % p;
  for (let step = 0; step < p - 1; step++) {
    const sendIdx = (comm.rank - step + p) % p;
    const recvIdx = (comm.rank - step - 1 + p) % p;
    out[recvIdx] = await cexchange(comm, right, left, seq, out[sendIdx]);
  }
  return out;
}

/** Pairwise exchange: in step i, send to rank+i and receive from rank-i. */
export async function alltoall(comm: Comm, seq: number, items: unknown[]): Promise<unknown[]> {
  const p = comm.size;
  const out: unknown[] = new Array(p);
  out[comm.rank] = items[comm.rank];
  for (let i = 1; i < p; i++) {
    const to = (comm.rank + i) % p;
    const from = (comm.rank - i + p) % p;
    out[from] = await cexchange(comm, to, from, seq, items[to]);
  }
  return out;
}

/**
 * Binomial reduction towards the root. Each subtree covers a contiguous block of relative ranks,
 * combined lower block first; for a non-commutative op with root ≠ 0 the relative order is not
 * rank order, so the values are gathered and folded in rank order instead.
 */
export async function reduce(comm: Comm, seq: number, value: unknown, op: Op, root: number): Promise<unknown> {
  const p = comm.size;
  if (!op.commute && root !== 0) {
    const all = await gather(comm, seq, value, root);
    return all ? all.reduce((acc, v) => op.apply(acc, v)) : undefined;
  }
  const vr = rel(comm, root);
  let acc = value;
  for (let mask = 1; mask < p; mask <<= 1) {
    if (vr & mask) {
      await csend(comm, abs(comm, root, vr - mask), seq, acc);
      return undefined;
    }
    if (vr + mask < p) acc = op.apply(acc, await crecv(comm, abs(comm, root, vr + mask), seq));
  }
  return acc;
}

/** Reduce to rank 0, then broadcast: two binomial trees. */
export async function allreduce(comm: Comm, seq: number, value: unknown, op: Op): Promise<unknown> {
  const total = await reduce(comm, seq, value, op, 0);
  return bcast(comm, seq, total, 0);
}

/** Inclusive prefix reduction by recursive doubling (Hillis–Steele); keeps rank order for any op. */
export async function scan(comm: Comm, seq: number, value: unknown, op: Op): Promise<unknown> {
  const p = comm.size;
  let acc = value;
  for (let d = 1; d < p; d *= 2) {
    const sending = comm.rank + d < p ? csend(comm, comm.rank + d, seq, acc) : Promise.resolve();
    if (comm.rank - d >= 0) acc = op.apply(await crecv(comm, comm.rank - d, seq), acc);
    await sending;
  }
  return acc;
}

/** Exclusive prefix: the inclusive scan shifted one rank up; rank 0 gets undefined, as in mpi4py (None). */
export async function exscan(comm: Comm, seq: number, value: unknown, op: Op): Promise<unknown> {
  const inclusive = await scan(comm, seq, value, op);
  const p = comm.size;
  const sending = comm.rank + 1 < p ? csend(comm, comm.rank + 1, seq, inclusive) : Promise.resolve();
  const result = comm.rank > 0 ? await crecv(comm, comm.rank - 1, seq) : undefined;
  await sending;
  return result;
}
