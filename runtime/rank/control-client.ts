/**
 * The process's connection to its launcher. Up: hello, trace-event batches, errors, abort, bye,
 * and multiprocessing requests (spawn, signal). Down: the launcher's answers and, for a warm spare,
 * the identity it is to take. Unref'd: it never keeps a finished program alive, while a pending
 * write (a libuv request) still completes before the process exits.
 */
import * as net from 'node:net';
import { CONTROL_VERSION, type LauncherToRank, type RankToLauncher } from '../contract/control.js';
import { readControl, writeControl } from '../contract/control-frames.js';

export class ControlClient {
  private readonly listeners: ((msg: LauncherToRank) => void)[] = [];

  private constructor(private readonly socket: net.Socket) {
    readControl<LauncherToRank>(socket, (msg) => {
      for (const l of this.listeners) l(msg);
    });
  }

  /**
   * Connects to the launcher (a Unix socket path) or a cluster's coordinator (TCP). `onLost` runs
   * when the link breaks; by default the process exits.
   */
  static async connect(to: string | { host: string; port: number }, rank: number, name: string, onLost = (): void => process.exit(1)): Promise<ControlClient> {
    const socket = typeof to === 'string' ? net.connect(to) : net.connect(to.port, to.host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setNoDelay(true);
    // The launcher may die before us; a broken control link must not crash the rank mid-report.
    socket.on('error', () => {});
    // No launcher, no job: a process never outlives it (even when the launcher was SIGKILLed).
    socket.on('close', onLost);
    socket.unref();
    const client = new ControlClient(socket);
    client.send({ t: 'hello', v: CONTROL_VERSION, rank, pid: process.pid, name });
    return client;
  }

  /** This end's address (a cluster rank advertises it to peers: it proved to route). */
  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }

  send(msg: RankToLauncher, onWritten?: () => void): void {
    writeControl(this.socket, msg, onWritten);
  }

  /** Ends the link once what was sent has left (the other end then sees it close). */
  close(): void {
    this.socket.end();
  }

  onMessage(listener: (msg: LauncherToRank) => void): void {
    this.listeners.push(listener);
  }

  /** Waits for the first message of type `t` (holding the process alive meanwhile). */
  next<T extends LauncherToRank['t']>(t: T): Promise<Extract<LauncherToRank, { t: T }>> {
    this.socket.ref();
    return new Promise((resolve) => {
      const l = (msg: LauncherToRank): void => {
        if (msg.t !== t) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        this.socket.unref();
        resolve(msg as Extract<LauncherToRank, { t: T }>);
      };
      this.listeners.push(l);
    });
  }
}
