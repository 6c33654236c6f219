/**
 * A debugger for the inspector bench: what VS Code's JavaScript debugger (js-debug) does when it
 * attaches to a rank waiting under `--inspect-brk` and the user has set no breakpoint — enable the
 * Runtime and Debugger domains (so V8 reports every script and console call over the socket), stop
 * before each source-mapped script to bind breakpoints (none here), and let the rank run. Async
 * stacks as rank-sessions.ts asks for them: from the first bound breakpoint on, so never here
 * (`asyncStacks` turns them on from the start, as js-debug's default would). A bare WebSocket
 * client (Node 20 has none built in), enough for the inspector's unfragmented frames on 127.0.0.1.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { Socket } from 'node:net';

export class Cdp {
  private buffered = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: Socket, private readonly onEvent: (method: string, params: any) => void) {
    socket.on('data', (chunk) => this.read(chunk));
    socket.on('error', () => undefined);
  }

  static connect(websocketAddress: string, onEvent: (cdp: Cdp, method: string, params: any) => void): Promise<Cdp> {
    const url = new URL(websocketAddress);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: url.hostname, port: url.port, path: url.pathname,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64') },
      });
      req.on('upgrade', (_res, socket, head) => {
        const cdp: Cdp = new Cdp(socket, (m, p) => onEvent(cdp, m, p));
        if (head.length) cdp.read(head);
        resolve(cdp);
      });
      req.on('error', reject);
      req.end();
    });
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }));
    const mask = crypto.randomBytes(4);
    const len = payload.length;
    const header = len < 126 ? Buffer.from([0x81, 0x80 | len]) : len < 65536 ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(len)]);
    for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
    this.socket.write(Buffer.concat([header, mask, payload]));
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const b = this.buffered;
      if (b.length < 2) return;
      let len = b[1] & 127;
      let at = 2;
      if (len === 126) { if (b.length < 4) return; len = b.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (b.length < 10) return; len = Number(b.readBigUInt64BE(2)); at = 10; }
      if (b.length < at + len) return;
      const opcode = b[0] & 15;
      const text = b.subarray(at, at + len).toString();
      this.buffered = b.subarray(at + len);
      if (opcode !== 1) continue;
      const m = JSON.parse(text) as { id?: number; result?: unknown; method?: string; params?: unknown };
      if (m.id !== undefined) {
        this.waiting.get(m.id)?.(m.result);
        this.waiting.delete(m.id);
      } else if (m.method) this.onEvent(m.method, m.params);
    }
  }
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** Attaches as js-debug does with no breakpoints set, and lets the waiting rank run. */
export async function attachLikeJsDebug(websocketAddress: string, asyncStacks = false): Promise<Cdp> {
  const cdp = await Cdp.connect(websocketAddress, (self, method) => {
    // js-debug binds breakpoints at each source-mapped script's first statement, then resumes.
    if (method === 'Debugger.paused') void self.send('Debugger.resume');
    // The program is done: Node waits for its debugger to leave before the process exits.
    if (method === 'Runtime.executionContextDestroyed') self.close();
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Debugger.enable');
  if (asyncStacks) await cdp.send('Debugger.setAsyncCallStackDepth', { maxDepth: 32 });
  await cdp.send('Debugger.setInstrumentationBreakpoint', { instrumentation: 'beforeScriptWithSourceMapExecution' });
  await cdp.send('Runtime.runIfWaitingForDebugger');
  return cdp;
}
