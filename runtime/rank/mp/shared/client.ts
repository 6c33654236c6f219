/**
 * Calls objects owned by other processes: one connection per owner, requests numbered, replies
 * matched. A pending call keeps this process alive; an owner that has exited is an error that says so.
 */
import * as net from 'node:net';
import { runtime } from '../../current.js';
import { currentIdentity } from '../../identity.js';
import { context } from '../context.js';
import { hold, release } from '../../liveness.js';
import { readControl, writeControl } from '../../transport/control-frames.js';
import { notCloneable, reviveError } from './errors.js';
import { OBJECT_PROTOCOL_VERSION, type CallReply } from './protocol.js';

interface Connection {
  socket: Promise<net.Socket>;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

const connections = new Map<string, Connection>();
let nextReq = 1;

async function connect(owner: string, conn: Connection): Promise<net.Socket> {
  // The owner starts listening as it hands out the first handle; a fast child may come first.
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    try {
      const socket = await new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(owner);
        s.once('connect', () => resolve(s));
        s.once('error', reject);
      });
      socket.unref();
      socket.on('error', () => {});
      writeControl(socket, { t: 'hello', v: OBJECT_PROTOCOL_VERSION, caller: currentIdentity().index });
      readControl<CallReply>(socket, (r) => {
        const p = conn.pending.get(r.req);
        conn.pending.delete(r.req);
        if (r.t === 'ok') p?.resolve(r.value);
        else p?.reject(reviveError(r.error));
      });
      socket.on('close', () => {
        connections.delete(owner);
        // A daemon child outlived by its parent is about to be stopped, as Python stops it: its
        // waits just stay pending, rather than failing with an error nobody asked for.
        if (!isDaemonOfParent(owner)) for (const p of conn.pending.values()) p.reject(ownerGone());
        conn.pending.clear();
      });
      return socket;
    } catch {
      // Not bound yet, or its backlog full while it is paused (a debugger, SIGSTOP): wait for as
      // long as it lives, however long that is. Only its exit says it will never answer.
      if (!ownerAlive(owner)) throw ownerGone();
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Whether the process that owns `owner` (`…/obj-<pid>.sock`) still exists. */
function ownerAlive(owner: string): boolean {
  const pid = Number(/obj-(\d+)\.sock$/.exec(owner)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isDaemonOfParent(owner: string): boolean {
  const parentPid = runtime.become?.parentPid;
  return context.current().daemon && parentPid !== undefined && owner.endsWith(`obj-${parentPid}.sock`);
}

function ownerGone(): Error {
  return new Error('the process that created this shared object has exited; keep the creating process alive (join its children) while others use its objects');
}

/** `what` names the call in errors (`Queue.put`). */
export function callRemote(owner: string, id: number, method: string, args: unknown[], what = method): Promise<unknown> {
  let conn = connections.get(owner);
  if (!conn) {
    const fresh: Connection = { socket: undefined as unknown as Promise<net.Socket>, pending: new Map() };
    fresh.socket = connect(owner, fresh);
    connections.set(owner, fresh);
    conn = fresh;
  }
  const req = nextReq++;
  hold();
  const c = conn;
  const result = new Promise<unknown>((resolve, reject) => {
    c.pending.set(req, { resolve, reject });
    const fail = (e: Error): void => {
      c.pending.delete(req);
      reject(e);
    };
    c.socket.then((s) => {
      try {
        writeControl(s, { t: 'call', req, id, method, args });
      } catch (err) {
        fail(notCloneable(what, err)); // a function inside, say: an error, never a hang
      }
    }, fail);
  });
  result.then(release, release);
  return result;
}
