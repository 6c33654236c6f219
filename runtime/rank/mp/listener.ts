/**
 * `mp.connection.Listener` and `mp.connection.Client`: connections between any processes (not
 * only parent and child) by address, as Python's: `'AF_UNIX'` addresses are socket paths (Linux's
 * abstract ones start with '\0'), `'AF_INET'` addresses `[host, port]`. With an `authkey` both
 * ends prove they hold it (an HMAC challenge each way) or fail with `mp.AuthenticationError`.
 * `await mp.connection.Listener(…)` binds (OSError if the address is taken); `accept()` and
 * `await mp.connection.Client(address)` give connections with a pipe end's methods.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pyArgs } from './py-args.js';
import type { ClientOptions, ListenerOptions } from './options.js';
import { holding } from '../liveness.js';
import { AuthenticationError, OSError, ValueError } from './shared/errors.js';
import { SocketConnection } from './socket-connection.js';

export type Family = 'AF_UNIX' | 'AF_INET';
export type Address = string | [string, number];

/** The families this platform has, as Python lists them. */
export const families: Family[] = ['AF_INET', 'AF_UNIX'];

/** Python's `address_type(address)`: a `[host, port]` pair is AF_INET, a string AF_UNIX. */
export function addressType(address: Address): Family {
  if (Array.isArray(address)) return 'AF_INET';
  if (typeof address === 'string') return 'AF_UNIX';
  throw new TypeError(`address type of ${JSON.stringify(address)} unrecognized`);
}

let counter = 0;
function arbitraryAddress(family: Family): Address {
  if (family === 'AF_INET') return ['localhost', 0];
  return path.join(os.tmpdir(), `rankscope-listener-${process.pid}-${++counter}.sock`);
}

function osError(what: string, err: unknown): OSError {
  const e = new OSError(`${what}: ${(err as Error).message}`);
  Object.assign(e, { errno: (err as NodeJS.ErrnoException).code });
  return e;
}

function checkAuthkey(authkey: unknown): Uint8Array | null {
  if (authkey === undefined || authkey === null) return null;
  if (!(authkey instanceof Uint8Array)) throw new TypeError(`authkey should be a byte string (Uint8Array), got ${typeof authkey}`);
  return authkey;
}

const CHALLENGE = Buffer.from('#CHALLENGE#');
const WELCOME = Buffer.from('#WELCOME#');
const FAILURE = Buffer.from('#FAILURE#');

/** Python's deliver_challenge: the other end must answer with the HMAC of random bytes under the key. */
async function deliverChallenge(c: SocketConnection, key: Uint8Array): Promise<void> {
  const message = randomBytes(40);
  await c.sendBytes(Buffer.concat([CHALLENGE, message]));
  const response = await c.recvBytes(256);
  const digest = createHmac('sha256', key).update(message).digest();
  if (response.length === digest.length && timingSafeEqual(response, digest)) return c.sendBytes(WELCOME);
  await c.sendBytes(FAILURE);
  throw new AuthenticationError('digest received was wrong');
}

/** Python's answer_challenge. */
async function answerChallenge(c: SocketConnection, key: Uint8Array): Promise<void> {
  const message = await c.recvBytes(256);
  if (!message.subarray(0, CHALLENGE.length).equals(CHALLENGE)) throw new AuthenticationError(`protocol error: got ${JSON.stringify(message.toString('latin1'))} as a challenge`);
  await c.sendBytes(createHmac('sha256', key).update(message.subarray(CHALLENGE.length)).digest());
  const response = await c.recvBytes(256);
  if (!response.equals(WELCOME)) throw new AuthenticationError('digest sent was rejected');
}

