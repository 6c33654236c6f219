/**
 * Python's `multiprocessing.managers.BaseManager`: a server at an address (TCP `[host, port]` or a
 * Unix socket path) that processes which know the address and the authkey connect to, and whose
 * registered typeids (`QueueManager.register('get_queue', { callable })`) run the callable in the
 * server and hand back what it made: a shared object (Queue, Lock, Manager proxy…) as a live proxy,
 * plain data as a copy. Python's server is a process of its own; here `start()` serves from the
 * process that calls it (which must outlive the others' use, as with every shared object), and
 * `connect()` reaches it from any process. Connections prove the authkey by HMAC challenge.
 */
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import { pyArgs } from '../py-args.js';
import { hold, release } from '../../liveness.js';
import { readControl, writeControl } from '../../transport/control-frames.js';
import { AuthenticationError, errorData, reviveError, ValueError, type ErrorData } from './errors.js';
import { AutoProxy, BaseProxy, publicMethods } from './base-proxy.js';
import { SharedObject } from './base.js';
import { decodeHandles, encodeHandles } from './handles.js';
import type { BaseManagerOptions, ManagerCallable, RegisterOptions } from '../options.js';

/** Where a BaseManager serves: `[host, port]` (TCP; port 0 lets the system choose) or a Unix socket path. */
export type Address = [host: string, port: number] | string;

interface Registered {
  callable?: (...args: any[]) => unknown;
  proxytype?: typeof BaseProxy;
  exposed?: string[];
}

type Request = { t: 'answer'; digest: string } | { t: 'call'; req: number; typeid: string; args: unknown[] };
type Reply = { t: 'challenge'; nonce: string } | { t: 'welcome' } | { t: 'ok'; req: number; value: unknown } | { t: 'err'; req: number; error: ErrorData };

const digest = (key: Uint8Array, nonce: string): string => crypto.createHmac('sha256', key).update(nonce).digest('hex');

/** What `getServer()` gives: the bound address, and its listener (Python's `srvr.listener.close()`). */
export class Server {
  constructor(readonly address: Address, readonly listener: { close(): void }) {}
}

