/**
 * `MPI.Request`: a nonblocking operation in progress, with mpi4py's rules. A request that has
 * completed through a wait or a successful test is MPI.REQUEST_NULL from then on (`__bool__()` is
 * false), and every wait or test treats it as one: it completes at once with an empty status.
 * Waits are traced as blocking calls with what they wait for, so the detector sees `req.wait()`
 * exactly like the blocking call it stands for. Persistent requests (`Prequest`) become inactive
 * instead of null, and `Start()` runs them again.
 */
import type { CallSite, WaitFor } from '../../contract/trace-events.js';
import { captureCallSite } from '../call-site.js';
import type { Tracer } from '../tracer.js';
import { ERR_OTHER, MPIException, RequestError } from './errors.js';
import { ANY_SOURCE, ANY_TAG, UNDEFINED } from './matching.js';
import { Status, SUCCESS } from './status.js';
import { traced } from './traced.js';
import { progress } from './progress.js';
import { closed } from './open-requests.js';
import { releaseBuffers } from './buffer-hygiene.js';

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

/**
 * One started operation. It is completed synchronously, by whoever sees it end (a frame handler,
 * also inside `pollSync`), so a `Test()` in a loop that never yields sees it; `completion` is the
 * same outcome for those who await it.
 */
export class Operation {
  result: Completion | undefined;
  failure: unknown;
  settled = false;
  readonly completion: Promise<Completion>;
  private resolve!: (c: Completion) => void;
  private reject!: (err: unknown) => void;
  private listeners: (() => void)[] | undefined;

  /** `follows`: a promise whose outcome this operation takes (a turn later than a direct `complete`). */
  constructor(readonly info: RequestInfo, follows?: Promise<Completion>) {
    this.completion = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A failure surfaces at a wait or test; never as an unhandled rejection before that.
    this.completion.catch(() => {});
    follows?.then((c) => this.complete(c), (err) => this.fail(err));
  }

  complete(c: Completion): void {
    if (this.settled) return;
    this.result = c;
    this.settled = true;
    this.resolve(c);
    this.notify();
  }

  fail(err: unknown): void {
    if (this.settled) return;
    this.failure = err ?? new Error('request failed');
    this.settled = true;
    this.reject(err);
    this.notify();
  }

  /** Runs `listener` once the operation has settled (now, if it has). */
  whenSettled(listener: () => void): void {
    if (this.settled) listener();
    else (this.listeners ??= []).push(listener);
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const l of listeners) l();
  }
}

/** What a null or inactive request reports: MPI's empty status. */
const EMPTY: Completion = { value: undefined, source: ANY_SOURCE, tag: ANY_TAG, count: 0 };

type Statuses = Status[] | null | undefined;

export class Request {
  /** @internal Identity of the MPI handle; null is MPI.REQUEST_NULL. Copies share it. */
  protected handle: object | null = null;
  /** @internal The operation in progress; null when there is none (null or inactive request). */
  protected active: Operation | null = null;

  /** `MPI.Request()` is MPI.REQUEST_NULL; `MPI.Request(other)` is another handle to `other`'s operation. */
  constructor(request?: Request | null) {
    if (request !== undefined && request !== null && !(request instanceof Request)) {
      throw new TypeError(`MPI.Request: expected nothing or an MPI.Request to copy, got ${typeof request}`);
    }
    if (request) {
      this.handle = request.handle;
      this.active = request.active;
    }
  }

  /** @internal A request for an operation already started, whose outcome `completion` gives. */
  static started(completion: Promise<Completion>, info: RequestInfo): Request {
    return Request.of(new Operation(info, completion));
  }

  /** @internal A request for `op`, which its starter completes (or fails). */
  static of(op: Operation): Request {
    const r = new Request();
    r.active = op;
    r.handle = op;
    return r;
  }

  /** @internal A request complete from the start (MPI.PROC_NULL peers, buffered sends). */
  static settled(c: Completion, info: RequestInfo): Request {
    const op = new Operation(info);
    op.complete(c);
    return Request.of(op);
  }

  /** Python's `bool(request)`: false once the request is MPI.REQUEST_NULL (completed by a wait or test, or freed). */
  __bool__(): boolean {
    return this.handle !== null;
  }

  /** Python's `request == other`: the same MPI handle (every null request equals MPI.REQUEST_NULL). */
  __eq__(other: unknown): boolean {
    return other instanceof Request && other.handle === this.handle;
  }

