// The anchor: the same ping-pong and bandwidth measurement over a bare socket between two Node
// processes, with 4-byte length-prefixed frames and no library in between: a Unix-domain socket,
// or with `--tcp` a loopback TCP connection with Nagle off (what Rankscope uses between hosts).
// Plain JavaScript, run as `node bench/raw/socket-pingpong.mjs [--tcp]`: no loader (tsx) in either
// process, since a loader's hooks slowed the anchor's big transfers 2–4× (issue 25).
// Prints one JSON line: batch means and per-trip one-way times (µs), bandwidth with a 1-byte ack
// (GB/s), the 16 MiB echoed round trip as issue 25's program times it (MB/s), and both processes' RSS.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = 10;
const TRIPS = 2000;
const ECHO_BIG = 16 << 20;

/** Calls `onFrame` with each whole length-prefixed frame. */
function frames(socket, onFrame) {
  let pending = Buffer.alloc(0);
  let big;
  socket.on('data', (chunk) => {
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

function send(socket, payload) {
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32LE(payload.byteLength, 0);
  socket.cork();
  socket.write(head);
  socket.write(payload);
  socket.uncork();
}

function child(address) {
  const socket = /^\d+$/.test(address) ? net.connect(Number(address), '127.0.0.1') : net.connect(address);
  socket.setNoDelay(true);
  // Echo small frames and the 16 MiB one (issue 25's round trip); answer other big ones with a
  // 1-byte ack, then the RSS on request (a 2-byte frame).
  frames(socket, (p) => {
    if (p.length === 2) send(socket, Buffer.from(String(process.memoryUsage().rss)));
    else send(socket, p.length > 64 && p.length !== ECHO_BIG ? Buffer.alloc(1) : p);
  });
}

/** The p-th quantile (0–1) of sorted numbers. */
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function parent(tcp) {
  const sockPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rawbench-')), 's.sock');
  const server = net.createServer();
  await new Promise((r) => (tcp ? server.listen(0, '127.0.0.1', r) : server.listen(sockPath, r)));
  const address = tcp ? String(server.address().port) : sockPath;
  const echo = spawn(process.execPath, [fileURLToPath(import.meta.url), address], { stdio: 'inherit' });
  const socket = await new Promise((r) => server.once('connection', r));
  socket.setNoDelay(true);
  let waiter;
  frames(socket, (p) => waiter?.(p));
  const roundTrip = (payload) => new Promise((resolve) => {
    waiter = resolve;
    send(socket, payload);
  });
  const small = new Uint8Array(new Float64Array([1.5]).buffer);
  const trips = [];
  const trip = async (keep) => {
    const t0 = performance.now();
    for (let i = 0; i < TRIPS; i++) {
      const t = performance.now();
      await roundTrip(small);
      if (keep) trips.push(((performance.now() - t) * 1000) / 2);
    }
    return ((performance.now() - t0) * 1000) / TRIPS / 2;
  };
  await trip(false);
  const latencyUs = [];
  for (let r = 0; r < ROUNDS; r++) latencyUs.push(await trip(true));
  trips.sort((a, b) => a - b);
  const tripUs = { p50: quantile(trips, 0.5), p90: quantile(trips, 0.9), p99: quantile(trips, 0.99) };
  const bandwidth = {};
  for (const bytes of [1 << 20, 16 << 20, 'echo']) {
    const n = bytes === 'echo' ? ECHO_BIG : bytes;
    const buf = new Uint8Array(n + (bytes === 16 << 20 ? 8 : 0)); // 16 MiB + 8: acked, not echoed
    bandwidth[bytes] = [];
    for (let r = 0; r < 18; r++) {
      const t0 = performance.now();
      await roundTrip(buf);
      if (r >= 3) bandwidth[bytes].push(((bytes === 'echo' ? 2 : 1) * n) / ((performance.now() - t0) / 1000) / 1e9);
    }
  }
  const echoGBps = bandwidth.echo.sort((a, b) => a - b);
  delete bandwidth.echo;
  const rssChild = Number((await roundTrip(Buffer.alloc(2))).toString());
  console.log(JSON.stringify({ latencyUs, tripUs, bandwidth, big_MBps: quantile(echoGBps, 0.5) * 1000, rss: [process.memoryUsage().rss, rssChild] }));
  echo.kill();
  server.close();
}

if (process.argv[2] && process.argv[2] !== '--tcp') child(process.argv[2]);
else await parent(process.argv[2] === '--tcp');