/** Python's `BaseManager`: subclass it, `register` typeids, then `start()` it here or `connect()` to one started elsewhere. */
export class BaseManager {
  private static registry?: Map<string, Registered>;
  private addr: Address;
  private readonly authkey: Uint8Array;
  private server?: net.Server;
  /** Connections to this manager's server: dropped at shutdown, as Python's server process ends. */
  private readonly served = new Set<net.Socket>();
  private client?: { socket: net.Socket; pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }> };
  private nextReq = 1;

  /** Python's `BaseManager(address=None, authkey=None, serializer='pickle', ctx=None, *, shutdown_timeout=1.0)`. */
  constructor(address?: Address | null, authkey?: Uint8Array | null, serializer?: 'pickle' | 'xmlrpclib', ctx?: unknown);
  constructor(options: BaseManagerOptions);
  constructor(address: Address | null | undefined, options: Omit<BaseManagerOptions, 'address'>);
  constructor(...args: unknown[]) {
    const a = pyArgs('BaseManager', args, ['address', 'authkey', 'serializer', 'ctx'], 0, ['shutdown_timeout']);
    this.addr = (a.address as Address | undefined) ?? ['127.0.0.1', 0];
    this.authkey = a.authkey === undefined ? crypto.randomBytes(32) : new Uint8Array(a.authkey as Uint8Array);
    if (a.serializer !== undefined && a.serializer !== 'pickle' && a.serializer !== 'xmlrpclib') throw new ValueError(`BaseManager: unknown serializer ${JSON.stringify(a.serializer)}`);
  }

  /**
   * Python's `register(typeid, callable=None, …)`: adds method `typeid` to this manager class; in a
   * connected or started manager, `await mgr[typeid](...args)` runs `callable(...args)` in the server.
   * Register at the top of the program's module, so every process that imports it knows the typeid.
   */
  static register(typeid: string, callable?: ManagerCallable | null, proxytype?: unknown, exposed?: readonly string[] | null, method_to_typeid?: Record<string, string> | null, create_method?: boolean): void;
  static register(typeid: string, options: RegisterOptions): void;
  static register(typeid: string, callable: ManagerCallable | null | undefined, options: Omit<RegisterOptions, 'callable'>): void;
  static register(typeid: string, ...rest: unknown[]): void {
    const a = pyArgs('BaseManager.register', rest, ['callable', 'proxytype', 'exposed', 'method_to_typeid', 'create_method']);
    if (!Object.hasOwn(this, 'registry')) this.registry = new Map(this.registry);
    this.registry!.set(typeid, { callable: a.callable as Registered['callable'], proxytype: a.proxytype as Registered['proxytype'], exposed: a.exposed as string[] | undefined });
    if (a.create_method === false) return;
    Object.defineProperty(this.prototype, typeid, {
      configurable: true,
      value(this: BaseManager, ...args: unknown[]) {
        return this.request(typeid, args);
      },
    });
  }

  /** The address served at: after `start()` or `getServer()`, with the port the system chose. */
  get address(): Address {
    return this.addr;
  }

  /** Python's `get_server()`: binds the address now, without serving; `.address`, `.listener.close()`. */
  async getServer(): Promise<Server> {
    const server = await this.listen();
    return new Server(this.boundAddress(server), { close: () => server.close() });
  }

  /** Starts serving at the address (in this process): other processes may `connect()` from now on. */
  async start(): Promise<void> {
    if (this.server) throw new ValueError('BaseManager.start: already started');
    const server = await this.listen();
    server.on('connection', (s) => this.serve(s));
    this.server = server;
    this.addr = this.boundAddress(server);
  }

  /** Connects to a manager started elsewhere at the address, proving the authkey. */
  async connect(): Promise<void> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = typeof this.addr === 'string' ? net.connect(this.addr) : net.connect(this.addr[1], this.addr[0]);
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });
    socket.on('error', () => {});
    const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
    await new Promise<void>((resolve, reject) => {
      readControl<Reply>(socket, (r) => {
        if (r.t === 'challenge') return writeControl(socket, { t: 'answer', digest: digest(this.authkey, r.nonce) } satisfies Request);
        if (r.t === 'welcome') return resolve();
        const p = pending.get(r.req);
        pending.delete(r.req);
        if (r.t === 'ok') p?.resolve(r.value);
        else p?.reject(reviveError(r.error));
      });
      socket.once('close', () => {
        reject(new AuthenticationError('BaseManager.connect: the server refused the authkey'));
        for (const p of pending.values()) p.reject(new Error('BaseManager: the manager server has gone'));
      });
    });
    // Connected: the socket no longer keeps this process alive, a call waiting for a reply does.
    socket.unref();
    this.client = { socket, pending };
  }

  /** Stops serving (a started manager) or disconnects (a connected one). */
  async shutdown(): Promise<void> {
    this.client?.socket.destroy();
    this.client = undefined;
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((r) => server.close(() => r()));
    for (const s of this.served) s.destroy();
    await closed;
  }

  /** Python's `__enter__`, for `await using m = await manager.enter()`: starts the manager unless it serves already. */
  async enter(): Promise<this> {
    if (!this.server && !this.client) await this.start();
    return this;
  }

  /** The end of an `await using` block: shutdown(), as Python's `__exit__`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  private listen(): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      const ready = (): void => resolve(server);
      if (typeof this.addr === 'string') server.listen(this.addr, ready);
      else server.listen(this.addr[1], this.addr[0], ready);
    });
  }

  private boundAddress(server: net.Server): Address {
    const a = server.address();
    return a && typeof a === 'object' ? [a.address, a.port] : (a ?? (this.addr as string));
  }

  private registered(typeid: string): Registered | undefined {
    return (this.constructor as typeof BaseManager).registry?.get(typeid);
  }

  /** The server's side of one connection: challenge, then calls of registered typeids. */
  private serve(socket: net.Socket): void {
    this.served.add(socket);
    socket.on('close', () => this.served.delete(socket));
    socket.unref();
    socket.on('error', () => {});
    const nonce = crypto.randomBytes(32).toString('hex');
    let trusted = false;
    const reply = (r: Reply): void => writeControl(socket, r);
    readControl<Request>(socket, (msg) => {
      if (msg.t === 'answer') {
        const want = Buffer.from(digest(this.authkey, nonce), 'hex');
        const got = Buffer.from(msg.digest, 'hex');
        trusted = got.length === want.length && crypto.timingSafeEqual(got, want);
        if (!trusted) return void socket.destroy();
        return reply({ t: 'welcome' });
      }
      if (!trusted) return void socket.destroy();
      this.run(msg.typeid, decodeHandles(msg.args) as unknown[]).then(
        (value) => reply({ t: 'ok', req: msg.req, value }),
        (e) => reply({ t: 'err', req: msg.req, error: errorData(e) }),
      );
    });
    reply({ t: 'challenge', nonce });
  }

  /** Runs typeid's callable here; shared objects in its result go out as handles. */
  private async run(typeid: string, args: unknown[]): Promise<unknown> {
    const r = this.registered(typeid);
    if (!r?.callable) throw new ValueError(`BaseManager: typeid '${typeid}' has no callable in the server process (register it with { callable } in the program's module)`);
    const c = r.callable as any;
    // A class is made with `new`, as Python calls a class to make an instance.
    const made = /^class[\s{]/.test(Function.prototype.toString.call(c)) ? new c(...args) : await c(...args);
    return encodeHandles(this.held(made, r));
  }

  /** What crosses as it is (plain data, shared objects), or else the object held here behind a proxy. */
  private held(made: unknown, r: Registered): unknown {
    if (made === null || typeof made !== 'object' || made instanceof SharedObject) return made;
    const proto = Object.getPrototypeOf(made);
    const plain = proto === Object.prototype || proto === null || Array.isArray(made) || ArrayBuffer.isView(made) || made instanceof Map || made instanceof Set || made instanceof Date;
    if (plain && !r.exposed && !r.proxytype) return made;
    return BaseProxy.hold(made, r.exposed ?? (r.proxytype as unknown as { _exposed_?: string[] })?._exposed_ ?? publicMethods(made));
  }

  /** A proxy of the object behind `typeid` takes the typeid's `proxytype` class, if it has one. */
  private asProxytype(typeid: string, value: unknown): unknown {
    const pt = this.registered(typeid)?.proxytype;
    if (pt && value instanceof AutoProxy) Object.setPrototypeOf(value, pt.prototype);
    return value;
  }

  /** A registered typeid called on this manager: in the server directly, else over the connection. */
  private async request(typeid: string, args: unknown[]): Promise<any> {
    if (this.server) return this.asProxytype(typeid, decodeHandles(structuredClone(await this.run(typeid, structuredClone(encodeHandles(args)) as unknown[]))));
    const c = this.client;
    if (!c) throw new ValueError(`BaseManager.${typeid}: the manager is neither started nor connected; call start() or connect() first`);
    const req = this.nextReq++;
    hold(); // a call waiting for its reply keeps this process alive (the socket does not)
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        c.pending.set(req, { resolve, reject });
        writeControl(c.socket, { t: 'call', req, typeid, args: encodeHandles(args) as unknown[] } satisfies Request);
      });
      return this.asProxytype(typeid, decodeHandles(value));
    } finally {
      release();
    }
  }
}
