/**
 * Ids of the items processes hand each other (a queue item, a pipe message, a Pool chunk or its
 * result): `<process index>.<n>`, unique in the job. The call that hands an item over names it in
 * its start event, the item carries it, and the call that takes it names it at its end, so the
 * diagram draws the arrow between them (as it does for MPI messages, which have ids of their own,
 * `msg`, that the launcher's message state reads; these it never sees). A counter and a string:
 * no stack, no round trip.
 */
import { currentIdentity } from '../../identity.js';

let last = 0;

export function nextItemId(): string {
  return `${currentIdentity().index}.${++last}`;
}

/** What the owner of a queue or a pipe end answers a taking call (get, recv): the item and its id. */
export interface Taken {
  v: unknown;
  item: string | undefined;
  /** false for a call that can fail softly and did (an acquire that timed out). */
  ok?: boolean;
}

/**
 * A FIFO of items with their ids, side by side: the items array stays as it was for everything
 * that counts or drops items.
 */
export class ItemLine {
  readonly items: unknown[] = [];
  private readonly ids: (string | undefined)[] = [];

  get length(): number {
    return this.items.length;
  }

  push(v: unknown, id: string | undefined): void {
    this.items.push(v);
    this.ids.push(id);
  }

  shift(): Taken {
    return { v: this.items.shift(), item: this.ids.shift() };
  }
}
