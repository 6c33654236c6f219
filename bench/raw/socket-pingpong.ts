// The anchor: the same ping-pong and bandwidth measurement over a bare socket between two Node
// processes, with 4-byte length-prefixed frames and no library in between: a Unix-domain socket,
// or with `--tcp` a loopback TCP connection with Nagle off (what Rankscope uses between hosts).
// Run as `node --import tsx raw/socket-pingpong.ts [--tcp]` (the parent spawns its echo child).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = 10;
const TRIPS = 2000;

/** Calls `onFrame` with each whole length-prefixed frame. */
function frames(socket: net.Socket, onFrame: (payload: Buffer) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  let big: { buf: Buffer; filled: number } | undefined;
  socket.on('data', (chunk: Buffer) => {
    let data = chunk;
    if (big) {
      const take = Math.min(big.buf.length - big.filled, data.length);
      data.copy(big.buf, big.filled, 0, take);
      big.filled += take;
      data = data.subarray(take);
      if (big.filled < big.buf.length) return;
      const done = big.buf;
      big = undefined;
      onFrame(done);
    }
    if (pending.length) data = Buffer.concat([pending, data]);
    pending = Buffer.alloc(0);
    while (data.length >= 4) {
      const len = data.readUInt32LE(0);
      if (data.length - 4 >= len) {
        onFrame(data.subarray(4, 4 + len));
        data = data.subarray(4 + len);
        continue;
      }
      if (len > 65536) {
        big = { buf: Buffer.allocUnsafe(len), filled: data.length - 4 };
        data.copy(big.buf, 0, 4);
        return;
      }
      break;
    }
    pending = Buffer.from(data);
  });
}

function send(socket: net.Socket, payload: Uint8Array): void {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(payload.byteLength, 0);
  socket.cork();
  socket.write(head);
  socket.write(payload);
  socket.uncork();
}

async function child(address: string): Promise<void> {
  const socket = /^\d+$/.test(address) ? net.connect(Number(address), '127.0.0.1') : net.connect(address);
  socket.setNoDelay(true);
  // Echo small frames; answer a big one with a 1-byte ack.
  frames(socket, (p) => send(socket, p.length > 64 ? Buffer.alloc(1) : p));
}

async function parent(tcp: boolean): Promise<void> {
  const sockPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rawbench-')), 's.sock');
  const server = net.createServer();
  await new Promise<void>((r) => (tcp ? server.listen(0, '127.0.0.1', r) : server.listen(sockPath, r)));
  const address = tcp ? String((server.address() as net.AddressInfo).port) : sockPath;
  const echo = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), address], { stdio: 'inherit' });
  const socket = await new Promise<net.Socket>((r) => server.once('connection', r));
  socket.setNoDelay(true);
  let waiter: ((p: Buffer) => void) | undefined;
  frames(socket, (p) => waiter?.(p));
  const roundTrip = (payload: Uint8Array) => new Promise<Buffer>((resolve) => {
    waiter = resolve;
    send(socket, payload);
  });
  const small = new Float64Array([1.5]);
  const trip = async () => {
    const t0 = performance.now();
    for (let i = 0; i < TRIPS; i++) await roundTrip(new Uint8Array(small.buffer));
    return ((performance.now() - t0) * 1000) / TRIPS / 2;
  };
  await trip();
  const latencyUs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) latencyUs.push(await trip());
  const bandwidth: Record<number, number[]> = {};
  for (const bytes of [1 << 20, 16 << 20]) {
    const buf = new Float64Array(bytes / 8);
    bandwidth[bytes] = [];
    for (let r = 0; r < 18; r++) {
      const t0 = performance.now();
      await roundTrip(new Uint8Array(buf.buffer));
      if (r >= 3) bandwidth[bytes].push(bytes / ((performance.now() - t0) / 1000) / 1e9);
    }
  }
  console.log(JSON.stringify({ latencyUs, bandwidth }));
  echo.kill();
  server.close();
}

if (process.argv[2] && process.argv[2] !== '--tcp') void child(process.argv[2]);
else await parent(process.argv[2] === '--tcp');
