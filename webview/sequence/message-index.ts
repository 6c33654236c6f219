/**
 * Messages grouped by (sending lane, receiving lane), each group sorted by send position, for
 * drawing only those near the visible window. Kept current as batches arrive: messages newly
 * complete are appended (or merged in when out of order); a change of time mode or of the
 * op/tag/comm filter starts over (the index holds only the messages the filter shows, so counting
 * them stays a subtraction).
 */
import type { TraceModel } from './model.js';
import { PairIndex } from './pair-index.js';
import type { TimeMode } from './viewport.js';

export class MessageIndex {
  readonly pairs: PairIndex[] = [];
  private readonly byKey = new Map<number, PairIndex>();
  private indexed = 0;
  /** Messages seen with one end only so far. */
  private pending: number[] = [];
  private basis = '';

  /** `shows(send op)` is the message filter; `filterKey` names it, so a change rebuilds the index. */
  update(m: TraceModel, mode: TimeMode, shows: (send: number) => boolean, filterKey: string): void {
    const basis = `${mode}|${filterKey}`;
    if (basis !== this.basis) this.reset(basis);
    // Only messages whose both ends are known are drawn; a receive may arrive batches after its send.
    const waiting: number[] = [];
    const touched = new Set<PairIndex>();
    const consider = (i: number): void => {
      const s = m.msgSend.a[i], r = m.msgRecv.a[i];
      if (s < 0 || r < 0) return void waiting.push(i);
      if (!shows(s)) return;
      const pair = this.pair(m.rank.a[s], m.rank.a[r]);
      // Absolute µs, not µs from the first event: a later batch may bring an earlier first event.
      pair.add(m.msgFrom(i, mode), m.msgTo(i, mode), i);
      touched.add(pair);
    };
    for (const i of this.pending) consider(i);
    for (let i = this.indexed; i < m.messages; i++) consider(i);
    this.indexed = m.messages;
    this.pending = waiting;
    for (const pair of touched) pair.settle();
  }

  private reset(basis: string): void {
    this.basis = basis;
    this.indexed = 0;
    this.pending = [];
    this.pairs.length = 0;
    this.byKey.clear();
  }

  private pair(from: number, to: number): PairIndex {
    const k = from * 0x100000 + to;
    let p = this.byKey.get(k);
    if (!p) {
      p = new PairIndex(from, to);
      this.byKey.set(k, p);
      this.pairs.push(p);
    }
    return p;
  }
}
