/**
 * Messages in send-time order, for drawing only those near the visible window. Kept sorted as
 * batches arrive by sorting just the new messages and merging (a live run adds a few thousand a
 * batch; re-sorting a million each time would not keep up).
 */
import type { TraceModel } from './model.js';
import type { TimeMode } from './viewport.js';

export class MessageIndex {
  order = new Int32Array(0);
  keys = new Float64Array(0);
  /** Longest send-to-receive distance seen: how far before the window a visible arrow can start. */
  maxLatency = 0;
  private indexed = 0;
  /** Messages seen with one end only so far. */
  private pending: number[] = [];
  private mode: TimeMode | undefined;

  update(m: TraceModel, mode: TimeMode): void {
    if (mode !== this.mode) {
      this.mode = mode;
      this.indexed = 0;
      this.pending = [];
      this.order = new Int32Array(0);
      this.keys = new Float64Array(0);
      this.maxLatency = 0;
    }
    // Only messages whose both ends are known are drawn; a receive may arrive batches after its send.
    const fresh: number[] = [];
    const waiting: number[] = [];
    const complete = (i: number): boolean => m.msgSend.a[i] >= 0 && m.msgRecv.a[i] >= 0;
    for (const i of this.pending) (complete(i) ? fresh : waiting).push(i);
    for (let i = this.indexed; i < m.messages; i++) (complete(i) ? fresh : waiting).push(i);
    this.indexed = m.messages;
    this.pending = waiting;
    if (fresh.length === 0) return;
    const key = (i: number): number => (mode === 'wall' ? m.t0.a[m.msgSend.a[i]] - m.tMin : m.l0.a[m.msgSend.a[i]]);
    const end = (i: number): number => (mode === 'wall' ? m.t1.a[m.msgRecv.a[i]] - m.tMin : m.l1.a[m.msgRecv.a[i]]);
    fresh.sort((x, y) => key(x) - key(y));
    for (const i of fresh) this.maxLatency = Math.max(this.maxLatency, end(i) - key(i));
    this.merge(fresh, key);
  }

  private merge(fresh: number[], key: (i: number) => number): void {
    const n = this.order.length + fresh.length;
    const order = new Int32Array(n);
    const keys = new Float64Array(n);
    let i = 0, j = 0;
    for (let o = 0; o < n; o++) {
      const takeOld = j >= fresh.length || (i < this.order.length && this.keys[i] <= key(fresh[j]));
      if (takeOld) {
        order[o] = this.order[i];
        keys[o] = this.keys[i++];
      } else {
        order[o] = fresh[j];
        keys[o] = key(fresh[j++]);
      }
    }
    this.order = order;
    this.keys = keys;
  }
}
