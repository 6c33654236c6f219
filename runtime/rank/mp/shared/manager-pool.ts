/**
 * `mgr.Pool(...)`: a pool that lives with the manager and that other processes use through a
 * proxy (Python's manager `Pool`): functions travel by exported name, as to any pool's workers.
 */
import { exportedName } from '../pool-calls.js';
import { Pool } from '../pool.js';
import { entryModule } from '../../entry-hooks.js';
import { registerKind, SharedObject } from './base.js';
import { checkRunning, type ManagerState } from './manager-state.js';
import type { ObjectImpl } from './registry.js';
import type { ApplyOptions, MapOptions } from '../options.js';

type Fn = (...args: any[]) => unknown;

class PoolImpl implements ObjectImpl {
  constructor(private readonly pool: Pool, private readonly m: ManagerState) {}
  handle(method: string, args: unknown[]): unknown {
    checkRunning(this.m, `Pool proxy ${method}()`);
    const fn = (name: unknown): Fn => entryModule()?.[name as string] as Fn;
    const [f, ...rest] = args;
    // the calls arrive as Python's loose argument lists; Pool checks them as a direct call would.
    const pool = this.pool as unknown as Record<'apply' | 'map' | 'starmap', (...a: unknown[]) => Promise<unknown>>;
    switch (method) {
      case 'apply':
        return pool.apply(fn(f), ...rest);
      case 'map':
        return pool.map(fn(f), rest[0], ...rest.slice(1));
      case 'starmap':
        return pool.starmap(fn(f), rest[0], ...rest.slice(1));
      case 'enter':
        this.pool.enter();
        return undefined;
      case 'close':
        return this.pool.close();
      case 'terminate':
        return this.pool.terminate();
      case 'join':
        return this.pool.join();
    }
    throw new Error(`Pool proxy has no method ${method}`);
  }
}

/** A manager's pool, usable from any process that is given the proxy. */
export class PoolProxy extends SharedObject {
  /** @internal */
  static create(pool: Pool, m: ManagerState): PoolProxy {
    const p = Object.create(PoolProxy.prototype) as PoolProxy;
    p.init('PoolProxy', new PoolImpl(pool, m));
    return p;
  }
  /** `pool.apply(fn, args, kwds)` in the manager's pool. */
  apply<R = any>(fn: (...args: any[]) => R, args?: readonly unknown[], kwds?: Record<string, unknown>): Promise<Awaited<R>>;
  apply<R = any>(fn: (...args: any[]) => R, options: ApplyOptions): Promise<Awaited<R>>;
  apply(fn: Fn, ...rest: unknown[]): Promise<unknown> {
    return this.call('apply', exportedName('Pool.apply', fn), ...rest);
  }
  /** `pool.map(fn, iterable, chunksize?)` in the manager's pool. */
  map<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, chunksize?: number | null): Promise<Awaited<R>[]>;
  map<A = any, R = any>(fn: (item: A) => R, iterable: Iterable<A>, options: MapOptions): Promise<Awaited<R>[]>;
  map(fn: Fn, iterable: Iterable<unknown>, ...rest: unknown[]): Promise<unknown[]> {
    return this.call('map', exportedName('Pool.map', fn), [...iterable], ...rest);
  }
  /** `pool.starmap(fn, iterable, chunksize?)` in the manager's pool. */
  starmap<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, chunksize?: number | null): Promise<Awaited<R>[]>;
  starmap<R = any>(fn: (...args: any[]) => R, iterable: Iterable<readonly unknown[]>, options: MapOptions): Promise<Awaited<R>[]>;
  starmap(fn: Fn, iterable: Iterable<readonly unknown[]>, ...rest: unknown[]): Promise<unknown[]> {
    return this.call('starmap', exportedName('Pool.starmap', fn), [...iterable], ...rest);
  }
  close(): Promise<void> {
    return this.call('close');
  }
  terminate(): Promise<void> {
    return this.call('terminate');
  }
  join(): Promise<void> {
    return this.call('join');
  }
  /** Python's `__enter__`: resolves to this proxy, or rejects with ValueError once the pool is not running. */
  async enter(): Promise<this> {
    await this.call('enter');
    return this;
  }
  /** The end of `await using`: terminate(), as Python's `__exit__`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.terminate();
  }
}

registerKind('PoolProxy', PoolProxy);
