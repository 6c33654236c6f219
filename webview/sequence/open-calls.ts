/**
 * The calls each lane has started and not yet ended, found by the call's id when its end arrives.
 * Ids count up per rank, so an array indexed by id serves (a Map per rank cost more than the rest
 * of taking a batch in); an id out of that range goes to a Map.
 */
import { I32 } from './growable.js';

/** Ids up to this go in the arrays: 16 M calls on one rank, 64 MiB at most. */
const DENSE = 1 << 24;

export class OpenCalls {
  private readonly byId: I32[] = [];
  private readonly other: Map<number, number>[] = [];
  /** Calls started and not ended. */
  count = 0;

  open(rank: number, id: number, op: number): void {
    while (this.byId.length <= rank) {
      this.byId.push(new I32());
      this.other.push(new Map());
    }
    if (id >= 0 && id < DENSE) this.byId[rank].set(id, op);
    else this.other[rank].set(id, op);
    this.count++;
  }

  /** The op index of the call that ends, or -1 if it was never started. */
  close(rank: number, id: number): number {
    if (rank >= this.byId.length) return -1;
    let op: number;
    if (id >= 0 && id < DENSE) {
      op = this.byId[rank].get(id);
      if (op >= 0) this.byId[rank].a[id] = -1;
    } else {
      op = this.other[rank].get(id) ?? -1;
      this.other[rank].delete(id);
    }
    if (op >= 0) this.count--;
    return op;
  }
}
