/**
 * A `Run` (run.ts) carried over a local socket, so a viewer in another process (the VS Code
 * extension attaching to a `rankscope run` started in a terminal) watches it as if it were its own.
 * Newline-delimited JSON: the publisher greets with `hello` (the run's info); once the viewer says
 * `subscribe` it sends every event of the run (a replay, then live); the viewer may send commands. Versioned so two
 * Rankscope versions never misread each other silently.
 */
import * as fs from 'node:fs';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { Outcome, RunEvent, RunInfo } from './run.js';

/** Bump on any incompatible change of these messages or of the Run events they carry. */
export const RUN_WIRE_VERSION = 1;

export type PublisherToViewer =
  | { t: 'hello'; v: number; info: RunInfo }
  | { t: 'event'; e: RunEvent };

export type RunCommand = 'pause' | 'resume' | 'stop';

export type ViewerToPublisher =
  /** Start sending the run (replay, then live); a viewer that only checks the run is there never does. */
  | { t: 'subscribe' }
  /**
   * `processes` (pause only): those processes instead of all. Added without a version bump: a
   * publisher that predates it pauses every process, which is what a viewer asked before.
   */
  | { t: 'command'; command: RunCommand; processes?: number[] };

/** Where a working folder's published runs are listed: descriptors of live ones, records of ended ones. */
export function runsFolder(folder: string): string {
  return path.join(folder, '.rankscope', 'runs');
}

/**
 * What a publisher writes in `<cwd>/.rankscope/runs/<pid>.json` while its run lives: where its
 * socket listens and what the run is (so a list of runs needs no connection for the labels).
 */
export interface RunDescriptor {
  v: number;
  socket: string;
  info: RunInfo;
}

/** A descriptor or a publisher that this Rankscope cannot read: says which versions met. */
export class RunWireError extends Error {}

/** The error for a peer of another wire version, naming both. */
export function versionMismatch(where: string, theirs: unknown): RunWireError {
  return new RunWireError(`${where} speaks run protocol v${String(theirs)}, this Rankscope v${RUN_WIRE_VERSION}: attach with the Rankscope version that started the run`);
}

/** Writes one message as one line. */
export function writeLine(socket: net.Socket, msg: PublisherToViewer | ViewerToPublisher): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(msg)}\n`);
}

/**
 * Calls `onMessage` with each complete line of `socket` parsed as JSON; a line that is not JSON
 * goes to `onBad` (the peer is not a Rankscope run) and the rest of the stream is ignored.
 */
export function readLines(socket: net.Socket, onMessage: (msg: unknown) => void, onBad: (text: string) => void): void {
  let pending = '';
  let bad = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    if (bad) return;
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.length === 0) continue;
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        bad = true;
        onBad(line.slice(0, 80));
        return;
      }
      onMessage(msg);
    }
  });
}

/** Reads a descriptor's text; throws RunWireError when it is not one this Rankscope reads. */
export function parseDescriptor(file: string, text: string): RunDescriptor {
  let d: Partial<RunDescriptor>;
  try {
    d = JSON.parse(text) as Partial<RunDescriptor>;
  } catch (e) {
    throw new RunWireError(`${file} is not a Rankscope run descriptor: ${(e as Error).message}`);
  }
  if (typeof d !== 'object' || d === null || typeof d.v !== 'number') throw new RunWireError(`${file} is not a Rankscope run descriptor (no version)`);
  if (d.v !== RUN_WIRE_VERSION) throw versionMismatch(`the run of ${file}`, d.v);
  if (typeof d.socket !== 'string' || typeof d.info !== 'object' || d.info === null) throw new RunWireError(`${file} is not a Rankscope run descriptor (no socket or info)`);
  return d as RunDescriptor;
}

/** The key of an ended record's first line (run-record-file.ts writes it). */
export const RECORD_HEAD_KEY = 'rankscopeRun';
/** The key of an ended record's processes as last seen (a ProcessInfo[]). */
export const RECORD_PROCESSES_KEY = 'rankscopeProcesses';

/** What an ended record says of its run on its first line. */
export interface EndedRecordHead {
  v: number;
  info: RunInfo;
  outcome: Outcome;
  exitCode: number;
  /** Wall-clock end, ms since the epoch. */
  endedAt: number;
  /** Trace events the record left out (past its cap). */
  skipped: number;
}

/** Reads an ended record's first line only (the trace after it can be large). */
export function readRecordHead(file: string): EndedRecordHead {
  const fd = fs.openSync(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    text = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
  const prefix = `{${JSON.stringify(RECORD_HEAD_KEY)}:`;
  const nl = text.indexOf('\n');
  if (!text.startsWith(prefix) || nl < 0 || text[nl - 1] !== ',') throw new RunWireError(`${file} is not a Rankscope run record`);
  let head: Partial<EndedRecordHead>;
  try {
    head = JSON.parse(text.slice(prefix.length, nl - 1)) as Partial<EndedRecordHead>;
  } catch {
    throw new RunWireError(`${file} is not a Rankscope run record`);
  }
  if (head.v !== RUN_WIRE_VERSION) throw versionMismatch(`the record ${file}`, head.v);
  return head as EndedRecordHead;
}
