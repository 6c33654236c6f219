/**
 * Calls objects owned by other processes: one connection per owner, requests numbered, replies
 * matched. A pending call keeps this process alive; an owner that has exited is an error that says so.
 */
import * as net from 'node:net';
import { currentIdentity } from '../../rank/identity.js';
import { hold, release } from '../../rank/liveness.js';
import { readControl, writeControl } from '../../transport/control-frames.js';
import { reviveError } from './errors.js';
import { OBJECT_PROTOCOL_VERSION, type CallReply } from './protocol.js';

interface Connection {
  socket: Promise<net.Socket>;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

const connections = new Map<string, Connection>();
let nextReq = 1;

async function connect(owner: string, conn: Connection): Promise<net.Socket> {
  // The owner starts listening as it hands out the first handle; a fast child may come first.
  for (let delay = 1, tries = 0; ; delay = Math.min(delay * 2, 50), tries++) {
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
        for (const p of conn.pending.values()) p.reject(ownerGone());
        conn.pending.clear();
      });
      return socket;
    } catch (err) {
      if (tries > 40) throw ownerGone();
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function ownerGone(): Error {
  return new Error('the process that created this shared object has exited; keep the creating process alive (join its children) while others use its objects');
}

export function callRemote(owner: string, id: number, method: string, args: unknown[]): Promise<unknown> {
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
    c.socket.then((s) => writeControl(s, { t: 'call', req, id, method, args }), (e) => {
      c.pending.delete(req);
      reject(e);
    });
  });
  result.then(release, release);
  return result;
}
