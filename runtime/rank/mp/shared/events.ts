/**
 * `Event`, `Condition` and `Barrier`, shared between processes. Each lives in the process that
 * created it; a Condition's lock must live there too, so that wait's release-wait-reacquire is
 * one step in one place.
 */
import { pyArgs, timeoutArg } from '../py-args.js';
import type { BarrierOptions, BlockOptions, ConditionOptions, NoOptions, NotifyOptions, TimeoutOptions } from '../options.js';
import { blockArgs, registerKind, SharedObject, TIMED_OUT, Waiters, withAcquired } from './base.js';
import { BrokenBarrierError, RuntimeError, ValueError } from './errors.js';
import { Lock, PermitsImpl, permitsRepr, RLock, type PermitsState } from './locks.js';
import { localImpl, type ObjectImpl } from './registry.js';

class EventImpl implements ObjectImpl {
  flag = false;
  private readonly waiters = new Waiters<void>();

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    switch (method) {
      case 'set':
        this.flag = true;
        this.waiters.wakeAll();
        return undefined;
      case 'clear':
        this.flag = false;
        return undefined;
      case 'isSet':
        return this.flag;
      case 'wait':
        if (!this.flag) await this.waiters.wait(args[0] as number | undefined, caller);
        return this.flag;
    }
    throw new Error(`Event has no method ${method}`);
  }
}

export class Event extends SharedObject {
  /** Python's `Event()`: no arguments (an unknown option is a TypeError naming it). */
  constructor(options?: NoOptions);
  constructor(...args: unknown[]) {
    super();
    pyArgs('Event', args, []);
    this.init('Event', new EventImpl());
  }
  set(): Promise<void> {
    return this.changing('Event.set', 'set');
  }
  clear(): Promise<void> {
    return this.changing('Event.clear', 'clear');
  }
  isSet(): Promise<boolean> {
    return this.call('isSet');
  }
  is_set(): Promise<boolean> {
    return this.isSet();
  }
  /** Python's `repr(event)`: `<Event at 1234:5 set>` or `… unset>` (where it lives, then its flag). */
  async repr(): Promise<string> {
    return `<Event at ${this.objKey} ${(await this.isSet()) ? 'set' : 'unset'}>`;
  }
  /**
   * `repr()` synchronously: exact in the process that created the event; elsewhere the flag lives
   * in the owner, so it reads `<Event at 1234:5 unknown>` (await `repr()` for the flag).
   */
  toString(): string {
    const impl = this.ownedImpl<EventImpl>();
    return `<Event at ${this.objKey} ${impl ? (impl.flag ? 'set' : 'unset') : 'unknown'}>`;
  }
  /** Waits until the flag is set, at most `timeout` seconds; resolves to the flag. */
  wait(timeout?: number | null): Promise<boolean>;
  wait(options: TimeoutOptions): Promise<boolean>;
  wait(...args: unknown[]): Promise<boolean> {
    const timeout = timeoutArg('Event.wait', pyArgs('Event.wait', args, ['timeout']).timeout);
    return this.blocking('Event.wait', this.site(), this.anyone('Event.wait'), timeout, 'wait', timeout);
  }
}

class ConditionImpl implements ObjectImpl {
  private readonly waiters = new Waiters<void>();

  constructor(private readonly lock: PermitsImpl) {}

  state(): { lock: PermitsState; sleepers: number } {
    return { lock: this.lock.state(), sleepers: this.waiters.length };
  }

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    switch (method) {
      case 'acquire':
        return this.lock.acquire(caller, (args[0] as boolean | undefined) ?? true, args[1] as number | undefined);
      case 'release':
        this.lock.release(caller);
        return undefined;
      case 'wait': {
        if (!this.lock.isMine(caller)) throw new RuntimeError('Condition.wait: cannot wait on an un-acquired lock; wait inside `await cond.withLock(async () => { … })`');
        const depth = this.lock.releaseAll(caller);
        const r = await this.waiters.wait(args[0] as number | undefined, caller);
        await this.lock.restore(caller, depth);
        return r !== TIMED_OUT;
      }
      case 'notify': {
        this.mustHold(caller, 'notify');
        const n = (args[0] as number | undefined) ?? 1;
        for (let i = 0; i < n; i++) this.waiters.wakeOne();
        return undefined;
      }
      case 'notifyAll':
        this.mustHold(caller, 'notifyAll');
        this.waiters.wakeAll();
        return undefined;
      case 'sleepers':
        return this.waiters.length;
      case 'state':
        return this.state();
    }
    throw new Error(`Condition has no method ${method}`);
  }

  /** As Python (threading's RuntimeError): a notify outside the lock would race with the waiters' checks. */
  private mustHold(caller: number, method: string): void {
    if (!this.lock.isMine(caller)) throw new RuntimeError(`Condition.${method}: cannot notify on an un-acquired lock; notify inside \`await cond.withLock(async () => { … })\``);
  }
}

