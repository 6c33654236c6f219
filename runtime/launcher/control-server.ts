/**
 * The launcher's end of the control channel: a Unix socket every rank connects to on start-up.
 * Each connection introduces itself with a hello; later messages are attributed to that rank.
 */
import * as net from 'node:net';
import { deserialize } from 'node:v8';
import { CONTROL_VERSION, type RankToLauncher } from '../protocol/control.js';
import { FrameDecoder, FrameType } from '../transport/frames.js';

export interface ControlHandlers {
  message(rank: number, msg: RankToLauncher): void;
  /** The rank's control connection closed: everything it sent has been delivered. */
  closed(rank: number): void;
  protocolError(text: string): void;
}

export class ControlServer {
  private readonly server: net.Server;

  constructor(private readonly handlers: ControlHandlers) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, resolve);
    });
  }

  close(): void {
    this.server.close();
  }

  private accept(socket: net.Socket): void {
    let rank = -1;
    socket.on('error', () => {});
    const decoder = new FrameDecoder((header, payload) => {
      if (header.type !== FrameType.Control) return;
      const msg = deserialize(payload) as RankToLauncher;
      if (msg.t === 'hello') {
        if (msg.v !== CONTROL_VERSION) {
          this.handlers.protocolError(`rank ${msg.rank} speaks control protocol v${msg.v}, the launcher v${CONTROL_VERSION}: mixed Rankscope versions`);
          return;
        }
        rank = msg.rank;
      }
      if (rank >= 0) this.handlers.message(rank, msg);
    });
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('close', () => {
      if (rank >= 0) this.handlers.closed(rank);
    });
  }
}
