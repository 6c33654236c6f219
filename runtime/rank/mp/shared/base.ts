/**
 * The public side of every shared object: where it lives (a handle), and how a method reaches it:
 * straight to the object in the owning process, over the owner's object server from any other.
 * Blocking calls are traced with the caller's line, like MPI calls.
 */
import { pyArgs, timeoutArg } from '../py-args.js';
import type { CallSite, WaitFor } from '../../../contract/trace-events.js';
import { captureCallSite } from '../../call-site.js';
import { runtime } from '../../current.js';
import { currentIdentity } from '../../identity.js';
import { traced } from '../../mpi/traced.js';
import { callRemote } from './client.js';
import { notCloneable } from './errors.js';
import { decodeHandles, encodeHandles } from './handles.js';
import { nextItemId, type Taken } from './item-ids.js';
import type { HandleData } from './protocol.js';
import { callerAlive, isOwnAddress, localImpl, ownAddress, register, runOwned, type ObjectImpl } from './registry.js';

const kinds = new Map<string, { prototype: SharedObject }>();

/** Lets `decodeHandles` rebuild a proxy of the right class for `kind`. */
export function registerKind(kind: string, ctor: { prototype: SharedObject }): void {
  kinds.set(kind, ctor);
}

/** The registered kind of `ctor` or of its nearest registered base (a user's `class MyQueue extends mp.Queue`). */
export function kindOf(ctor: Function): string {
  for (let c: any = ctor; c && c !== SharedObject; c = Object.getPrototypeOf(c)) {
    for (const [kind, k] of kinds) if (k === c) return kind;
  }
  throw new Error(`${ctor.name} is not a registered shared object class`);
}

export function proxyFor(h: HandleData): SharedObject {
  const ctor = kinds.get(h.kind);
  if (!ctor) throw new Error(`unknown shared object kind '${h.kind}' (mixed Rankscope versions?)`);
  const obj = Object.create(ctor.prototype) as SharedObject;
  obj._h = h;
  return obj;
}

export abstract class SharedObject {
  /** @internal where the object lives */
  _h!: HandleData;

  /** Registers a new object owned by this process. */
  protected init(kind: string, impl: ObjectImpl, facts?: Record<string, unknown>): void {
    this._h = { kind, owner: '', id: register(impl, this), facts };
  }

  /** @internal The handle to send to another process (starts this process's object server). */
  handle(): HandleData {
    if (!this._h.owner) this._h = { ...this._h, owner: ownAddress() };
    return this._h;
  }

  /** @internal */
  fact<T>(name: string): T {
    return this._h.facts?.[name] as T;
  }

  /** @internal A proxy of this object was just revived in a process that does not own it. */
  revived(): void {}

  /** @internal This owner got its own object back inside a value (`h` is the handle it came with). */
  received(_h: HandleData): void {}

  /** @internal The handle to put inside a value sent elsewhere (a pipe end adds a hold for the trip). */
  encodeFor(): HandleData {
    return this.handle();
  }

  /**
   * Calls `method` on the object, wherever it lives. Arguments and results are copies either way
   * (as Python pickles them), so an item put on a queue is not changed by later changes to the
   * caller's object; shared objects inside them travel as handles.
   */
  protected call(method: string, ...args: unknown[]): Promise<any> {
    const { owner, id } = this._h;
    let sent: unknown[];
    try {
      sent = encodeHandles(args) as unknown[];
      if (!owner || isOwnAddress(owner)) sent = structuredClone(sent);
    } catch (err) {
      return Promise.reject(notCloneable(`${this._h.kind}.${method}`, err));
    }
    const result = !owner || isOwnAddress(owner) ? runOwned(localImpl(id)!, id, method, sent, currentIdentity().index).then((r) => structuredClone(r)) : callRemote(owner, id, method, sent, `${this._h.kind}.${method}`);
    return result.then(decodeHandles);
  }

  /** @internal The object itself when this process owns it (what a synchronous toString() can read), else undefined. */
  ownedImpl<T extends ObjectImpl>(): T | undefined {
    const { owner, id } = this._h;
    return !owner || isOwnAddress(owner) ? (localImpl(id) as T | undefined) : undefined;
  }

  /** @internal `<owner pid>:<id>`: names the object in trace events, the same in every process. */
  get objKey(): string {
    const pid = this._h.owner ? /obj-(\d+)\.sock$/.exec(this._h.owner)?.[1] : String(process.pid);
    return `${pid}:${this._h.id}`;
  }

  /**
   * A call that may block, traced with the caller's line and what it waits for, so the diagram,
   * the reports and the deadlock detector see it. A wait with a timeout always ends: opaque.
   */
  protected blocking(op: string, site: CallSite | undefined, wait: WaitFor, timeout: number | undefined, method: string, ...args: unknown[]): Promise<any> {
    const text = `${op}()`;
    const w: WaitFor = timeout === undefined || timeout === null ? wait : { type: 'opaque', what: `${text} with a timeout` };
    return traced(runtime.tracer, { op, text, comm: 'mp', obj: this.objKey, wait: w, site }, this.call(method, ...args), (r) => ({ ok: r !== false }));
  }

