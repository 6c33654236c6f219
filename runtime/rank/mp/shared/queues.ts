/**
 * `Queue`, `JoinableQueue` and `SimpleQueue`: FIFO queues shared between processes. Items are
 * structured clones (they may contain other shared objects). The queue lives in the process that
 * created it; `get` on an empty queue waits there, in the event loop.
 */
import { pyArgs } from '../py-args.js';
import type { BlockOptions, NoOptions, QueueOptions, ShutdownOptions } from '../options.js';
import { blockArgs, kindOf, registerKind, SharedObject, TIMED_OUT, Waiters } from './base.js';
import { Empty, Full, OSError, ShutDown, ValueError } from './errors.js';
import { ItemLine } from './item-ids.js';
import type { ObjectImpl } from './registry.js';

class QueueImpl implements ObjectImpl {
  /** The items with their ids (item-ids.ts): a get's end names the put it took. */
  private readonly items = new ItemLine();
  private readonly getters = new Waiters<void>();
  private readonly putters = new Waiters<void>();
  private readonly joiners = new Waiters<void>();
  unfinished = 0;
  /** Processes that called close(): Python's close() is per process, not for the queue. */
  private readonly closedBy = new Set<number>();
  /** Processes that have put an item (Python's feeder thread started): their close() also closes their reading end. */
  private readonly usedBy = new Set<number>();
  /** After shutdown(): put raises ShutDown, and get does once the queue is empty. */
  private isShutdown = false;

  constructor(private readonly maxsize: number) {}

  private full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  private checkOpen(method: string, caller: number): void {
    if (this.closedBy.has(caller)) throw new ValueError(`Queue.${method}: the queue is closed in this process (this process closed the queue with close()); call close() only once it is done with the queue`);
  }

  /** Wakes every waiter, who then sees the shutdown (Python's shutdown releases blocked callers). */
  private shutdown(immediate: boolean): void {
    this.isShutdown = true;
    if (immediate) {
      for (; this.items.length > 0; this.items.shift()) if (this.unfinished > 0) this.unfinished--;
      if (this.unfinished === 0) this.joiners.wakeAll();
    }
    this.getters.wakeAll();
    this.putters.wakeAll();
  }

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    switch (method) {
      case 'put': {
        const [item, block, timeout, id] = args as [unknown, boolean, number | undefined, string | undefined];
        this.checkOpen('put', caller);
        this.usedBy.add(caller);
        if (this.isShutdown) throw new ShutDown();
        while (this.full()) {
          if (!block || (await this.putters.wait(timeout, caller)) === TIMED_OUT) throw new Full();
          if (this.isShutdown) throw new ShutDown();
        }
        this.items.push(item, id);
        this.unfinished++;
        this.getters.wakeOne();
        return undefined;
      }
      case 'get': {
        const [block, timeout] = args as [boolean, number | undefined];
        this.checkOpen('get', caller);
        while (this.items.length === 0) {
          if (this.isShutdown) throw new ShutDown();
          if (!block || (await this.getters.wait(timeout, caller)) === TIMED_OUT) throw new Empty();
        }
        const taken = this.items.shift();
        this.putters.wakeOne();
        return taken;
      }
      case 'qsize':
        return this.items.length;
      case 'empty':
        if (this.closedBy.has(caller) && this.usedBy.has(caller)) throw new OSError('Queue.empty: handle is closed (this process used the queue, then called close())');
        return this.items.length === 0;
      case 'full':
        return this.full();
      case 'close':
        this.closedBy.add(caller);
        return undefined;
      case 'shutdown':
        this.shutdown(args[0] as boolean);
        return undefined;
      case 'taskDone':
        if (this.unfinished <= 0) throw new ValueError('taskDone() called more times than there were items put');
        if (--this.unfinished === 0) this.joiners.wakeAll();
        return undefined;
      case 'join':
        if (this.unfinished > 0) await this.joiners.wait(undefined, caller);
        return undefined;
    }
    throw new Error(`Queue has no method ${method}`);
  }
}