  /**
   * The call and its state, as a debugger shows the request: `Request(isend(dest=1, tag=0) on
   * world: pending)`, `… completed`, `… failed`; `Request(MPI.REQUEST_NULL)`; `Prequest(inactive)`.
   */
  toString(): string {
    const kind = this.constructor.name || 'Request';
    if (this.handle === null) return `${kind}(MPI.REQUEST_NULL)`;
    const o = this.active;
    if (!o) return `${kind}(inactive)`;
    const state = !o.settled ? 'pending' : o.failure !== undefined ? 'failed' : o.result?.cancelled ? 'cancelled' : 'completed';
    return `${kind}(${o.info.text} on ${o.info.comm}: ${state})`;
  }

  // ---- one request --------------------------------------------------------------------------

  /** Waits for completion; returns the received object (undefined for sends and null requests). */
  wait<T = any>(status?: Status | null): Promise<T> {
    return this.waitAt(captureCallSite(), status ?? undefined, 'wait') as Promise<T>;
  }

  /** Waits for completion; returns true, as mpi4py's `Wait`. The status, if given, describes the message. */
  async Wait(status?: Status | null): Promise<true> {
    await this.waitAt(captureCallSite(), status ?? undefined, 'Wait');
    return true;
  }

  /**
   * Without blocking: `[true, object]` once complete (the request is then null), `[false, undefined]`
   * before. A message that has reached the process counts, so `while (!req.test()[0]) {}` ends.
   */
  test<T = any>(status?: Status | null): [boolean, T | undefined] {
    return this.testAt('test', status) as [boolean, T | undefined];
  }

  /** Without blocking: whether the operation completed (the request is then null). */
  Test(status?: Status | null): boolean {
    return this.testAt('Test', status)[0];
  }

  /** Whether the operation completed, without completing the request (it stays non-null). */
  Get_status(status?: Status | null): boolean {
    return this.statusAt('Get_status', status);
  }

  /** Lower-case `get_status`: the same as `Get_status`. */
  get_status(status?: Status | null): boolean {
    return this.statusAt('get_status', status);
  }

  private testAt(op: string, status: Status | null | undefined): [boolean, unknown] {
    const o = this.active;
    if (!o) return [true, emptyStatus(status)];
    if (!settledNow(o)) {
      stillPending(o, op);
      return [false, undefined];
    }
    return [true, this.consume(o, op, captureCallSite(), status)];
  }

  private statusAt(op: string, status: Status | null | undefined): boolean {
    const o = this.active;
    if (!o) {
      emptyStatus(status);
      return true;
    }
    if (!settledNow(o)) {
      stillPending(o, op);
      return false;
    }
    o.info.tracer.pollEnded();
    if (status) fillStatus(status, o.result ?? EMPTY, o.failure);
    return true;
  }

  /** Cancels a receive that has not matched yet; a wait then completes with a cancelled status. Sends are not cancelled. */
  Cancel(): void {
    this.active?.info.cancel?.();
  }

  /** Lower-case `cancel`: the same as `Cancel`. */
  cancel(): void {
    this.Cancel();
  }

  /**
   * Releases the request: it becomes MPI.REQUEST_NULL. An operation still in progress carries on
   * (a send is still delivered), but nothing can wait for it any more.
   */
  Free(): void {
    if (this.handle === null) throw new RequestError('Free: the request is MPI.REQUEST_NULL (already completed or freed); free a request once');
    closed(this.active);
    releaseBuffers(this.active);
    this.handle = null;
    this.active = null;
  }

  /** Python's `request.free()`: `Free()` unless the request is already null. */
  free(): void {
    if (this.handle !== null) this.Free();
  }

  /** @internal Waits for this request and completes it; traced as a blocking call named `op`. */
  async waitAt(site: CallSite | undefined, status: Status | undefined, op: string): Promise<unknown> {
    const o = this.active;
    if (!o) return emptyStatus(status);
    if (!o.settled) {
      const info = o.info;
      await traced(info.tracer, { op, text: `${op}(${info.text})`, comm: info.comm, wait: info.wait, site }, o.completion, receiptFields).catch(() => {});
      return this.consume(o, op, undefined, status);
    }
    return this.consume(o, op, site, status);
  }

