/**
 * The messages from one lane to another, sorted by send position. A frame bundles the arrows of a
 * pair by binary search (the count of a bucket is a difference of two indices), so drawing a
 * zoomed-out million-message run visits buckets, not messages.
 */
import { F64, I32, upperBound } from './growable.js';

/** Messages per block of the "latest receive" summary below. */
export const BLOCK = 64;

export class PairIndex {
  /** Send position (µs since the epoch, or Lamport ticks), ascending. */
  readonly keys = new F64();
  /** Receive position of the same message. */
  readonly ends = new F64();
  readonly msgs = new I32();
  /** Latest receive in each block of BLOCK messages: blocks wholly received before the window are skipped. */
  readonly blockEnd = new F64();
  /** Longest send-to-receive distance: how far before the window a visible arrow can start. */
  maxLatency = 0;

  constructor(readonly from: number, readonly to: number) {}

  get size(): number {
    return this.keys.n;
  }

  /** Messages that came out of send order (a receive completed late), for `settle` to merge in. */
  private late: number[] = [];

  /** Adds one message: appended when it is the latest sent, as nearly all are, else kept for settle. */
  add(key: number, end: number, msg: number): void {
    const n = this.keys.n;
    if (n > 0 && key < this.keys.a[n - 1]) return void this.late.push(key, end, msg);
    if (n === this.keys.a.length) for (const col of [this.keys, this.ends, this.msgs]) col.reserve(1);
    this.put(n, key, end, msg);
    this.keys.n = this.ends.n = this.msgs.n = n + 1;
    if (end - key > this.maxLatency) this.maxLatency = end - key;
    if (n % BLOCK === 0) this.summarize(n / BLOCK);
    else if (end > this.blockEnd.a[this.blockEnd.n - 1]) this.blockEnd.a[this.blockEnd.n - 1] = end;
  }

  /** Merges in the messages that came out of order. */
  settle(): void {
    if (this.late.length === 0) return;
    const items = [];
    for (let i = 0; i < this.late.length; i += 3) items.push(this.late.slice(i, i + 3));
    this.late = [];
    items.sort((x, y) => x[0] - y[0]);
    this.insert(items.map((x) => x[0]), items.map((x) => x[1]), items.map((x) => x[2]));
  }

  /**
   * Adds messages given as parallel arrays sorted by key. A lane sends in order, but receives can
   * complete out of order, so new messages usually append and otherwise merge into the tail.
   */
  private insert(keys: number[], ends: number[], msgs: number[]): void {
    const n = this.keys.n, add = keys.length;
    const at = upperBound(this.keys.a, 0, n, keys[0]);
    for (const col of [this.keys, this.ends, this.msgs]) col.reserve(add);
    // Move the old tail past the new room, then merge it back with the new messages from `at` on.
    this.keys.a.copyWithin(at + add, at, n);
    this.ends.a.copyWithin(at + add, at, n);
    this.msgs.a.copyWithin(at + add, at, n);
    let i = at + add, j = 0, o = at;
    while (j < add) {
      if (i < n + add && this.keys.a[i] <= keys[j]) this.move(o++, i++);
      else this.put(o++, keys[j], ends[j], msgs[j++]);
    }
    this.keys.n = this.ends.n = this.msgs.n = n + add;
    for (let q = 0; q < add; q++) this.maxLatency = Math.max(this.maxLatency, ends[q] - keys[q]);
    this.summarize(Math.floor(at / BLOCK));
  }

  private move(to: number, from: number): void {
    this.put(to, this.keys.a[from], this.ends.a[from], this.msgs.a[from]);
  }

  private put(o: number, key: number, end: number, msg: number): void {
    this.keys.a[o] = key;
    this.ends.a[o] = end;
    this.msgs.a[o] = msg;
  }

  /** Recomputes the block summaries from block b on. */
  private summarize(b: number): void {
    const n = this.keys.n;
    const blocks = Math.ceil(n / BLOCK);
    this.blockEnd.reserve(blocks - this.blockEnd.n);
    for (; b < blocks; b++) {
      let latest = -Infinity;
      for (let i = b * BLOCK, e = Math.min(i + BLOCK, n); i < e; i++) latest = Math.max(latest, this.ends.a[i]);
      this.blockEnd.a[b] = latest;
    }
    this.blockEnd.n = blocks;
  }
}
