/**
 * The objects this process owns, and its object server: the Unix socket other processes call them
 * through. Started on first need; one per process, at `<jobDir>/obj-<pid>.sock`.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runtime } from '../../current.js';
import { currentIdentity } from '../../identity.js';
import { readControl, writeControl } from '../../transport/control-frames.js';
import type { CallReply, CallRequest, ClientHello } from './protocol.js';

/** The owner side of a shared object: runs a method for a caller (a process index). */
export interface ObjectImpl {
  handle(method: string, args: unknown[], caller: number): unknown;
  /** A caller's connection closed (its process exited). */
  callerGone?(caller: number): void;
}

/** A call still unanswered after this long is waiting on the object, not just on the round trip. */
const PARKED_AFTER_MS = 1;

function traceOwner(op: 'park' | 'wake', caller: number, obj: string, method: string): void {
  const id = runtime.tracer.start({ op, text: `${op === 'park' ? 'holding' : 'answered'} ${method}() of process #${caller}`, comm: 'mp', obj, peer: caller });
  runtime.tracer.end(id);
}

/**
 * Runs a call on an object this process owns, and tells the launcher when a caller is really
 * waiting on the object (parked) and when it is released (woken). The owner is the one place that
 * knows this for certain, and its own events reach the launcher in order: so the deadlock detector
 * never takes a call in flight, or one just answered, for a wait.
 */
export function runOwned(impl: ObjectImpl, id: number, method: string, args: unknown[], caller: number): Promise<unknown> {
  const result = Promise.resolve().then(() => impl.handle(method, args, caller));
  let parked = false;
  const obj = `${process.pid}:${id}`;
  const timer = setTimeout(() => {
    parked = true;
    traceOwner('park', caller, obj, method);
  }, PARKED_AFTER_MS);
  timer.unref();
  const settle = (): void => {
    clearTimeout(timer);
    if (!parked) return;
    traceOwner('wake', caller, obj, method);
    // At once, not in the next batch: until the launcher hears it, the caller looks parked, and
    // if everyone else is waiting for that caller (a Barrier then an MPI barrier), a deadlock.
    runtime.tracer.flush();
  };
  result.then(settle, settle);
  return result;
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

/** Processes connected to this server now (process index → connections). */
const callers = new Map<number, number>();

/** Whether a caller could still receive a reply: this process, or one still connected. */
export function callerAlive(caller: number): boolean {
  return caller === currentIdentity().index || (callers.get(caller) ?? 0) > 0;
}

function serve(socket: net.Socket): void {
  // Callers do not keep the owner alive: it lives for its own program (and joins its non-daemon
  // children), as in Python; a daemon child blocked on the owner's queue must not keep it running.
  socket.unref();
  socket.on('error', () => {});
  let caller = -1;
  const reply = (r: CallReply): void => {
    try {
      writeControl(socket, r);
    } catch (err) {
      // The value cannot be cloned (a function stored by this process, say): tell the caller so.
      writeControl(socket, { t: 'err', req: r.req, error: { name: 'TypeError', message: `the reply cannot be sent to another process: ${(err as Error).message}` } });
    }
  };
  readControl<ClientHello | CallRequest>(socket, (msg) => {
    if (msg.t === 'hello') {
      caller = msg.caller;
      callers.set(caller, (callers.get(caller) ?? 0) + 1);
      return;
    }
    const impl = impls.get(msg.id);
    if (!impl) {
      reply({ t: 'err', req: msg.req, error: { name: 'Error', message: `shared object #${msg.id} no longer exists in process ${process.pid}` } });
      return;
    }
    runOwned(impl, msg.id, msg.method, msg.args, caller).then(
      (value) => reply({ t: 'ok', req: msg.req, value }),
      (e: Error) => reply({ t: 'err', req: msg.req, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } }),
    );
  });
  socket.on('close', () => {
    if (caller < 0) return;
    const n = (callers.get(caller) ?? 1) - 1;
    if (n > 0) callers.set(caller, n);
    else callers.delete(caller);
    if (n <= 0) for (const impl of impls.values()) impl.callerGone?.(caller);
  });
}