export class Condition extends SharedObject {
  /** `new Condition(lock?)` or `new Condition({ lock })`: Python's `Condition(lock=None)` (a new RLock). */
  constructor(lock?: Lock | RLock | null);
  constructor(options: ConditionOptions);
  constructor(...args: unknown[]) {
    super();
    const lock = pyArgs('Condition', args, ['lock']).lock;
    if (lock !== undefined && lock !== null && !(lock instanceof Lock || lock instanceof RLock)) throw new TypeError(`Condition(lock): lock must be an mp.Lock or mp.RLock, got ${typeof lock}`);
    const l = (lock as Lock | RLock | null | undefined) ?? new RLock();
    const impl = !l._h.owner ? localImpl(l._h.id) : undefined;
    if (!(impl instanceof PermitsImpl)) throw new ValueError('Condition(lock): pass a Lock or RLock created in this same process');
    this.init('Condition', new ConditionImpl(impl));
  }
  acquire(block?: boolean, timeout?: number | null): Promise<boolean>;
  acquire(options: BlockOptions): Promise<boolean>;
  acquire(block: boolean, options: Omit<BlockOptions, 'block'>): Promise<boolean>;
  acquire(...args: unknown[]): Promise<boolean> {
    const { block, timeout } = blockArgs('Condition.acquire', args);
    return this.blocking('Condition.acquire', this.site(), this.anyone('acquire'), block ? timeout : 0, 'acquire', block, timeout);
  }
  release(): Promise<void> {
    return this.call('release');
  }
  /** Releases the lock, waits for notify (at most `timeout` s), re-acquires; false on timeout. */
  wait(timeout?: number | null): Promise<boolean>;
  wait(options: TimeoutOptions): Promise<boolean>;
  wait(...args: unknown[]): Promise<boolean> {
    const timeout = timeoutArg('Condition.wait', pyArgs('Condition.wait', args, ['timeout']).timeout);
    return this.blocking('Condition.wait', this.site(), this.anyone('notify'), timeout, 'wait', timeout);
  }
  /** Waits until `predicate()` is true (checked under the lock after each notify). */
  waitFor(predicate: () => boolean | Promise<boolean>, timeout?: number | null): Promise<boolean>;
  waitFor(predicate: () => boolean | Promise<boolean>, options: TimeoutOptions): Promise<boolean>;
  async waitFor(predicate: () => boolean | Promise<boolean>, ...args: unknown[]): Promise<boolean> {
    const timeout = timeoutArg('Condition.waitFor', pyArgs('Condition.waitFor', args, ['timeout']).timeout);
    const end = timeout === undefined ? Infinity : Date.now() + timeout * 1000;
    let ok = await predicate();
    while (!ok) {
      const left = end - Date.now();
      if (left <= 0) break;
      await this.wait(end === Infinity ? undefined : left / 1000);
      ok = await predicate();
    }
    return ok;
  }
  /** Wakes up to `n` waiters (default 1); `notify({ n: 2 })` is Python's `notify(n=2)`. */
  notify(n?: number): Promise<void>;
  notify(options: NotifyOptions): Promise<void>;
  notify(...args: unknown[]): Promise<void> {
    let n: unknown;
    try {
      n = pyArgs('Condition.notify', args, ['n']).n ?? 1;
    } catch (err) {
      return Promise.reject(err);
    }
    if (typeof n !== 'number' || Number.isNaN(n)) return Promise.reject(new TypeError(`Condition.notify(): n must be a number, got ${JSON.stringify(n)}`));
    return this.call('notify', n);
  }
  /** Python's `repr(cond)`: `<Condition(<RLock(None, 0)>, 0)>`, its lock's repr and how many wait. */
  async repr(): Promise<string> {
    const st = (await this.call('state')) as { lock: PermitsState; sleepers: number };
    return `<Condition(${permitsRepr(st.lock.kind ?? 'Lock', st.lock)}, ${st.sleepers})>`;
  }
  /**
   * `repr()` synchronously: exact in the process that created the condition; elsewhere its state
   * lives in the owner: `<Condition(<RLock(unknown, unknown)>, unknown)>` (await `repr()`).
   */
  toString(): string {
    const impl = this.ownedImpl<ConditionImpl>();
    if (!impl) return '<Condition(<RLock(unknown, unknown)>, unknown)>';
    const st = impl.state();
    return `<Condition(${permitsRepr(st.lock.kind ?? 'Lock', st.lock)}, ${st.sleepers})>`;
  }
  /** @internal How many processes wait in `wait()` now (CPython's tests check it is 0 when all have woken). */
  _sleepers(): Promise<number> {
    return this.call('sleepers');
  }
  notifyAll(): Promise<void> {
    return this.call('notifyAll');
  }
  notify_all(): Promise<void> {
    return this.notifyAll();
  }
  withLock<T>(fn: (acquired: boolean) => T | Promise<T>): Promise<T> {
    return withAcquired(this, fn);
  }
}

