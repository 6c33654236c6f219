/**
 * Message races (the nondeterminism ISP and MUST look for): a receive from MPI.ANY_SOURCE took one
 * message while another, from another rank and able to match it, could have come first: its send
 * did not happen after the receive (no chain of messages leads from the receive to that send), and
 * no earlier receive took it. Which one such a receive takes depends on timing, so a program whose
 * result depends on it may give another result, or hang, on another run. Found after the run from
 * what the launcher recorded (each send, and the receive that took it, in each rank's order).
 */
import type { MessagePair } from './buffering.js';

export interface Race {
  /** The message the wildcard receive took. */
  took: MessagePair;
  /** One it could have taken instead. */
  other: MessagePair;
}

/** Work allowed for one run's search (message visits): a huge fan-in must not stall the end of a run. */
const BUDGET = 5_000_000;

/** Races found, the first `limit` of them; `total` counts the wildcard receives that had one. */
export function findRaces(pairs: readonly MessagePair[], limit = 3): { races: Race[]; total: number } {
  const byTarget = new Map<string, MessagePair[]>();
  const sentBy = new Map<number, MessagePair[]>();
  for (const p of pairs) {
    push(byTarget, target(p), p);
    push(sentBy, p.send.rank, p);
  }
  const races: Race[] = [];
  let total = 0;
  const budget = { left: BUDGET };
  for (const p of pairs) {
    if (!p.post?.wildcard || budget.left <= 0) continue;
    const after = happensAfter(p.post.rank, p.post.id, sentBy, budget);
    const w = p.post;
    const other = (byTarget.get(target(p)) ?? []).find((q) => q !== p && q.send.rank !== p.send.rank && q.send.rank !== w.rank
      && !isAfter(after, q.send.rank, q.send.call.id) && (!q.post || (q.post.rank === w.rank && q.post.id > w.id)));
    if (!other) continue;
    total++;
    if (races.length < limit) races.push({ took: p, other });
  }
  return { races, total };
}

/**
 * For the receive `id` of rank `rank`: per rank, the first of its calls that happens after it
 * (Lamport's order, through the messages of the run). A receive a nonblocking call posted counts
 * from its post, which can only make more calls "after" and so fewer races: no false alarm.
 */
function happensAfter(rank: number, id: number, sentBy: Map<number, MessagePair[]>, budget: { left: number }): Map<number, number> {
  const after = new Map<number, number>([[rank, id]]);
  const queue = [rank];
  while (queue.length > 0 && budget.left > 0) {
    const r = queue.shift()!;
    const from = after.get(r)!;
    for (const m of sentBy.get(r) ?? []) {
      budget.left--;
      if (m.send.call.id <= from || !m.post) continue;
      const known = after.get(m.post.rank);
      if (known !== undefined && known <= m.post.id) continue;
      after.set(m.post.rank, m.post.id);
      queue.push(m.post.rank);
    }
  }
  return after;
}

function isAfter(after: Map<number, number>, rank: number, id: number): boolean {
  const first = after.get(rank);
  return first !== undefined && id > first;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The receiver, communicator and tag a message can be taken by. */
function target(p: MessagePair): string {
  const s = p.send.call;
  return `${s.peer}|${s.comm}|${s.tag}`;
}