  /**
   * Completes the request with its settled operation: the request becomes null (persistent ones
   * inactive), the status is filled, and the value returned or the failure thrown. `site` is set
   * when no traced wait covered the completion: the receipt is recorded here then, so the
   * diagram's arrow ends at this call and the launcher stops counting the message as in flight.
   */
  /** @internal */
  consume(o: Operation, op: string, site: CallSite | undefined, status: Status | null | undefined): unknown {
    this.completed();
    closed(o);
    releaseBuffers(o);
    if (o.failure !== undefined) {
      if (site) o.info.tracer.pollEnded();
      if (status) fillStatus(status, EMPTY, o.failure);
      throw o.failure as unknown; // what the operation failed with, as it was raised
    }
    const c = o.result!;
    const tracer = o.info.tracer;
    if (site && c.msg !== undefined) {
      // A polling loop reported as blocked in this test ends with the message it received.
      if (!tracer.pollEnded(o, receiptFields(c))) {
        const id = tracer.start({ op, text: `${op}(${o.info.text})`, comm: o.info.comm, site });
        tracer.end(id, receiptFields(c));
      }
    } else if (site) tracer.pollEnded();
    if (status) fillStatus(status, c);
    return c.value;
  }

  /** @internal The operation is over: a request becomes MPI.REQUEST_NULL. */
  protected completed(): void {
    this.handle = null;
    this.active = null;
  }

  /** @internal */
  get operation(): Operation | null {
    return this.active;
  }
  /** @internal */
  get waitFor(): WaitFor | undefined {
    return this.active?.info.wait;
  }
  /** @internal */
  get done(): Promise<Completion> | undefined {
    return this.active?.completion;
  }
  /** @internal */
  get isSettled(): boolean {
    return this.active?.settled ?? true;
  }

  // ---- many requests: capitalised (mpi4py's buffer shapes) -----------------------------------

  /** Waits for one of `requests`; returns its index, or MPI.UNDEFINED when none is active. */
  static async Waitany(requests: Request[], status?: Status | null): Promise<number> {
    return (await waitAny(captureCallSite(), requests, status, 'Waitany'))[0];
  }

  /** Tests for one of `requests`: `[index, flag]`; `[MPI.UNDEFINED, true]` when none is active. */
  static Testany(requests: Request[], status?: Status | null): [number, boolean] {
    const [index, flag] = testAny(requests, status, 'Testany');
    return [index, flag];
  }

  /** Waits for every request; returns true. `statuses`, if given, grows to one per request. */
  static async Waitall(requests: Request[], statuses?: Statuses): Promise<true> {
    await waitAll(captureCallSite(), requests, statuses, 'Waitall');
    return true;
  }

  /** Whether every request has completed (they are then all completed, else none is). */
  static Testall(requests: Request[], statuses?: Statuses): boolean {
    return testAll(requests, statuses, 'Testall')[0];
  }

  /** Waits until at least one request completes; returns the indices of all that did, or undefined when none is active. */
  static async Waitsome(requests: Request[], statuses?: Statuses): Promise<number[] | undefined> {
    return (await waitSome(captureCallSite(), requests, statuses, 'Waitsome'))[0];
  }

  /** Completes the requests that are done; returns their indices (maybe none), or undefined when none is active. */
  static Testsome(requests: Request[], statuses?: Statuses): number[] | undefined {
    return testSome(requests, statuses, 'Testsome')[0];
  }

  /** Like `Testany`, without completing the request found (MPI-4.1's MPI_Request_get_status_any). */
  static Get_status_any(requests: Request[], status?: Status | null): [number, boolean] {
    const live = activeIndices(requests);
    if (live.length === 0) return [UNDEFINED, emptyStatus(status) ?? true];
    const i = firstSettled(requests, live, 'Get_status_any');
    if (i === undefined) return [UNDEFINED, false];
    requests[i].Get_status(status);
    return [i, true];
  }

  /** Like `Testall`, without completing the requests. */
  static Get_status_all(requests: Request[], statuses?: Statuses): boolean {
    if (!allSettled(requests, 'Get_status_all')) return false;
    const list = growStatuses(statuses, requests.length);
    requests.forEach((r, i) => r.Get_status(list?.[i]));
    return true;
  }

