/**
 * The batches as they arrived, kept whole. An op's rarely read fields (its text, site, peer, tag,
 * size) are read from its events here rather than copied into columns of the model: the batches
 * came without a copy (their buffers were transferred), while every byte the model writes afresh
 * costs load time (a million-event trace is half a million ops).
 */
import type { EventColumns } from './protocol.js';

export type IntField = 'op' | 'text' | 'comm' | 'msg' | 'obj' | 'error' | 'file' | 'wait' | 'peer' | 'tag' | 'root' | 'collSeq' | 'line' | 'column' | 'ok';

export class EventStore {
  private readonly batches: EventColumns[] = [];
  /** Global index of each batch's first event. */
  private readonly firsts: number[] = [];
  count = 0;
  /** The batch last looked in: reads come in runs from one batch. */
  private last = 0;

  /** Keeps a batch; returns the global index of its first event. */
  add(c: EventColumns): number {
    const first = this.count;
    this.batches.push(c);
    this.firsts.push(first);
    this.count += c.count;
    return first;
  }

  int(g: number, field: IntField): number {
    const b = this.batchOf(g);
    return this.batches[b][field][g - this.firsts[b]];
  }

  bytes(g: number): number {
    const b = this.batchOf(g);
    return this.batches[b].bytes[g - this.firsts[b]];
  }

  private batchOf(g: number): number {
    const f = this.firsts;
    let b = this.last;
    if (g >= f[b] && (b + 1 === f.length || g < f[b + 1])) return b;
    let lo = 0, hi = f.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (f[mid] <= g) lo = mid;
      else hi = mid - 1;
    }
    this.last = b = lo;
    return b;
  }
}
