/**
 * `Lock`, `RLock`, `Semaphore` and `BoundedSemaphore`, shared between processes. Waiting happens
 * in the owning process's event loop; `acquire(block, timeout)` resolves to false on a timeout.
 * `withLock(fn)` is Python's `with lock:`: acquire, run, release even if `fn` throws.
 */
import { pyArgs } from '../py-args.js';
import type { BlockOptions, NoOptions, SemaphoreOptions } from '../options.js';
import { blockArgs, kindOf, registerKind, SharedObject, TIMED_OUT, Waiters, withAcquired } from './base.js';
import { currentIdentity } from '../../identity.js';
import { context } from '../context.js';
import { RuntimeError, ValueError } from './errors.js';
import { nextItemId, type Taken } from './item-ids.js';
import type { ObjectImpl } from './registry.js';

/** A counting semaphore; a lock is one with a single permit. RLock adds an owner and a depth. */
export class PermitsImpl implements ObjectImpl {
  /** Woken with the id (item-ids.ts) of the release that lets them through, which their acquire names. */
  private readonly waiters = new Waiters<string | undefined>();
  private owner = -1;
  private depth = 0;

  constructor(private permits: number, private readonly bound: number | undefined, private readonly reentrant: boolean) {}

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    switch (method) {
      case 'acquire':
        return this.acquire(caller, args[0] as boolean, args[1] as number | undefined);
      case 'take':
        return this.take(caller, args[0] as boolean, args[1] as number | undefined);
      case 'release':
        return this.release(caller);
      case 'value':
        return this.permits;
      case 'locked':
        return this.permits === 0;
      case 'state':
        return this.state();
    }
    throw new Error(`no method ${method}`);
  }

  async acquire(caller: number, block: boolean, timeout: number | undefined): Promise<boolean> {
    return (await this.take(caller, block, timeout)).v as boolean;
  }

  /** `acquire`, answered with the release that let it through when it had to wait (its `item`). */
  async take(caller: number, block: boolean, timeout: number | undefined): Promise<Taken> {
    if (this.reentrant && this.owner === caller && this.depth > 0) {
      this.depth++;
      return { v: true, item: undefined };
    }
    let item: string | undefined;
    while (this.permits === 0) {
      const woken = block ? await this.waiters.wait(timeout, caller) : TIMED_OUT;
      if (woken === TIMED_OUT) return { v: false, item: undefined, ok: false };
      item = woken;
    }
    this.permits--;
    // Who holds it, for repr (Python's `<Lock(owner=MainProcess)>`); an RLock also counts depth.
    this.owner = caller;
    this.depth = 1;
    return { v: true, item };
  }

  /** What `repr()` needs, read in one call. */
  state(): PermitsState {
    return { kind: this.reentrant ? 'RLock' : undefined, permits: this.permits, bound: this.bound, owner: this.owner, depth: this.depth };
  }

  /** Whether `caller` holds it now (Python's `_semlock._is_mine()`). */
  isMine(caller: number): boolean {
    return this.owner === caller && this.permits === 0;
  }

  /** For Condition.wait: releases an RLock however deep `caller` holds it; returns the depth. */
  releaseAll(caller: number): number {
    const depth = this.reentrant ? this.depth : 1;
    if (this.reentrant && this.owner === caller) this.depth = 1;
    this.release(caller);
    return depth;
  }

  /** For Condition.wait: takes the lock back at the depth it was held. */
  async restore(caller: number, depth: number): Promise<void> {
    await this.acquire(caller, true, undefined);
    if (this.reentrant) this.depth = depth;
  }

  /** Returns the id the waiter it lets through was woken with (none when nobody waits). */
  release(caller: number): string | undefined {
    if (this.reentrant) {
      if (this.owner !== caller || this.depth === 0) throw new RuntimeError('RLock.release: cannot release an un-acquired lock (it is not held by this process)');
      if (--this.depth > 0) return undefined;
    } else if (this.bound !== undefined && this.permits >= this.bound) {
      throw new ValueError(this.bound === 1 && !this.reentrant ? 'release unlocked lock' : 'BoundedSemaphore released too many times');
    }
    this.owner = -1;
    this.depth = 0;
    this.permits++;
    const item = this.waiters.length > 0 ? nextItemId() : undefined;
    return this.waiters.wakeOne(item) ? item : undefined;
  }
}

/** What `repr()` reads from the owner in one call. */
export interface PermitsState {
  /** 'RLock' for a reentrant lock (a Condition's lock has no kind of its own to tell) */
  kind?: string;
  permits: number;
  bound: number | undefined;
  owner: number;
  depth: number;
}

/** Python's repr of a lock or semaphore of `kind` in state `st`, as this process sees it. */
export function permitsRepr(kind: string, st: PermitsState): string {
  const mine = st.owner === currentIdentity().index && st.permits === 0;
  const name = mine ? context.current().name : st.permits > 0 ? 'None' : 'SomeOtherProcess';
  if (kind === 'Lock') return `<Lock(owner=${name})>`;
  if (kind === 'RLock') return `<RLock(${name}, ${mine ? st.depth : st.permits > 0 ? 0 : 'nonzero'})>`;
  return st.bound === undefined ? `<${kind}(value=${st.permits})>` : `<${kind}(value=${st.permits}, maxvalue=${st.bound})>`;
}

/**
 * How deep this process holds each lock or semaphore it does not own (objKey → count), so that
 * `toString()` can say so synchronously; only the owner knows about other processes.
 */
const heldHere = new Map<string, number>();

