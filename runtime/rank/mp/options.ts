/**
 * The options objects of `rankscope/multiprocessing`: Python's keyword arguments as one trailing
 * object (`q.get({ timeout: 1 })` is `q.get(timeout=1)`). Each call also takes them positionally, in
 * Python's order; its overloads list both forms. An unknown key is a TypeError at run time and an
 * error in the editor.
 */
import type { Address, Family } from './listener.js';
import type { Address as ManagerAddress } from './shared/base-manager.js';
import type { Lock, RLock } from './shared/locks.js';

/** Keyword argument of every `join`, `wait`, `poll` and `AsyncResult.get`: seconds at most (null: no limit). */
export interface TimeoutOptions {
  /** Seconds to wait at most; null or left out: no limit. */
  timeout?: number | null;
}

/** Keyword arguments of `acquire`, `Queue.get` and `Queue.put`. */
export interface BlockOptions {
  /** Wait when the call cannot complete at once (default true); false: fail at once. */
  block?: boolean;
  /** Seconds to wait at most when blocking; null or left out: no limit. */
  timeout?: number | null;
}

/** Keyword argument of `new mp.Queue` and `new mp.JoinableQueue`. */
export interface QueueOptions {
  /** Items the queue holds before `put` waits; 0 (the default): no limit. */
  maxsize?: number;
}

/** Keyword argument of `Queue.shutdown` (Python 3.13). */
export interface ShutdownOptions {
  /** Drop the items left too (default false). */
  immediate?: boolean;
}

/** Keyword argument of `new mp.Semaphore` and `new mp.BoundedSemaphore`. */
export interface SemaphoreOptions {
  /** Permits at the start (default 1). */
  value?: number;
}

/** Keyword argument of `Condition.notify`. */
export interface NotifyOptions {
  /** How many waiters to wake (default 1). */
  n?: number;
}

/** Keyword arguments of `new mp.Barrier`. */
export interface BarrierOptions {
  /** How many processes must wait before all go on. */
  parties: number;
  /** Runs once per cycle, in the creating process, before anyone leaves. */
  action?: (() => unknown) | null;
  /** Default timeout of `wait`, in seconds. */
  timeout?: number | null;
}

/** Keyword argument of `mp.Pipe`. */
export interface PipeOptions {
  /** Both ends send and receive (default true); false: the first end only receives, the second only sends. */
  duplex?: boolean;
}

/** Keyword arguments of `Connection.sendBytes`. */
export interface SendBytesOptions {
  /** First byte of `buf` to send (default 0). */
  offset?: number;
  /** How many bytes (default: the rest of `buf`). */
  size?: number | null;
}

/** Keyword argument of `Connection.recvBytes`. */
export interface RecvBytesOptions {
  /** A longer message is an OSError (and closes the connection); null: no limit. */
  maxlength?: number | null;
}

/** Keyword argument of `Connection.recvBytesInto`. */
export interface RecvBytesIntoOptions {
  /** Byte of `buf` where the message goes (default 0). */
  offset?: number;
}

/** Keyword arguments of `new mp.Pool`. */
export interface PoolOptions {
  /** Worker processes (default: the number of CPUs). */
  processes?: number | null;
  /** An exported function each worker runs once at its start, with `initargs`. */
  initializer?: ((...args: any[]) => unknown) | null;
  /** Arguments of `initializer`. */
  initargs?: readonly unknown[];
  /** Tasks a worker runs before it is replaced by a fresh one (default: no limit). */
  maxtasksperchild?: number | null;
  /** Python's start-method context: accepted; every worker starts as spawn does. */
  context?: unknown;
}

/** Keyword arguments of `Pool.apply`. */
export interface ApplyOptions {
  /** Arguments of the function. */
  args?: readonly unknown[];
  /** Python's keyword arguments: reach the function as one last argument. */
  kwds?: Record<string, unknown>;
}

