/**
 * The objects this process owns, and its object server: the Unix socket other processes call them
 * through. Started on first need; one per process, at `<jobDir>/obj-<pid>.sock`.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { currentIdentity } from '../../rank/identity.js';
import { readControl, writeControl } from '../../transport/control-frames.js';
import type { CallReply, CallRequest, ClientHello } from './protocol.js';

/** The owner side of a shared object: runs a method for a caller (a process index). */
export interface ObjectImpl {
  handle(method: string, args: unknown[], caller: number): unknown;
  /** A caller's connection closed (its process exited). */
  callerGone?(caller: number): void;
}

const impls = new Map<number, ObjectImpl>();
const publics = new Map<number, object>();
let nextId = 1;
let server: net.Server | undefined;
let serverPath: string | undefined;

export function register(impl: ObjectImpl, publicObject: object): number {
  const id = nextId++;
  impls.set(id, impl);
  publics.set(id, publicObject);
  return id;
}

export function localImpl(id: number): ObjectImpl | undefined {
  return impls.get(id);
}

/** The public object for `id`, when this process owns it. */
export function localObject(id: number): object | undefined {
  return publics.get(id);
}

/** This process's server address, starting the server on first use. */
export function ownAddress(): string {
  if (serverPath) return serverPath;
  const dir = currentIdentity().jobDir ?? os.tmpdir();
  serverPath = path.join(dir, `obj-${process.pid}.sock`);
  fs.rmSync(serverPath, { force: true });
  server = net.createServer(serve);
  server.listen(serverPath);
  server.unref();
  return serverPath;
}

export function isOwnAddress(owner: string): boolean {
  return owner === serverPath;
}

function serve(socket: net.Socket): void {
  socket.on('error', () => {});
  let caller = -1;
  readControl<ClientHello | CallRequest>(socket, (msg) => {
    if (msg.t === 'hello') {
      caller = msg.caller;
      return;
    }
    const reply = (r: CallReply): void => writeControl(socket, r);
    const impl = impls.get(msg.id);
    if (!impl) {
      reply({ t: 'err', req: msg.req, error: { name: 'Error', message: `shared object #${msg.id} no longer exists in process ${process.pid}` } });
      return;
    }
    Promise.resolve()
      .then(() => impl.handle(msg.method, msg.args, caller))
      .then(
        (value) => reply({ t: 'ok', req: msg.req, value }),
        (e: Error) => reply({ t: 'err', req: msg.req, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } }),
      );
  });
  socket.on('close', () => {
    for (const impl of impls.values()) impl.callerGone?.(caller);
  });
}
