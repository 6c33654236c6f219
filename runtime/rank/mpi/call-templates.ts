/**
 * The constant part of blocking point-to-point calls' trace events, one per (op, peer, tag) of a
 * communicator: a loop of `send`/`recv` then builds no call text and no wait, and the trace
 * carries each once. Kept bounded: a program may use a new tag every iteration.
 */
import type { CallTemplate, WaitFor } from '../../contract/trace-events.js';
import { fmtRank } from './traced.js';

const KEPT = 1024;

export class CallTemplates {
  private readonly byOp = new Map<string, Map<number, CallTemplate>>();
  private size = 0;

  constructor(
    private readonly comm: string,
    /** World rank of a rank of the communicator (-1 stays ANY_SOURCE). */
    private readonly worldOf: (rank: number) => number,
    /** What a receive from `source` with `tag` waits for. */
    private readonly recvWait: (source: number, tag: number) => WaitFor,
  ) {}

  /** `op(dest=…, tag=…)`; `dest` is a rank of the communicator, `tag` >= 0. */
  send(op: string, dest: number, tag: number): CallTemplate {
    const key = dest * 2 ** 32 + tag;
    return this.byOp.get(op)?.get(key) ?? this.keep(op, key, {
      op, text: `${op}(dest=${dest}, tag=${tag})`, comm: this.comm, peer: this.worldOf(dest), tag,
    });
  }

  /** `op(source=…, tag=…)`, blocking; ANY_SOURCE and ANY_TAG are -1. */
  recv(op: string, source: number, tag: number): CallTemplate {
    const key = (source + 1) * 2 ** 32 + (tag + 1);
    return this.byOp.get(op)?.get(key) ?? this.keep(op, key, {
      op, text: `${op}(source=${fmtRank(source)}, tag=${fmtRank(tag)})`, comm: this.comm, peer: this.worldOf(source), tag, wait: this.recvWait(source, tag),
    });
  }

  private keep(op: string, key: number, t: CallTemplate): CallTemplate {
    if (this.size >= KEPT) {
      this.byOp.clear();
      this.size = 0;
    }
    let forOp = this.byOp.get(op);
    if (!forOp) this.byOp.set(op, (forOp = new Map()));
    forOp.set(key, t);
    this.size++;
    return t;
  }
}
