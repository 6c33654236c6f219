/** `AsyncResult` of `Pool.applyAsync` / `mapAsync`: a result that will be there later. */
import { pyArgs, timeoutArg } from './py-args.js';
import type { TimeoutOptions } from './options.js';
import type { WaitFor } from '../../contract/trace-events.js';
import { traced } from '../mpi/traced.js';
import { captureCallSite } from '../call-site.js';
import { runtime } from '../current.js';

export class TimeoutError extends Error {
  constructor(message = 'timed out') {
    super(message);
    this.name = 'TimeoutError';
  }
}

export class AsyncResult<T> {
  private state: 'pending' | 'ok' | 'failed' = 'pending';
  private value: T | undefined;
  private error: unknown;
  private readonly settled: Promise<void>;

  /** `pool`: the Pool's name in trace events; a wait for the result is then traced as a Pool wait. */
  constructor(work: Promise<T>, callback?: (value: T) => void, errorCallback?: (error: unknown) => void, private readonly pool?: string) {
    this.settled = work.then(
      (v) => {
        this.state = 'ok';
        this.value = v;
        callback?.(v);
      },
      (e) => {
        this.state = 'failed';
        this.error = e;
        errorCallback?.(e);
      },
    );
  }

  /** As a debugger shows it: `AsyncResult(pending)`, `AsyncResult(ready: 42)`, `AsyncResult(failed: Error: …)`. */
  toString(): string {
    if (this.state === 'pending') return `AsyncResult(pending${this.pool ? ` in ${this.pool}` : ''})`;
    const shown = (v: unknown): string => {
      const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
      return s.length > 60 ? `${s.slice(0, 59)}…` : s;
    };
    return this.state === 'ok' ? `AsyncResult(ready: ${shown(this.value)})` : `AsyncResult(failed: ${shown(this.error)})`;
  }

  /** The result; rethrows the task's error; throws TimeoutError after `timeoutSeconds`. */
  get(timeout?: number | null): Promise<T>;
  get(options: TimeoutOptions): Promise<T>;
  async get(...args: unknown[]): Promise<T> {
    const timeoutSeconds = timeoutArg('AsyncResult.get', pyArgs('AsyncResult.get', args, ['timeout']).timeout);
    await this.waitAs('AsyncResult.get', timeoutSeconds);
    if (this.state === 'pending') throw new TimeoutError(`AsyncResult.get: no result within ${timeoutSeconds} s`);
    if (this.state === 'failed') throw this.error;
    return this.value as T;
  }

  /** Waits until ready, or `timeoutSeconds` at most. */
  wait(timeout?: number | null): Promise<void>;
  wait(options: TimeoutOptions): Promise<void>;
  async wait(...args: unknown[]): Promise<void> {
    const timeoutSeconds = timeoutArg('AsyncResult.wait', pyArgs('AsyncResult.wait', args, ['timeout']).timeout);
    return this.waitAs('AsyncResult.wait', timeoutSeconds);
  }

  /** A wait that blocks is traced (one already over is not: `get` in a loop of ready results stays cheap). */
  private async waitAs(op: string, timeoutSeconds: number | undefined): Promise<void> {
    if (this.state !== 'pending') return;
    const work = this.settledWithin(timeoutSeconds);
    if (!this.pool) return work;
    // A wait with a timeout always ends: the detector need not look into it.
    const wait: WaitFor = timeoutSeconds === undefined ? { type: 'pool', obj: this.pool } : { type: 'opaque', what: `${op}(${timeoutSeconds})` };
    await traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.pool, wait, site: captureCallSite() }, work);
  }

  private async settledWithin(timeoutSeconds: number | undefined): Promise<void> {
    if (timeoutSeconds === undefined) return this.settled;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.settled, new Promise<void>((r) => (timer = setTimeout(r, timeoutSeconds * 1000)))]);
    clearTimeout(timer);
  }

  ready(): boolean {
    return this.state !== 'pending';
  }

  successful(): boolean {
    if (this.state === 'pending') throw new Error('AsyncResult.successful: the result is not ready yet');
    return this.state === 'ok';
  }
}