  /** Like `Testsome`, without completing the requests. */
  static Get_status_some(requests: Request[], statuses?: Statuses): number[] | undefined {
    const live = activeIndices(requests);
    if (live.length === 0) return undefined;
    if (firstSettled(requests, live, 'Get_status_some') === undefined) return [];
    const done = live.filter((k) => requests[k].isSettled);
    const list = growStatuses(statuses, done.length);
    done.forEach((k, j) => requests[k].Get_status(list?.[j]));
    return done;
  }

  // ---- many requests: lower-case (mpi4py's object shapes) ------------------------------------

  /** Waits for one request: `[index, object]`; `[MPI.UNDEFINED, undefined]` when none is active. */
  static waitany<T = any>(requests: Request[], status?: Status | null): Promise<[number, T | undefined]> {
    return waitAny(captureCallSite(), requests, status, 'waitany') as Promise<[number, T | undefined]>;
  }

  /** `[index, flag, object]`: `[MPI.UNDEFINED, false, undefined]` when none is done, `[MPI.UNDEFINED, true, undefined]` when none is active. */
  static testany<T = any>(requests: Request[], status?: Status | null): [number, boolean, T | undefined] {
    return testAny(requests, status, 'testany') as [number, boolean, T | undefined];
  }

  /** Waits for every request; returns their objects (undefined for sends). */
  static waitall<T = any>(requests: Request[], statuses?: Statuses): Promise<T[]> {
    return waitAll(captureCallSite(), requests, statuses, 'waitall') as Promise<T[]>;
  }

  /** `[true, objects]` when every request is done (all are then completed), else `[false, undefined]`. */
  static testall<T = any>(requests: Request[], statuses?: Statuses): [boolean, T[] | undefined] {
    return testAll(requests, statuses, 'testall') as [boolean, T[] | undefined];
  }

  /** Waits until some complete: `[indices, objects]`, or `[undefined, undefined]` when none is active. */
  static waitsome<T = any>(requests: Request[], statuses?: Statuses): Promise<[number[] | undefined, T[] | undefined]> {
    return waitSome(captureCallSite(), requests, statuses, 'waitsome') as Promise<[number[] | undefined, T[] | undefined]>;
  }

  /** `[indices, objects]` of those done (maybe `[[], []]`), or `[undefined, undefined]` when none is active. */
  static testsome<T = any>(requests: Request[], statuses?: Statuses): [number[] | undefined, T[] | undefined] {
    return testSome(requests, statuses, 'testsome') as [number[] | undefined, T[] | undefined];
  }

  /** Lower-case `get_status_any`: the same as `Get_status_any`. */
  static get_status_any(requests: Request[], status?: Status | null): [number, boolean] {
    return Request.Get_status_any(requests, status);
  }
  /** Lower-case `get_status_all`: the same as `Get_status_all`. */
  static get_status_all(requests: Request[], statuses?: Statuses): boolean {
    return Request.Get_status_all(requests, statuses);
  }
  /** Lower-case `get_status_some`: the same as `Get_status_some`. */
  static get_status_some(requests: Request[], statuses?: Statuses): number[] | undefined {
    return Request.Get_status_some(requests, statuses);
  }
}

/**
 * `MPI.Prequest`: a persistent request (`comm.Send_init`, `Recv_init`, …). Created inactive;
 * `Start()` starts its operation, a wait or test completes it and makes it inactive again (not
 * null), `Free()` releases it.
 */
export class Prequest extends Request {
  private starter: (() => Request) | undefined;

  /** `MPI.Prequest(other)`: another handle to the persistent request `other`. */
  constructor(request?: Prequest | null) {
    if (request !== undefined && request !== null && !(request instanceof Prequest)) {
      throw new TypeError(`MPI.Prequest: expected nothing or an MPI.Prequest to copy, got ${(request as unknown) instanceof Request ? 'an MPI.Request' : typeof request}`);
    }
    super(request);
    this.starter = request?.starter;
  }

  /** @internal A persistent request whose `Start()` calls `starter` (a nonblocking call with the same arguments). */
  static persistent(starter: () => Request): Prequest {
    const p = new Prequest();
    p.handle = {};
    p.starter = starter;
    return p;
  }

  /** Starts the operation (again). The request must be inactive: not started, or completed since. */
  Start(): void {
    if (this.handle === null || !this.starter) throw new RequestError('Start: the request is MPI.REQUEST_NULL; create it with comm.Send_init(...) or comm.Recv_init(...)');
    if (this.active) throw new RequestError('Start: the persistent request is still active; wait for it (or test it) before starting it again');
    this.active = (this.starter() as Prequest).active;
  }

