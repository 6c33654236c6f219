/**
 * `Pipe(duplex=true)` → `[conn1, conn2]`. What one end sends, the other receives, in order.
 *
 * As with OS pipes, an end is open in every process that holds a copy of it until that process
 * closes it or exits. `recv()` throws EOFError once the other end is closed everywhere and no
 * data is left — which is how the course's pipe example knows to print "End".
 */
import { pyArgs, timeoutArg } from '../py-args.js';
import { runtime } from '../../rank/current.js';
import { currentIdentity } from '../../rank/identity.js';
import { registerKind, SharedObject, Waiters } from './base.js';
import { EOFError, ValueError } from './errors.js';
import type { ObjectImpl } from './registry.js';

class PipeState {
  /** channel[e]: items sent by end e, waiting for the other end. */
  readonly channel: [unknown[], unknown[]] = [[], []];
  /** Processes holding each end open. */
  readonly holders: [Set<number>, Set<number>];
  readonly readers: [Waiters<void>, Waiters<void>] = [new Waiters(), new Waiters()];
  /** Each end's name in trace events, once the ends exist. */
  objKeys: [string, string] = ['', ''];

  constructor(creator: number, readonly duplex: boolean) {
    this.holders = [new Set([creator]), new Set([creator])];
  }

  addHolder(e: 0 | 1, process: number): void {
    if (this.holders[e].has(process)) return;
    this.holders[e].add(process);
    this.tellDetector(e);
  }

  /** End `e` lost a holder: wake the other end's readers, who may now see EOF. */
  dropHolder(e: 0 | 1, process: number): void {
    if (!this.holders[e].delete(process)) return;
    this.tellDetector(e);
    if (this.holders[e].size === 0) this.readers[1 - e].wakeAll();
  }

  /** Tells the deadlock detector who keeps EOF from a recv at the other end of `e`. */
  tellDetector(e: 0 | 1): void {
    runtime.tracer.pipeHolders(this.objKeys[1 - e], [...this.holders[e]]);
  }
}

class ConnectionImpl implements ObjectImpl {
  constructor(private readonly s: PipeState, private readonly end: 0 | 1) {}

  async handle(method: string, args: unknown[], caller: number): Promise<unknown> {
    const { s, end } = this;
    const other = (1 - end) as 0 | 1;
    switch (method) {
      case 'send':
        if (!s.holders[end].has(caller)) throw new ValueError('send: this end of the pipe is closed in this process');
        if (!s.duplex && end === 0) throw new ValueError('send: this end of a one-way Pipe(false) only receives');
        s.channel[end].push(args[0]);
        s.readers[other].wakeOne();
        return undefined;
      case 'recv':
        if (!s.holders[end].has(caller)) throw new ValueError('recv: this end of the pipe is closed in this process');
        if (!s.duplex && end === 1) throw new ValueError('recv: this end of a one-way Pipe(false) only sends');
        for (;;) {
          if (s.channel[other].length > 0) return s.channel[other].shift();
          if (s.holders[other].size === 0) throw new EOFError();
          await s.readers[end].wait(undefined, caller);
        }
      case 'poll': {
        const timeout = args[0] as number | undefined;
        if (s.channel[other].length > 0 || s.holders[other].size === 0) return true;
        if (!timeout) return false;
        await s.readers[end].wait(timeout, caller);
        const r = s.channel[other].length > 0 || s.holders[other].size === 0;
        if (r) s.readers[end].wakeOne(); // pass the wake-up on to a waiting recv
        return r;
      }
      case 'close':
        s.dropHolder(end, caller);
        return undefined;
      case 'retain':
        s.addHolder(end, (args[0] as number | undefined) ?? caller);
        return undefined;
      case 'release':
        s.dropHolder(end, args[0] as number);
        return undefined;
    }
    throw new Error(`Connection has no method ${method}`);
  }

  callerGone(caller: number): void {
    this.s.dropHolder(this.end, caller);
  }

  eofHeldBy(method: string): number[] | undefined {
    return method === 'recv' ? [...this.s.holders[1 - this.end]] : undefined;
  }
}

export class Connection extends SharedObject {
  /** @internal */
  static create(state: PipeState, end: 0 | 1): Connection {
    const c = Object.create(Connection.prototype) as Connection;
    c.init('Connection', new ConnectionImpl(state, end), { end });
    return c;
  }

  send(obj: unknown): Promise<void> {
    return this.call('send', obj);
  }

  /** The next object sent from the other end; EOFError once it is closed everywhere and drained. */
  recv(): Promise<any> {
    // Any process could send; EOF depends on who holds the other end, which the owner reports.
    return this.blocking('Connection.recv', this.site(), this.anyone('Connection.recv'), undefined, 'recv');
  }

  /** Whether there is data (or EOF) to read, waiting up to `timeout` seconds. */
  poll(...args: unknown[]): Promise<boolean> {
    const timeout = timeoutArg('Connection.poll', pyArgs('Connection.poll', args, ['timeout']).timeout);
    return timeout ? this.blocking('Connection.poll', this.site(), { type: 'opaque', what: 'Connection.poll()' }, timeout, 'poll', timeout) : this.call('poll', timeout);
  }

  /**
   * Closes this process's copy of this end. After an un-awaited `p.start()` that hands this end to
   * a child, the close waits until the child holds it (Python's `p.start(); a.close()` idiom).
   */
  close(): Promise<void> {
    const before = handovers.get(this);
    return before ? Promise.all(before).then(() => this.call('close')) : this.call('close');
  }

  /**
   * @internal This process got a copy of the end (through a queue, a pipe, an MPI message…): it
   * holds it open until it closes it or exits. (A Process child is also retained by its parent
   * before it starts, which closes the gap before this call arrives.)
   */
  revived(): void {
    this.call('retain').catch(() => {});
  }

  /** @internal a child process now holds a copy of this end */
  retainFor(process: number): Promise<void> {
    return this.call('retain', process);
  }

  /** @internal that child has exited */
  releaseFor(process: number): Promise<void> {
    return this.call('release', process);
  }
}

/** Per end: children being started with it, whose hold its close() must wait for. */
const handovers = new WeakMap<Connection, Set<Promise<void>>>();

/** `c`'s close() in this process waits for `held` (a child being started with `c` holds it). */
export function closeAfter(c: Connection, held: Promise<void>): void {
  const pending = handovers.get(c) ?? new Set();
  handovers.set(c, pending);
  pending.add(held);
  void held.then(() => {
    pending.delete(held);
    if (pending.size === 0) handovers.delete(c);
  });
}

export function Pipe(...args: unknown[]): [Connection, Connection] {
  const duplex = (pyArgs('Pipe', args, ['duplex']).duplex as boolean | undefined) ?? true;
  const state = new PipeState(currentIdentity().index, duplex);
  const ends: [Connection, Connection] = [Connection.create(state, 0), Connection.create(state, 1)];
  state.objKeys = [ends[0].objKey, ends[1].objKey];
  state.tellDetector(0);
  state.tellDetector(1);
  return ends;
}

registerKind('Connection', Connection);
