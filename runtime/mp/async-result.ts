/** `AsyncResult` of `Pool.applyAsync` / `mapAsync`: a result that will be there later. */

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

  constructor(work: Promise<T>, callback?: (value: T) => void, errorCallback?: (error: unknown) => void) {
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

  /** The result; rethrows the task's error; throws TimeoutError after `timeoutSeconds`. */
  async get(timeoutSeconds?: number): Promise<T> {
    await this.wait(timeoutSeconds);
    if (this.state === 'pending') throw new TimeoutError(`AsyncResult.get: no result within ${timeoutSeconds} s`);
    if (this.state === 'failed') throw this.error;
    return this.value as T;
  }

  /** Waits until ready, or `timeoutSeconds` at most. */
  async wait(timeoutSeconds?: number): Promise<void> {
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
