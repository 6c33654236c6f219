/**
 * Message races (the nondeterminism ISP and MUST look for): a receive from MPI.ANY_SOURCE took one
 * message while another, from another rank and able to match it, was already on its way. Which of
 * them it takes depends on timing, so a program whose result depends on it may give another
 * result, or hang, on another run. Found after the run from what the launcher recorded (the
 * sends, and when each receive took its message); only races that really were open are named.
 */
import type { MessagePair } from './buffering.js';

export interface Race {
  /** The message the wildcard receive took. */
  took: MessagePair;
  /** One it could have taken instead: sent to the same rank, communicator and tag before the receive matched, taken later or never. */
  other: MessagePair;
}

/** Races found, the first `limit` of them; `total` counts the wildcard receives that had one. */
export function findRaces(pairs: readonly MessagePair[], limit = 3): { races: Race[]; total: number } {
  const byTarget = new Map<string, MessagePair[]>();
  for (const p of pairs) {
    const key = target(p);
    byTarget.set(key, [...(byTarget.get(key) ?? []), p]);
  }
  const races: Race[] = [];
  let total = 0;
  let budget = 2_000_000; // comparisons: a fan-in of a million messages must not stall the end of the run
  for (const p of pairs) {
    if (!p.post?.wildcard) continue;
    const matched = p.post.t;
    const rivals = byTarget.get(target(p)) ?? [];
    const other = rivals.find((q) => budget-- > 0 && q !== p && q.send.rank !== p.send.rank && q.send.call.t < matched && (!q.post || q.post.t > matched));
    if (!other) continue;
    total++;
    if (races.length < limit) races.push({ took: p, other });
  }
  return { races, total };
}

/** The receiver, communicator and tag a message can be taken by. */
function target(p: MessagePair): string {
  const s = p.send.call;
  return `${s.peer}|${s.comm}|${s.tag}`;
}
