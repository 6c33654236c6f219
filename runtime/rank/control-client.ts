/**
 * The rank's connection to its launcher: hello, trace-event batches, errors, abort and bye, each a
 * Control frame with a v8-serialised body. Unref'd: it never keeps a finished program alive, while
 * a pending write (a libuv request) still completes before the process exits.
 */
import * as net from 'node:net';
import { serialize } from 'node:v8';
import { CONTROL_VERSION, type RankToLauncher } from '../protocol/control.js';
import { encodeHeader, Encoding, FrameType } from '../transport/frames.js';

export class ControlClient {
  private constructor(private readonly socket: net.Socket) {}

  static async connect(path: string, rank: number, name: string): Promise<ControlClient> {
    const socket = net.connect(path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    // The launcher may die before us; a broken control link must not crash the rank mid-report.
    socket.on('error', () => {});
    // No launcher, no job: a rank never outlives it (even when the launcher was SIGKILLed).
    socket.on('close', () => process.exit(1));
    socket.unref();
    const client = new ControlClient(socket);
    client.send({ t: 'hello', v: CONTROL_VERSION, rank, pid: process.pid, name });
    return client;
  }

  send(msg: RankToLauncher, onWritten?: () => void): void {
    const body = serialize(msg);
    const header = encodeHeader(
      { type: FrameType.Control, encoding: Encoding.Clone, dtype: 0, flags: 0, tag: 0, source: 0, seq: 0, size: body.length, comm: '' },
      body.length,
    );
    this.socket.cork();
    this.socket.write(header);
    this.socket.write(body, onWritten ? () => onWritten() : undefined);
    this.socket.uncork();
  }
}