  /**
   * `blocking` (no `wait`: `changing`) for a call that hands an item over (put, send): its start
   * names the item (item-ids.ts), whose id goes to the owner as the call's last argument.
   */
  protected handing(op: string, wait: WaitFor | undefined, timeout: number | undefined, method: string, ...args: unknown[]): Promise<any> {
    const item = nextItemId();
    const w = wait && (timeout === undefined || timeout === null ? wait : { type: 'opaque' as const, what: `${op}() with a timeout` });
    return traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.objKey, wait: w, site: captureCallSite(), item }, this.call(method, ...args, item));
  }

  /** The same for a call that takes an item (get, recv): the owner answers `Taken`, and the end names the item. */
  protected taking(op: string, wait: WaitFor | undefined, timeout: number | undefined, method: string, ...args: unknown[]): Promise<any> {
    const w = wait && (timeout === undefined || timeout === null ? wait : { type: 'opaque' as const, what: `${op}() with a timeout` });
    const call = this.call(method, ...args) as Promise<Taken>;
    return traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.objKey, wait: w, site: captureCallSite() }, call, (r) => ({ item: r.item, ok: r.ok })).then((r) => r.v);
  }

  /** `changing` for a call whose owner may hand something on as it ends (a release that lets a waiter through): it answers that item's id. */
  protected giving(op: string, method: string, ...args: unknown[]): Promise<void> {
    const call = this.call(method, ...args) as Promise<string | undefined>;
    return traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.objKey, site: captureCallSite() }, call, (gave) => ({ gave })).then(() => undefined);
  }

  /** A call that never blocks but changes what waiters wait for (release, set, put): traced too. */
  protected changing(op: string, method: string, ...args: unknown[]): Promise<any> {
    return traced(runtime.tracer, { op, text: `${op}()`, comm: 'mp', obj: this.objKey, site: captureCallSite() }, this.call(method, ...args));
  }

  /** Waits any other live process could end. */
  protected anyone(op: string, parties?: number): WaitFor {
    return { type: 'object', obj: this.objKey, op, parties };
  }

  protected site(): CallSite | undefined {
    return captureCallSite();
  }
}

/**
 * Server-side waiters of one condition, with per-waiter timeouts (timers, never polling). A waiter
 * whose process has gone (killed while waiting) is skipped when waking, so it cannot swallow an
 * item or a permit that a live waiter needs.
 */
export class Waiters<T> {
  private readonly list: { resolve: (v: T | typeof TIMED_OUT) => void; caller?: number; timer?: NodeJS.Timeout }[] = [];

  get length(): number {
    return this.list.length;
  }

  wait(timeoutSeconds?: number | null, caller?: number): Promise<T | typeof TIMED_OUT> {
    return new Promise((resolve) => {
      const w: { resolve: typeof resolve; caller?: number; timer?: NodeJS.Timeout } = { resolve, caller };
      if (timeoutSeconds !== undefined && timeoutSeconds !== null) {
        w.timer = setTimeout(() => {
          this.list.splice(this.list.indexOf(w), 1);
          resolve(TIMED_OUT);
        }, Math.max(0, timeoutSeconds * 1000));
      }
      this.list.push(w);
    });
  }

  wakeOne(value: T): boolean {
    for (;;) {
      const w = this.list.shift();
      if (!w) return false;
      clearTimeout(w.timer);
      if (w.caller !== undefined && !callerAlive(w.caller)) {
        w.resolve(TIMED_OUT); // its reply goes nowhere; pass the wake-up on
        continue;
      }
      w.resolve(value);
      return true;
    }
  }

  wakeAll(value: T): number {
    const n = this.list.length;
    while (this.wakeOne(value));
    return n;
  }
}

export const TIMED_OUT = Symbol('timed out');

/** Python's `(block=True, timeout=None)` pair, positional or as an options object. */
export function blockArgs(method: string, args: unknown[]): { block: boolean; timeout: number | undefined } {
  const a = pyArgs(method, args, ['block', 'timeout']);
  return { block: (a.block as boolean | undefined) ?? true, timeout: timeoutArg(method, a.timeout) };
}

/** Python's `with lock:` for anything with acquire/release: release however `fn` ends. */
export async function withAcquired<T>(lock: { acquire(): Promise<unknown>; release(): Promise<void> }, fn: (acquired: boolean) => T | Promise<T>): Promise<T> {
  // `fn` gets what acquire() returned, as Python's `with lock as ok:` binds it.
  const acquired = (await lock.acquire()) as boolean;
  try {
    return await fn(acquired);
  } finally {
    await lock.release();
  }
}
