/**
 * `MPI.Request`: a nonblocking operation in progress. `wait` is traced as a blocking call with what
 * the request waits for, so the detector sees `req.wait()` exactly like the blocking call it stands for.
 */
import type { CallSite, WaitFor } from '../protocol/trace-events.js';
import { captureCallSite } from '../rank/call-site.js';
import type { Tracer } from '../rank/tracer.js';
import { RequestError } from './errors.js';
import { UNDEFINED } from './matching.js';
import type { Status } from './status.js';
import { traced } from './traced.js';

/** What a finished request yields: the value (receives) and the envelope facts for a Status. */
export interface Completion {
  value: unknown;
  source: number;
  tag: number;
  count: number;
  /** World rank the message came from and its id, for the trace (receives only). */
  worldSource?: number;
  msg?: string;
  cancelled?: boolean;
}

export interface RequestInfo {
  tracer: Tracer;
  comm: string;
  /** The call that created it, e.g. `irecv(source=1, tag=ANY)`. */
  text: string;
  wait: WaitFor;
  cancel?: () => boolean;
}

export class Request {
  private result: Completion | undefined;
  private failure: unknown;
  private settled = false;
  private consumed = false;
  private readonly completion: Promise<Completion>;

  constructor(completion: Promise<Completion>, private readonly info: RequestInfo) {
    this.completion = completion.then(
      (c) => {
        this.result = c;
        this.settled = true;
        return c;
      },
      (err) => {
        this.failure = err;
        this.settled = true;
        throw err;
      },
    );
    // A failure surfaces at wait()/test(); never as an unhandled rejection before that.
    this.completion.catch(() => {});
  }

  /** Waits for completion; returns the received value (undefined for sends). */
  async wait(status?: Status): Promise<unknown> {
    return this.waitAt(captureCallSite(), status);
  }

  /** @internal */
  async waitAt(site: CallSite | undefined, status?: Status, op = 'wait'): Promise<unknown> {
    if (this.consumed) throw new RequestError(`${op}: this request already completed (MPI.REQUEST_NULL); wait on each request once`);
    if (this.settled && this.failure !== undefined) throw this.failure;
    if (this.settled) this.recordReceipt(op, site, this.result!);
    const c = this.settled
      ? this.result!
      : await traced(this.info.tracer, { op, text: `${op}(${this.info.text})`, comm: this.info.comm, wait: this.info.wait, site }, this.completion, (r) => ({
          peer: r.worldSource, tag: r.worldSource !== undefined ? r.tag : undefined, bytes: r.worldSource !== undefined ? r.count : undefined, msg: r.msg,
        }));
    this.consumed = true;
    fillStatus(status, c);
    return c.value;
  }

  /** `[done, value]` without blocking. */
  test(status?: Status): [boolean, unknown] {
    if (!this.settled) return [false, undefined];
    if (this.failure !== undefined) throw this.failure;
    this.consumed = true;
    this.recordReceipt('test', captureCallSite(), this.result!);
    fillStatus(status, this.result!);
    return [true, this.result!.value];
  }

  /**
   * A receive consumed after it had completed (by `test`, or a wait with nothing left to wait
   * for, as after `waitall`) still records which message it took: the diagram's arrow ends here,
   * and the launcher stops counting that message as in flight.
   */
  private recordReceipt(op: string, site: CallSite | undefined, c: Completion): void {
    if (c.msg === undefined) return;
    const id = this.info.tracer.start({ op, text: `${op}(${this.info.text})`, comm: this.info.comm, site });
    this.info.tracer.end(id, { peer: c.worldSource, tag: c.tag, bytes: c.count, msg: c.msg });
  }

  /** Cancels a receive that has not matched yet; `wait` then completes with a cancelled status. */
  cancel(): void {
    this.info.cancel?.();
  }

  Wait(status?: Status): Promise<unknown> {
    return this.waitAt(captureCallSite(), status, 'Wait');
  }
  Test(status?: Status): boolean {
    return this.test(status)[0];
  }
  Cancel(): void {
    this.cancel();
  }

  /** @internal */
  get waitFor(): WaitFor {
    return this.info.wait;
  }
  /** @internal */
  get done(): Promise<Completion> {
    return this.completion;
  }
  /** @internal */
  get isSettled(): boolean {
    return this.settled;
  }

  static async waitall(requests: Request[], statuses?: Status[]): Promise<unknown[]> {
    const site = captureCallSite();
    if (requests.length === 0) return [];
    const tracer = requests[0].info.tracer;
    const all = Promise.all(requests.map((r) => r.completion));
    await traced(tracer, { op: 'waitall', text: `waitall(${requests.length} requests)`, comm: requests[0].info.comm, wait: { type: 'all', of: requests.filter((r) => !r.settled).map((r) => r.info.wait) }, site }, all);
    return Promise.all(requests.map((r, i) => r.waitAt(site, statuses?.[i])));
  }

  static async waitany(requests: Request[], status?: Status): Promise<[number, unknown]> {
    const site = captureCallSite();
    const live = requests.map((r, i) => [r, i] as const).filter(([r]) => !r.consumed);
    // No active request: MPI.UNDEFINED as mpi4py returns it (it was -1, which is no MPI constant).
    if (live.length === 0) return [UNDEFINED, undefined];
    const tracer = live[0][0].info.tracer;
    const first = Promise.race(live.map(([r, i]) => r.completion.then(() => i)));
    const index = await traced(tracer, { op: 'waitany', text: `waitany(${live.length} requests)`, comm: live[0][0].info.comm, wait: { type: 'any', of: live.map(([r]) => r.info.wait) }, site }, first);
    return [index, await requests[index].waitAt(site, status)];
  }

  static testall(requests: Request[], statuses?: Status[]): [boolean, unknown[] | undefined] {
    if (!requests.every((r) => r.settled)) return [false, undefined];
    return [true, requests.map((r, i) => r.test(statuses?.[i])[1])];
  }

  static testany(requests: Request[], status?: Status): [number, boolean, unknown] {
    const i = requests.findIndex((r) => r.settled && !r.consumed);
    // None ready: MPI.UNDEFINED, not done; none active at all: MPI.UNDEFINED, done (as MPI_Testany).
    if (i < 0) return [UNDEFINED, requests.every((r) => r.consumed), undefined];
    return [i, true, requests[i].test(status)[1]];
  }

  static Waitall = Request.waitall;
  static Waitany = Request.waitany;
  static Testall = Request.testall;
}

function fillStatus(status: Status | undefined, c: Completion): void {
  if (!status) return;
  status.source = c.source;
  status.tag = c.tag;
  status.count = c.count;
  status.cancelled = c.cancelled ?? false;
}