/** Keyword arguments of `Pool.applyAsync`: `ApplyOptions` and the callbacks. */
export interface ApplyAsyncOptions<R = any> extends ApplyOptions {
  /** Called with the result, in this process, once it is there. */
  callback?: ((result: R) => void) | null;
  /** Called with the error, in this process, if the task fails. */
  errorCallback?: ((err: any) => void) | null;
  /** Python's name of `errorCallback`. */
  error_callback?: ((err: any) => void) | null;
}

/** Keyword argument of `Pool.map`, `starmap`, `imap` and `imapUnordered`. */
export interface MapOptions {
  /** Items sent to a worker at a time (default: chosen from the length; 1 for imap). */
  chunksize?: number | null;
}

/** Keyword arguments of `Pool.mapAsync` and `starmapAsync`: `MapOptions` and the callbacks. */
export interface MapAsyncOptions<R = any> extends MapOptions {
  /** Called with the results, in this process, once all are there. */
  callback?: ((results: R[]) => void) | null;
  /** Called with the error, in this process, if a task fails. */
  errorCallback?: ((err: any) => void) | null;
  /** Python's name of `errorCallback`. */
  error_callback?: ((err: any) => void) | null;
}

/** Keyword arguments of `mp.connection.Listener`. */
export interface ListenerOptions {
  /** A socket path (AF_UNIX) or `[host, port]` (AF_INET); default: a new one of `family`. */
  address?: Address | null;
  /** 'AF_UNIX' (the default) or 'AF_INET'; default: what `address` is. */
  family?: Family | null;
  /** Connections waiting to be accepted (default 1). */
  backlog?: number;
  /** Both ends prove they know this key when they connect. */
  authkey?: Uint8Array | null;
}

/** Keyword arguments of `mp.connection.Client`. */
export interface ClientOptions {
  /** 'AF_UNIX' or 'AF_INET'; default: what the address is. */
  family?: Family | null;
  /** The key the Listener was given. */
  authkey?: Uint8Array | null;
}

/** Keyword argument of `new mp.Condition`. */
export interface ConditionOptions {
  /** The lock the condition uses (default: a new RLock). */
  lock?: Lock | RLock | null;
}

/** What the calls Python gives no arguments take (`Lock()`, `RLock()`, `Event()`, `SimpleQueue()`, `Manager()`): nothing, or an empty object. */
export type NoOptions = Record<string, never>;

/** Keyword arguments of `new BaseManager` (Python's `BaseManager(address=None, authkey=None, serializer='pickle', ctx=None, *, shutdown_timeout=1.0)`). */
export interface BaseManagerOptions {
  /** `[host, port]` or a socket path to serve on or connect to (default: a free local port). */
  address?: ManagerAddress | null;
  /** The key clients must know (default: random). */
  authkey?: Uint8Array | null;
  /** 'pickle' (the default) or 'xmlrpclib': accepted, values travel as structured clones. */
  serializer?: 'pickle' | 'xmlrpclib';
  /** Python's start-method context: accepted. */
  ctx?: unknown;
  /** Seconds `shutdown` waits for the server. */
  shutdown_timeout?: number;
}

/** What a manager's server runs for `mgr[typeid](...args)`: a function, or a class it constructs. */
export type ManagerCallable = ((...args: any[]) => unknown) | (new (...args: any[]) => unknown);

/** Keyword arguments of `BaseManager.register(typeid, …)`. */
export interface RegisterOptions {
  /** What `mgr[typeid](...args)` runs in the server, returning the object to share. */
  callable?: ManagerCallable | null;
  /** The proxy class clients get. */
  proxytype?: unknown;
  /** The method names the proxy may call. */
  exposed?: readonly string[] | null;
  /** Python's method_to_typeid: accepted. */
  method_to_typeid?: Record<string, string> | null;
  /** false: register the typeid without adding the `mgr[typeid]` method (default true). */
  create_method?: boolean;
}