  /** Starts every request of `requests`. */
  static Startall(requests: Prequest[]): void {
    for (const r of requests) r.Start();
  }

  protected override completed(): void {
    this.active = null;
  }
}

// ---- polling ---------------------------------------------------------------------------------------

/** Whether `o` has settled, once what has reached the process is taken in (no yield). */
function settledNow(o: Operation): boolean {
  if (!o.settled) progress();
  return o.settled;
}

/**
 * A test found `o` still pending. A loop of such tests that goes on for a while, with no other
 * MPI call, is reported as blocked in it (what `Wait` would report): the deadlock detector then
 * sees the rank as waiting, not computing, while the loop never yields.
 */
function stillPending(o: Operation, op: string): void {
  const tracer = o.info.tracer;
  if (tracer.pollFailed(o)) tracer.pollBlocked({ op, text: `${op}(${o.info.text})`, comm: o.info.comm, wait: o.info.wait, site: captureCallSite() });
}

/**
 * `stillPending` for a call on many requests, keyed by the first pending one: it waits for all of
 * them (Testall) or any (Testany, Testsome).
 */
function stillPendingMany(requests: Request[], op: string, kind: 'all' | 'any'): void {
  const pending = requests.find((r) => r.operation && !r.operation.settled)!.operation!;
  const tracer = pending.info.tracer;
  if (!tracer.pollFailed(pending)) return;
  const of = requests.flatMap((r) => (r.operation && !r.operation.settled ? [r.operation.info.wait] : []));
  tracer.pollBlocked({ op, text: `${op}(${requests.length} requests)`, comm: pending.info.comm, wait: { type: kind, of }, site: captureCallSite() });
}

/** The index of the first live request that has settled, once what has arrived is taken in. */
function firstSettled(requests: Request[], live: number[], op: string): number | undefined {
  let ready = live.find((i) => requests[i].isSettled);
  if (ready !== undefined) return ready;
  progress();
  ready = live.find((i) => requests[i].isSettled);
  if (ready === undefined) stillPendingMany(requests, op, 'any');
  return ready;
}

/** Whether every request has settled (null ones have), once what has arrived is taken in. */
function allSettled(requests: Request[], op: string): boolean {
  if (requests.every((r) => r.isSettled)) return true;
  progress();
  if (requests.every((r) => r.isSettled)) return true;
  stillPendingMany(requests, op, 'all');
  return false;
}

// ---- the multiple-completion calls ---------------------------------------------------------------

/** Indices of the requests with an operation in progress (not null, not inactive). */
function activeIndices(requests: Request[]): number[] {
  const out: number[] = [];
  requests.forEach((r, i) => {
    if (r.operation) out.push(i);
  });
  return out;
}

function infoOf(r: Request): RequestInfo {
  return r.operation!.info;
}

function consumeAt(r: Request, op: string, site: CallSite | undefined, status: Status | null | undefined): unknown {
  return r.consume(r.operation!, op, site, status);
}

async function waitAny(site: CallSite | undefined, requests: Request[], status: Status | null | undefined, op: string): Promise<[number, unknown]> {
  const live = activeIndices(requests);
  if (live.length === 0) return [UNDEFINED, emptyStatus(status)];
  let ready = live.find((i) => requests[i].isSettled);
  if (ready === undefined) {
    const first = requests[live[0]];
    const any = Promise.race(live.map((i) => requests[i].done!.then(() => i, () => i)));
    await traced(infoOf(first).tracer, {
      op, text: `${op}(${live.length} requests)`, comm: infoOf(first).comm, wait: { type: 'any', of: live.map((i) => infoOf(requests[i]).wait) }, site,
    }, any);
    ready = live.find((i) => requests[i].isSettled)!;
  }
  return [ready, consumeAt(requests[ready], op, site, status)];
}

function testAny(requests: Request[], status: Status | null | undefined, op: string): [number, boolean, unknown] {
  const live = activeIndices(requests);
  if (live.length === 0) return [UNDEFINED, true, emptyStatus(status)];
  const ready = firstSettled(requests, live, op);
  if (ready === undefined) return [UNDEFINED, false, undefined];
  return [ready, true, consumeAt(requests[ready], op, captureCallSite(), status)];
}

