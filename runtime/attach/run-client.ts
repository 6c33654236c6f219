/**
 * A run published by another process (publish.ts), seen through its socket as a `Run` of our own:
 * subscribing replays what the publisher sent so far, then goes on live; pause, resume and stop
 * travel to the publisher as commands. What watches a local run (the diagram's panel host, the
 * debug adapter) watches a remote one the same way. No vscode import: the CLI or tests may use it.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { Run, RunEnd, RunEvent, RunInfo, RunListener, SubscribeOptions } from '../contract/run.js';
import { parseDescriptor, readLines, RUN_WIRE_VERSION, RunWireError, versionMismatch, writeLine, type PublisherToViewer, type RunCommand, type RunDescriptor } from '../contract/run-wire.js';

/** How long a publisher may take to greet a viewer. */
const HELLO_TIMEOUT_MS = 5000;

export class RunClient implements Run {
  readonly ended: Promise<RunEnd>;
  private readonly seen: RunEvent[] = [];
  private readonly listeners = new Map<RunListener, boolean>();
  private end: RunEnd | undefined;
  private resolveEnd!: (end: RunEnd) => void;

  private constructor(readonly info: RunInfo, private readonly socket: net.Socket) {
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve));
  }

  /**
   * Connects to the run a descriptor names (its file, or the descriptor read) and receives it.
   * Rejects with RunWireError when the run no longer answers or speaks another protocol version.
   */
  static async connect(from: string | RunDescriptor): Promise<RunClient> {
    const { socket, info } = await greet(from);
    const client = new RunClient(info, socket);
    client.receive();
    return client;
  }

  private receive(): void {
    readLines(this.socket, (msg) => {
      const m = msg as PublisherToViewer;
      if (m?.t === 'event') this.deliver(m.e);
    }, () => this.lost('sent something that is not a Rankscope run'));
    this.socket.on('close', () => this.lost('closed the connection before the run ended'));
    this.socket.resume();
    writeLine(this.socket, { t: 'subscribe' });
  }

  private deliver(e: RunEvent): void {
    if (this.end) return;
    this.seen.push(e);
    for (const [l, trace] of [...this.listeners]) if (trace || e.type !== 'trace') call(l, e);
    if (e.type === 'end') {
      this.end = e.end;
      this.socket.end();
      this.resolveEnd(e.end);
    }
  }

  /** The publisher went away without an end (killed, say): the run ends here for its viewers. */
  private lost(why: string): void {
    if (this.end) return;
    this.socket.destroy();
    const report = `rankscope: the run of ${this.info.program} (pid ${this.info.pid}) ${why}; what it did until then is shown`;
    this.deliver({ type: 'end', end: { outcome: 'interrupted', exitCode: 1, report } });
  }

  subscribe(listener: RunListener, options: SubscribeOptions = {}): () => void {
    const trace = options.trace ?? true;
    for (const e of this.seen) if (trace || e.type !== 'trace') call(listener, e);
    if (!this.end) this.listeners.set(listener, trace);
    return () => this.listeners.delete(listener);
  }

  pause(processes?: readonly number[]): void {
    this.command('pause', processes);
  }

  resume(): void {
    this.command('resume');
  }

  stop(): Promise<RunEnd> {
    this.command('stop');
    return this.ended;
  }

  /** Stops watching (the run goes on). */
  close(): void {
    this.listeners.clear();
    // Ended for us; the socket is ended, not destroyed, so a command sent just before still goes.
    this.deliver({ type: 'end', end: { outcome: 'interrupted', exitCode: 1, report: `rankscope: this viewer left the run of ${this.info.program} (pid ${this.info.pid}); the run goes on` } });
  }

  private command(command: RunCommand, processes?: readonly number[]): void {
    if (!this.end) writeLine(this.socket, { t: 'command', command, ...(processes ? { processes: [...processes] } : {}) });
  }
}

/** Connects and reads the publisher's hello; the socket is then ready for a subscription. */
async function greet(from: string | RunDescriptor): Promise<{ socket: net.Socket; info: RunInfo }> {
  const where = typeof from === 'string' ? from : `the run of ${from.info.program} (pid ${from.info.pid})`;
  const descriptor = typeof from === 'string' ? readDescriptor(from) : from;
  return new Promise((resolve, reject) => {
    const socket = net.connect(descriptor.socket);
    const fail = (text: string | RunWireError): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(typeof text === 'string' ? new RunWireError(text) : text);
    };
    const timer = setTimeout(() => fail(`${where}: its run did not answer within ${HELLO_TIMEOUT_MS / 1000} s`), HELLO_TIMEOUT_MS);
    socket.once('error', (e) => fail(`${where}: its run no longer answers (${e.message}); it has probably ended`));
    let greeted = false;
    readLines(socket, (msg) => {
      if (greeted) return;
      greeted = true;
      const m = msg as Partial<Extract<PublisherToViewer, { t: 'hello' }>>;
      if (m?.t !== 'hello') return fail(`${where}: the socket's first message is not a Rankscope hello`);
      if (m.v !== RUN_WIRE_VERSION) return fail(versionMismatch(where, m.v));
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.pause();
      socket.on('error', () => {});
      resolve({ socket, info: m.info! });
    }, () => fail(`${where}: the socket does not speak Rankscope's run protocol`));
  });
}

function readDescriptor(file: string): RunDescriptor {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RunWireError(`cannot read the run descriptor ${file}: ${(e as Error).message}`);
  }
  return parseDescriptor(file, text);
}

/** Asks whether the run a descriptor names answers and speaks our version (then hangs up). */
export async function probe(descriptor: RunDescriptor): Promise<void> {
  const { socket } = await greet(descriptor);
  socket.destroy();
}

/** A watcher's fault must not stop the run reaching the other watchers (nor throw in a socket's reader). */
function call(listener: RunListener, e: RunEvent): void {
  try {
    listener(e);
  } catch (err) {
    process.stderr.write(`rankscope: a watcher of an attached run failed on its '${e.type}' event: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