export class ListenerImpl {
  private readonly pending: net.Socket[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  /** The address of the last connection accepted (Python's `last_accepted`). */
  lastAccepted: Address | null = null;

  private constructor(
    private readonly server: net.Server,
    /** The bound address (with the real port for AF_INET port 0). */
    readonly address: Address,
    private readonly authkey: Uint8Array | null,
  ) {
    server.unref(); // a listener alone does not keep the program running; accept() does while it waits
    server.on('connection', (s) => {
      this.pending.push(s);
      for (const w of this.waiting.splice(0)) w();
    });
  }

  /** @internal `mp.connection.Listener(address, family, backlog, authkey)`. */
  static async create(...args: unknown[]): Promise<ListenerImpl> {
    const o = pyArgs('Listener', args, ['address', 'family', 'backlog', 'authkey']);
    const family = (o.family as Family | undefined) ?? (o.address !== undefined && o.address !== null ? addressType(o.address as Address) : 'AF_UNIX');
    if (!families.includes(family)) throw new ValueError(`Listener: unknown family ${family}`);
    const address = (o.address as Address | undefined | null) ?? arbitraryAddress(family);
    const authkey = checkAuthkey(o.authkey);
    const server = net.createServer();
    await holding(
      new Promise<void>((resolve, reject) => {
        server.once('error', (err) => reject(osError('Listener', err)));
        const backlog = (o.backlog as number | undefined) ?? 1;
        if (family === 'AF_INET') server.listen({ host: (address as [string, number])[0], port: (address as [string, number])[1], backlog, exclusive: true }, resolve);
        else server.listen({ path: address as string, backlog }, resolve);
      }),
    );
    const bound = family === 'AF_INET' ? ([(address as [string, number])[0], (server.address() as net.AddressInfo).port] as [string, number]) : address;
    return new ListenerImpl(server, bound, authkey);
  }

  /** The next connection made to this address (waits for one); OSError once the listener is closed. */
  async accept(): Promise<SocketConnection> {
    for (;;) {
      if (this.closed) throw new OSError('Listener.accept: the listener is closed');
      const s = this.pending.shift();
      if (s) {
        const c = new SocketConnection(s);
        if (this.authkey) {
          await deliverChallenge(c, this.authkey);
          await answerChallenge(c, this.authkey);
        }
        this.lastAccepted = s.remotePort !== undefined ? [s.remoteAddress ?? '', s.remotePort] : (this.address as string);
        return c;
      }
      await holding(new Promise<void>((r) => this.waiting.push(r)));
    }
  }

  /** Stops listening (and removes a Unix socket's file); accept() then raises OSError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.close();
    for (const w of this.waiting.splice(0)) w();
    if (typeof this.address === 'string' && !this.address.startsWith('\0')) fs.rmSync(this.address, { force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}

/** `mp.connection.Client(address, family, authkey)`: connects to a Listener. */
export function Client(address: Address, family?: Family | null, authkey?: Uint8Array | null): Promise<SocketConnection>;
export function Client(address: Address, options: ClientOptions): Promise<SocketConnection>;
export async function Client(address: Address, ...args: unknown[]): Promise<SocketConnection> {
  const o = pyArgs('Client', args, ['family', 'authkey']);
  const family = (o.family as Family | undefined) ?? addressType(address);
  const authkey = checkAuthkey(o.authkey);
  const socket = await holding(
    new Promise<net.Socket>((resolve, reject) => {
      const s = family === 'AF_INET' ? net.connect({ host: (address as [string, number])[0], port: (address as [string, number])[1] }) : net.connect({ path: address as string });
      s.once('connect', () => resolve(s));
      s.once('error', (err) => reject(osError('Client', err)));
    }),
  );
  const c = new SocketConnection(socket);
  if (authkey) {
    await answerChallenge(c, authkey);
    await deliverChallenge(c, authkey);
  }
  return c;
}

/**
 * `await mp.connection.Listener(address, family, backlog, authkey)` (each may be left out, or
 * given in one options object): listens on `address` (by default a new one of `family`, AF_UNIX
 * by default); OSError if it is taken. `accept()`, `close()`, `address`, `await using`.
 */
export function Listener(address?: Address | null, family?: Family | null, backlog?: number, authkey?: Uint8Array | null): Promise<ListenerImpl>;
export function Listener(options: ListenerOptions): Promise<ListenerImpl>;
export function Listener(address: Address | null | undefined, options: Omit<ListenerOptions, 'address'>): Promise<ListenerImpl>;
export function Listener(...args: unknown[]): Promise<ListenerImpl> {
  return ListenerImpl.create(...args);
}
export type Listener = ListenerImpl;