/** Python's repr when the state is unknown here: the owner is elsewhere and this process holds none. */
function unknownRepr(kind: string, bound: number | undefined): string {
  if (kind === 'Lock') return '<Lock(owner=unknown)>';
  if (kind === 'RLock') return '<RLock(unknown, unknown)>';
  return bound === undefined ? `<${kind}(value=unknown)>` : `<${kind}(value=unknown, maxvalue=${bound})>`;
}

abstract class Permits extends SharedObject {
  /** Waits for a permit (block=true), at most `timeout` seconds; false if none came. */
  acquire(block?: boolean, timeout?: number | null): Promise<boolean>;
  acquire(options: BlockOptions): Promise<boolean>;
  acquire(block: boolean, options: Omit<BlockOptions, 'block'>): Promise<boolean>;
  acquire(...args: unknown[]): Promise<boolean> {
    const { block, timeout } = blockArgs(`${this._h.kind}.acquire`, args);
    // Locks are released by their holder; a semaphore's permits may come back from anyone.
    const wait = this instanceof Lock || this instanceof RLock ? { type: 'lock' as const, obj: this.objKey } : this.anyone('acquire');
    return this.taking(`${this._h.kind}.acquire`, wait, block ? timeout : 0, 'take', block, timeout).then((ok: boolean) => {
      if (ok) heldHere.set(this.objKey, (heldHere.get(this.objKey) ?? 0) + 1);
      return ok;
    });
  }

  release(): Promise<void> {
    return this.giving(`${this._h.kind}.release`, 'release').then(() => {
      const n = (heldHere.get(this.objKey) ?? 0) - 1;
      if (n > 0) heldHere.set(this.objKey, n);
      else heldHere.delete(this.objKey);
    });
  }

  /** Whether it is held now (no permit left), as Python's `Lock.locked()`. */
  locked(): Promise<boolean> {
    return this.call('locked');
  }

  /**
   * Python's `repr(lock)`: `<Lock(owner=None)>`, `<Lock(owner=MainProcess)>` (the holder's name
   * when it is this process), `<Lock(owner=SomeOtherProcess)>`; `<RLock(MainProcess, 3)>`,
   * `<RLock(None, 0)>`, `<RLock(SomeOtherProcess, nonzero)>`; `<Semaphore(value=2)>`,
   * `<BoundedSemaphore(value=1, maxvalue=2)>`. Awaited: the state lives in the owning process.
   */
  async repr(): Promise<string> {
    return permitsRepr(this._h.kind, (await this.call('state')) as PermitsState);
  }

  /**
   * Python's `repr(lock)`, synchronously (`String(lock)`, template strings). In the process that
   * created it the text is exact, as `repr()`'s. Elsewhere this process knows only what it holds
   * itself: `<Lock(owner=Process-1)>` / `<RLock(Process-1, 2)>` while it holds it, otherwise
   * Python's `unknown` (`<Lock(owner=unknown)>`, `<Semaphore(value=unknown)>`); `await repr()`
   * asks the owner.
   */
  toString(): string {
    const kind = this._h.kind;
    const impl = this.ownedImpl<PermitsImpl>();
    if (impl) return permitsRepr(kind, impl.state());
    const depth = heldHere.get(this.objKey) ?? 0;
    const bound = this.fact<number | undefined>('bound');
    if (depth > 0 && kind === 'Lock') return `<Lock(owner=${context.current().name})>`;
    if (depth > 0 && kind === 'RLock') return `<RLock(${context.current().name}, ${depth})>`;
    return unknownRepr(kind, bound);
  }

  /** Python's `with lock:` — runs `fn` holding the lock, and releases it however `fn` ends. */
  withLock<T>(fn: (acquired: boolean) => T | Promise<T>): Promise<T> {
    return withAcquired(this, fn);
  }
}

export class Lock extends Permits {
  /** Python's `Lock()`: no arguments (an unknown option is a TypeError naming it). */
  constructor(options?: NoOptions);
  constructor(...args: unknown[]) {
    super();
    pyArgs('Lock', args, []);
    this.init('Lock', new PermitsImpl(1, 1, false));
  }
}

export class RLock extends Permits {
  /** Python's `RLock()`: no arguments (an unknown option is a TypeError naming it). */
  constructor(options?: NoOptions);
  constructor(...args: unknown[]) {
    super();
    pyArgs('RLock', args, []);
    this.init('RLock', new PermitsImpl(1, undefined, true));
  }
}

export class Semaphore extends Permits {
  constructor(value?: number);
  constructor(options: SemaphoreOptions);
  constructor(...args: unknown[]) {
    super();
    const value = (pyArgs(kindOf(new.target), args, ['value']).value as number | undefined) ?? 1;
    if (!Number.isInteger(value) || value < 0) throw new ValueError(`Semaphore: initial value must be an integer >= 0, got ${value}`);
    const kind = kindOf(new.target);
    const bound = kind === 'BoundedSemaphore' ? value : undefined;
    this.init(kind, new PermitsImpl(value, bound, false), bound === undefined ? undefined : { bound });
  }

  /** The permits left now. */
  getValue(): Promise<number> {
    return this.call('value');
  }

  /** Python's `with sem:`. */
  withSemaphore<T>(fn: (acquired: boolean) => T | Promise<T>): Promise<T> {
    return this.withLock(fn);
  }
}

export class BoundedSemaphore extends Semaphore {}

registerKind('Lock', Lock);
registerKind('RLock', RLock);
registerKind('Semaphore', Semaphore);
registerKind('BoundedSemaphore', BoundedSemaphore);