class BarrierImpl implements ObjectImpl {
  private count = 0;
  private broken = false;
  private readonly waiters = new Waiters<'go' | 'broken'>();

  constructor(private readonly parties: number, private readonly action: (() => unknown) | undefined, private readonly timeout: number | undefined) {}

  state(): { nWaiting: number; broken: boolean } {
    return { nWaiting: this.count, broken: this.broken };
  }

  async handle(method: string, args: unknown[]): Promise<unknown> {
    switch (method) {
      case 'wait':
        return this.wait((args[0] as number | undefined) ?? this.timeout);
      case 'reset':
        this.breakAll();
        this.broken = false;
        return undefined;
      case 'abort':
        this.breakAll();
        return undefined;
      case 'state':
        return this.state();
    }
    throw new Error(`Barrier has no method ${method}`);
  }

  private async wait(timeout: number | undefined): Promise<number> {
    if (this.broken) throw new BrokenBarrierError();
    const index = this.count++;
    if (this.count === this.parties) {
      try {
        await this.action?.();
      } catch (err) {
        this.breakAll();
        throw err;
      }
      this.count = 0;
      this.waiters.wakeAll('go');
      return index;
    }
    const r = await this.waiters.wait(timeout);
    if (r === 'go') return index;
    if (r === TIMED_OUT) this.breakAll();
    throw new BrokenBarrierError(r === TIMED_OUT ? `Barrier.wait: timed out after ${timeout} s with ${index + 1} of ${this.parties} parties; the barrier is now broken` : undefined);
  }

  private breakAll(): void {
    this.broken = true;
    this.count = 0;
    this.waiters.wakeAll('broken');
  }
}

export class Barrier extends SharedObject {
  /** `action` runs once per cycle, in the process that created the barrier, before anyone leaves. */
  constructor(parties: number, action?: (() => unknown) | null, timeout?: number | null);
  constructor(options: BarrierOptions);
  constructor(parties: number, options: Omit<BarrierOptions, 'parties'>);
  constructor(...args: unknown[]) {
    super();
    const a = pyArgs('Barrier', args, ['parties', 'action', 'timeout']);
    const parties = a.parties as number;
    const action = (a.action ?? undefined) as (() => unknown) | undefined;
    const timeout = timeoutArg('Barrier', a.timeout);
    if (action !== undefined && typeof action !== 'function') throw new TypeError(`Barrier: action must be a function, got ${typeof action}`);
    if (!Number.isInteger(parties) || parties < 1) throw new ValueError(`Barrier: parties must be an integer >= 1, got ${parties}`);
    this.init('Barrier', new BarrierImpl(parties, action, timeout), { parties, timeout });
  }
  get parties(): number {
    return this.fact('parties');
  }
  /** Waits until `parties` processes are waiting; resolves to this process's arrival index. */
  wait(timeout?: number | null): Promise<number>;
  wait(options: TimeoutOptions): Promise<number>;
  wait(...args: unknown[]): Promise<number> {
    const timeout = timeoutArg('Barrier.wait', pyArgs('Barrier.wait', args, ['timeout']).timeout);
    return this.blocking('Barrier.wait', this.site(), this.anyone('Barrier.wait', this.parties), timeout ?? this.fact<number | undefined>('timeout'), 'wait', timeout);
  }
  reset(): Promise<void> {
    return this.call('reset');
  }
  abort(): Promise<void> {
    return this.call('abort');
  }
  /** Python's `repr(barrier)`: `<Barrier at 1234:5: waiters=2/5>`, or `… broken>` once broken. */
  async repr(): Promise<string> {
    const st = (await this.call('state')) as { nWaiting: number; broken: boolean };
    return `<Barrier at ${this.objKey}: ${st.broken ? 'broken' : `waiters=${st.nWaiting}/${this.parties}`}>`;
  }
  /**
   * `repr()` synchronously: exact in the process that created the barrier; elsewhere how many wait
   * lives in the owner: `<Barrier at 1234:5: waiters=unknown/3>` (await `repr()`).
   */
  toString(): string {
    const st = this.ownedImpl<BarrierImpl>()?.state();
    return `<Barrier at ${this.objKey}: ${st?.broken ? 'broken' : `waiters=${st ? st.nWaiting : 'unknown'}/${this.parties}`}>`;
  }
  async nWaiting(): Promise<number> {
    return (await this.call('state')).nWaiting;
  }
  async broken(): Promise<boolean> {
    return (await this.call('state')).broken;
  }
}

registerKind('Event', Event);
registerKind('Condition', Condition);
registerKind('Barrier', Barrier);
