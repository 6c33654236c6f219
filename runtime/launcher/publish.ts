/**
 * Publishes a `Run` on a local socket, so a viewer started later and elsewhere (VS Code's
 * "Rankscope: Attach to Run") watches it live: `<cwd>/.rankscope/runs/<pid>.json` names the socket
 * while the run lives; each viewer that connects gets the run's replay, then its events live, and
 * may pause, resume or stop it. When the run ends the descriptor goes and `<pid>.ended.json` stays:
 * the run as a trace file the diagram opens, for the viewer that comes too late (the last few kept).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Run, RunEnd } from '../contract/run.js';
import { readLines, RUN_WIRE_VERSION, runsFolder, writeLine, type RunDescriptor, type ViewerToPublisher } from '../contract/run-wire.js';
import { RunRecorder, writeEndedRecord } from './run-record-file.js';

export interface PublishOptions {
  /** The folder whose `.rankscope/runs` lists the run (the run's working folder). */
  folder: string;
  /** Where to say what went wrong publishing (the run goes on unpublished). */
  warn?: (text: string) => void;
}

/** How many ended records a folder keeps (the newest). */
export const KEEP_ENDED = 5;

/** Trace events per line at most. */
const LINE_EVENTS = 10_000;

/** Unix socket paths are limited (~107 bytes): a short one in the temporary folder (Windows: a named pipe). */
function socketPath(): string {
  const name = `rankscope-run-${process.pid}-${randomBytes(4).toString('hex')}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\${name}`;
  const inTmp = path.join(os.tmpdir(), `${name}.sock`);
  return Buffer.byteLength(inTmp) < 100 ? inTmp : path.join('/tmp', `${name}.sock`);
}

export class RunPublication {
  /** Resolves once the end was recorded and every viewer got it (or a second passed). */
  readonly closed: Promise<void>;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly run: Run, private readonly server: net.Server, readonly socket: string, readonly descriptor: string, private readonly dir: string, private readonly warn: (text: string) => void) {
    const recorder = new RunRecorder();
    const stop = run.subscribe((e) => recorder.add(e));
    this.closed = run.ended.then((end) => this.finish(recorder, end, stop));
  }

  /** Publishes `run`; resolves with undefined (after a warning) when the folder or socket cannot be used. */
  static async publish(run: Run, opts: PublishOptions): Promise<RunPublication | undefined> {
    const warn = opts.warn ?? ((t) => process.stderr.write(t));
    const dir = runsFolder(opts.folder);
    const at = socketPath();
    try {
      fs.mkdirSync(dir, { recursive: true });
      // The folder is the tool's, not the user's project: keep it out of their commits.
      const ignore = path.join(opts.folder, '.rankscope', '.gitignore');
      if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(at, resolve);
      });
      // A viewer must never keep the launcher alive once its run is over.
      server.unref();
      const file = path.join(dir, `${process.pid}.json`);
      const descriptor: RunDescriptor = { v: RUN_WIRE_VERSION, socket: at, info: run.info };
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(descriptor));
      fs.renameSync(`${file}.tmp`, file);
      const pub = new RunPublication(run, server, at, file, dir, warn);
      server.on('connection', (s) => pub.accept(s));
      return pub;
    } catch (e) {
      warn(`rankscope: cannot publish the run for viewers in ${dir}: ${(e as Error).message} (the run goes on)\n`);
      return undefined;
    }
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.unref();
    socket.on('error', () => {});
    writeLine(socket, { t: 'hello', v: RUN_WIRE_VERSION, info: this.run.info });
    let unsubscribe: (() => void) | undefined;
    const subscribe = (): void => {
      unsubscribe ??= this.run.subscribe((e) => {
        // A replay's trace comes as one event: sent in slices, no line holds a whole long run.
        if (e.type === 'trace' && e.events.length > LINE_EVENTS) {
          for (let i = 0; i < e.events.length; i += LINE_EVENTS) writeLine(socket, { t: 'event', e: { type: 'trace', events: e.events.slice(i, i + LINE_EVENTS) } });
        } else writeLine(socket, { t: 'event', e });
        if (e.type === 'end') socket.end();
      });
    };
    socket.on('close', () => {
      unsubscribe?.();
      this.sockets.delete(socket);
    });
    readLines(socket, (msg) => this.command(msg as ViewerToPublisher, subscribe), () => socket.destroy());
  }

  private command(msg: ViewerToPublisher, subscribe: () => void): void {
    if (msg?.t === 'subscribe') return subscribe();
    if (msg?.t !== 'command') return;
    if (msg.command === 'pause') this.run.pause(Array.isArray(msg.processes) ? msg.processes.filter((i) => Number.isInteger(i)) : undefined);
    else if (msg.command === 'resume') this.run.resume();
    else if (msg.command === 'stop') void this.run.stop();
  }

  private async finish(recorder: RunRecorder, end: RunEnd, unsubscribe: () => void): Promise<void> {
    unsubscribe();
    try {
      // The record first: a viewer listing the folder meanwhile always finds one or the other.
      const note = writeEndedRecord(path.join(this.dir, `${process.pid}.ended.json`), this.run.info, recorder, end);
      if (note) this.warn(`${note}\n`);
      pruneEnded(this.dir, KEEP_ENDED);
    } catch (e) {
      this.warn(`rankscope: cannot keep the run's record in ${this.dir}: ${(e as Error).message}\n`);
    }
    fs.rmSync(this.descriptor, { force: true });
    this.server.close();
    if (process.platform !== 'win32') fs.rmSync(this.socket, { force: true });
    // Viewers are sent the end by their own subscription; give their sockets a moment to drain.
    // The timer holds the process up meanwhile (the sockets themselves are unref'd): a launcher
    // whose loop ran dry would exit before its caller could set the run's exit status.
    const drained = [...this.sockets].map((s) => new Promise<void>((r) => (s.closed ? r() : s.once('close', () => r()))));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(drained), new Promise<void>((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
    for (const s of this.sockets) s.destroy();
  }
}

/** Deletes all but the newest `keep` ended records of `dir`. */
export function pruneEnded(dir: string, keep: number): void {
  const records = fs.readdirSync(dir).filter((f) => f.endsWith('.ended.json')).map((f) => {
    const file = path.join(dir, f);
    return { file, mtime: fs.statSync(file).mtimeMs };
  });
  records.sort((a, b) => b.mtime - a.mtime);
  for (const r of records.slice(keep)) fs.rmSync(r.file, { force: true });
}