export class Queue extends SharedObject {
  constructor(maxsize?: number);
  constructor(options: QueueOptions);
  constructor(...args: unknown[]) {
    super();
    const maxsize = (pyArgs(kindOf(new.target), args, ['maxsize']).maxsize as number | undefined) ?? 0;
    if (!Number.isInteger(maxsize) || maxsize < 0) throw new ValueError(`Queue: maxsize must be an integer >= 0 (0: no limit), got ${maxsize}`);
    this.init(kindOf(new.target), new QueueImpl(maxsize));
  }

  /** Puts `obj`; on a full queue waits (block=true), at most `timeout` seconds, then throws mp.Full. */
  put(obj: unknown, block?: boolean, timeout?: number | null): Promise<void>;
  put(obj: unknown, options: BlockOptions): Promise<void>;
  put(obj: unknown, block: boolean, options: Omit<BlockOptions, 'block'>): Promise<void>;
  put(obj: unknown, ...rest: unknown[]): Promise<void> {
    const { block, timeout } = blockArgs(`${this._h.kind}.put`, rest);
    return this.handing(`${this._h.kind}.put`, this.anyone('put'), block ? timeout : 0, 'put', obj, block, timeout);
  }

  /** Takes the oldest item; on an empty queue waits (block=true), at most `timeout` seconds, then throws mp.Empty. */
  get<T = any>(block?: boolean, timeout?: number | null): Promise<T>;
  get<T = any>(options: BlockOptions): Promise<T>;
  get<T = any>(block: boolean, options: Omit<BlockOptions, 'block'>): Promise<T>;
  get(...args: unknown[]): Promise<any> {
    const { block, timeout } = blockArgs(`${this._h.kind}.get`, args);
    return this.taking(`${this._h.kind}.get`, this.anyone('get'), block ? timeout : 0, 'get', block, timeout);
  }

  putNowait(obj: unknown): Promise<void> {
    return this.handing(`${this._h.kind}.put`, undefined, undefined, 'put', obj, false, undefined);
  }

  getNowait<T = any>(): Promise<T> {
    return this.taking(`${this._h.kind}.get`, undefined, undefined, 'get', false, undefined);
  }

  qsize(): Promise<number> {
    return this.call('qsize');
  }

  empty(): Promise<boolean> {
    return this.call('empty');
  }

  full(): Promise<boolean> {
    return this.call('full');
  }

  /**
   * This process is done with the queue (Python's close): its later put/get throw ValueError.
   * Other processes keep using it, and items already put stay available to them.
   */
  close(): Promise<void> {
    return this.call('close');
  }

  joinThread(): void {}

  /**
   * Python 3.13's `shutdown(immediate=False)`: later puts raise mp.ShutDown, and so do gets once
   * the queue is empty; callers blocked in put or get are woken to raise it. With
   * `immediate=true` the items left are dropped (and counted done for JoinableQueue.join).
   */
  shutdown(immediate?: boolean): Promise<void>;
  shutdown(options: ShutdownOptions): Promise<void>;
  shutdown(...args: unknown[]): Promise<void> {
    const immediate = Boolean(pyArgs(`${this._h.kind}.shutdown`, args, ['immediate']).immediate ?? false);
    return this.changing(`${this._h.kind}.shutdown`, 'shutdown', immediate);
  }

  /** Python's default repr: `<multiprocessing.queues.Queue object at 1234:5>` (where it lives). */
  toString(): string {
    return `<multiprocessing.queues.${this._h.kind} object at ${this.objKey}>`;
  }
}

export class JoinableQueue extends Queue {
  /** Marks one item taken with get() as processed. */
  taskDone(): Promise<void> {
    return this.call('taskDone');
  }

  /** Waits until every item put has been marked done with taskDone(). */
  join(): Promise<void> {
    return this.blocking('JoinableQueue.join', this.site(), this.anyone('join'), undefined, 'join');
  }
}

export class SimpleQueue extends Queue {
  /** Python's `SimpleQueue()`: no arguments (never full; an unknown option is a TypeError naming it). */
  constructor(options?: NoOptions);
  constructor(...args: unknown[]) {
    pyArgs('SimpleQueue', args, []);
    super();
  }
}

registerKind('Queue', Queue);
registerKind('JoinableQueue', JoinableQueue);
registerKind('SimpleQueue', SimpleQueue);
