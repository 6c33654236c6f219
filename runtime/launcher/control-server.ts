/**
 * The launcher's end of the control channel: a Unix socket every process connects to on start-up.
 * Each connection introduces itself with a hello (an MPI rank, or a warm spare); later messages are
 * delivered with that connection, through which the launcher can answer.
 */
import * as net from 'node:net';
import { CONTROL_VERSION, type HelloMessage, type LauncherToRank, type RankToLauncher } from '../contract/control.js';
import { TraceDecoder } from '../contract/trace-decoder.js';
import { readControl, writeControl } from '../contract/control-frames.js';

export class ControlConnection {
  hello: HelloMessage | undefined;
  /** The process index this connection speaks for (-1 until known). */
  index = -1;

  /** Reads this connection's trace batches (they name values it sent before). */
  readonly traces = new TraceDecoder();

  constructor(private readonly socket: net.Socket) {}

  send(msg: LauncherToRank): void {
    if (!this.socket.destroyed) writeControl(this.socket, msg);
  }
}

export interface ControlHandlers {
  message(conn: ControlConnection, msg: RankToLauncher): void;
  /** The connection closed: everything the process sent has been delivered. */
  closed(conn: ControlConnection): void;
  protocolError(text: string): void;
}

export class ControlServer {
  private readonly server: net.Server;

  /**
   * `inRank`: the server lives in a rank's own process (a cluster's coordinator in rank 0), so
   * neither it nor its connections may keep that process from finishing its program.
   */
  constructor(private readonly handlers: ControlHandlers, private readonly inRank = false) {
    this.server = net.createServer((socket) => this.accept(socket));
    if (inRank) this.server.unref();
  }

  /** A Unix socket path, or a TCP port (0: any free one). Resolves with the TCP port bound. */
  listen(at: string | number): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      const bound = (): void => resolve(typeof at === 'number' ? (this.server.address() as net.AddressInfo).port : undefined);
      this.server.listen(at, bound);
    });
  }

  /** Keeps the process alive while the server is open (a coordinator whose own rank is done). */
  hold(): void {
    this.server.ref();
  }

  close(): void {
    this.server.close();
  }

  private accept(socket: net.Socket): void {
    const conn = new ControlConnection(socket);
    if (this.inRank) socket.unref();
    socket.setNoDelay(true);
    socket.on('error', () => {});
    readControl<RankToLauncher>(socket, (msg) => {
      if (msg.t === 'hello') {
        if (msg.v !== CONTROL_VERSION) {
          this.handlers.protocolError(`process ${msg.pid} speaks control protocol v${msg.v}, the launcher v${CONTROL_VERSION}: mixed Rankscope versions`);
          return;
        }
        conn.hello = msg;
        conn.index = msg.rank;
      }
      if (conn.hello) this.handlers.message(conn, msg);
    });
    socket.on('close', () => this.handlers.closed(conn));
  }
}