async function waitAll(site: CallSite | undefined, requests: Request[], statuses: Statuses, op: string): Promise<unknown[]> {
  const live = activeIndices(requests);
  const pending = live.filter((i) => !requests[i].isSettled);
  if (pending.length > 0) {
    const first = requests[pending[0]];
    const all = Promise.all(pending.map((i) => requests[i].done!.catch(() => undefined)));
    await traced(infoOf(first).tracer, {
      op, text: `${op}(${requests.length} requests)`, comm: infoOf(first).comm, wait: { type: 'all', of: pending.map((i) => infoOf(requests[i]).wait) }, site,
    }, all);
  }
  return completeAll(requests, statuses, op, site);
}

function testAll(requests: Request[], statuses: Statuses, op: string): [boolean, unknown[] | undefined] {
  if (!allSettled(requests, op)) {
    growStatuses(statuses, requests.length);
    return [false, undefined];
  }
  return [true, completeAll(requests, statuses, op, captureCallSite())];
}

/** Completes every request (all settled); the first failure is thrown once all are completed. */
function completeAll(requests: Request[], statuses: Statuses, op: string, site: CallSite | undefined): unknown[] {
  const list = growStatuses(statuses, requests.length);
  let failure: unknown;
  const values = requests.map((r, i) => {
    if (!r.done) return emptyStatus(list?.[i]);
    try {
      return consumeAt(r, op, site, list?.[i]);
    } catch (err) {
      failure ??= err;
      return undefined;
    }
  });
  if (failure !== undefined) throw failure as unknown; // the first request's own failure, as it was raised
  return values;
}

async function waitSome(site: CallSite | undefined, requests: Request[], statuses: Statuses, op: string): Promise<[number[] | undefined, unknown[] | undefined]> {
  const live = activeIndices(requests);
  if (live.length === 0) return [undefined, undefined];
  if (!live.some((i) => requests[i].isSettled)) {
    const first = requests[live[0]];
    const any = Promise.race(live.map((i) => requests[i].done!.catch(() => undefined)));
    await traced(infoOf(first).tracer, {
      op, text: `${op}(${live.length} requests)`, comm: infoOf(first).comm, wait: { type: 'any', of: live.map((i) => infoOf(requests[i]).wait) }, site,
    }, any);
  }
  return completeSome(requests, live, statuses, op, site);
}

function testSome(requests: Request[], statuses: Statuses, op: string): [number[] | undefined, unknown[] | undefined] {
  const live = activeIndices(requests);
  if (live.length === 0) return [undefined, undefined];
  if (firstSettled(requests, live, op) === undefined) return [[], []];
  return completeSome(requests, live, statuses, op, captureCallSite());
}

function completeSome(requests: Request[], live: number[], statuses: Statuses, op: string, site: CallSite | undefined): [number[], unknown[]] {
  const done = live.filter((i) => requests[i].isSettled);
  const list = growStatuses(statuses, done.length);
  let failure: unknown;
  const values = done.map((i, k) => {
    try {
      return consumeAt(requests[i], op, site, list?.[k]);
    } catch (err) {
      failure ??= err;
      return undefined;
    }
  });
  if (failure !== undefined) throw failure as unknown; // the first request's own failure, as it was raised
  return [done, values];
}

/** mpi4py's rule for a statuses list: it grows (with fresh statuses) to at least `n` entries. */
function growStatuses(statuses: Statuses, n: number): Status[] | undefined {
  if (!statuses) return undefined;
  while (statuses.length < n) statuses.push(new Status());
  return statuses;
}

/** A null or inactive request's status (source ANY_SOURCE, tag ANY_TAG, error SUCCESS, count 0); returns undefined, its object. */
function emptyStatus(status: Status | null | undefined): undefined {
  if (status) fillStatus(status, EMPTY);
  return undefined;
}

function fillStatus(status: Status, c: Completion, failure?: unknown): void {
  status.source = c.source;
  status.tag = c.tag;
  status.count = c.count;
  status.cancelled = c.cancelled ?? false;
  status.error = failure === undefined ? SUCCESS : failure instanceof MPIException ? failure.errorClass : ERR_OTHER;
}

function receiptFields(c: Completion) {
  return { peer: c.worldSource, tag: c.worldSource !== undefined ? c.tag : undefined, bytes: c.worldSource !== undefined ? c.count : undefined, msg: c.msg };
}
