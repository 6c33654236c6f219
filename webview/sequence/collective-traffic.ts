/**
 * The point-to-point messages collectives send inside themselves (the steps of a tree, a ring, a
 * pairwise exchange), read from the traffic their end events carry (trace-events.ts). Kept apart
 * from the user's messages (model.ts): they are drawn inside the collective's band, can be hidden,
 * and the tables count them on their own ("collective" against "point-to-point").
 */
import type { TRAFFIC_SEND, TRAFFIC_STRIDE } from '../../runtime/contract/trace-events.js';
import { F64, I32 } from './growable.js';
import type { EventColumns } from './protocol.js';

// The webview takes only types from the contract: its values, typed as the contract's constants,
// so a change there fails to compile here.
const STRIDE: typeof TRAFFIC_STRIDE = 5;
const SEND: typeof TRAFFIC_SEND = 0;

/** Room for a world of 2^21 ranks: the sender and its message seq make one exact number. */
const SEQS = 2 ** 32;

export class CollectiveTraffic {
  /** Per message: its sender and receiver (ranks), the collective ops (model op indices) that sent and took it (-1 until known). */
  readonly src = new I32();
  readonly dst = new I32();
  readonly sendOp = new I32();
  readonly recvOp = new I32();
  readonly bytes = new F64();
  /** When it was sent and received (µs since the epoch; NaN until known). */
  readonly tSend = new F64();
  readonly tRecv = new F64();
  private readonly byId = new Map<number, number>();
  /** Bumped on every change, so indexes built from it know to start over. */
  version = 0;

  get count(): number {
    return this.src.n;
  }

  /** Event i of batch c ended collective op k of `rank`: its messages, as sends or receives. */
  add(c: EventColumns, i: number, k: number, rank: number): void {
    const a = c.traffic!;
    for (let j = c.trafficFrom![i]; j < c.trafficFrom![i + 1]; j += STRIDE) {
      const sent = a[j] === SEND;
      const peer = a[j + 1];
      const x = this.message(sent ? rank : peer, a[j + 3], sent ? peer : rank);
      this.bytes.a[x] = a[j + 2];
      if (sent) {
        this.sendOp.a[x] = k;
        this.tSend.a[x] = a[j + 4];
      } else {
        this.recvOp.a[x] = k;
        this.tRecv.a[x] = a[j + 4];
      }
    }
    this.version++;
  }

  /** The message `<src>.<seq>`, created on first sight from either end. */
  private message(src: number, seq: number, dst: number): number {
    const id = src * SEQS + seq;
    let x = this.byId.get(id);
    if (x === undefined) {
      x = this.src.push(src);
      this.dst.push(dst);
      this.sendOp.push(-1);
      this.recvOp.push(-1);
      this.bytes.push(NaN);
      this.tSend.push(NaN);
      this.tRecv.push(NaN);
      this.byId.set(id, x);
    }
    return x;
  }
}
