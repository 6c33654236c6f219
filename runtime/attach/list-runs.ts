/**
 * The runs published in a working folder (`.rankscope/runs`): live ones whose socket answers, then
 * the records ended ones left, each newest first. A descriptor whose process is gone (killed before
 * it could clean up) is removed on the way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunInfo } from '../contract/run.js';
import { parseDescriptor, readRecordHead, runsFolder, RunWireError, type EndedRecordHead, type RunDescriptor } from '../contract/run-wire.js';
import { probe } from './run-client.js';

export type ListedRun =
  | { kind: 'live'; file: string; descriptor: RunDescriptor; info: RunInfo }
  /** `file` is a trace file the diagram opens. */
  | { kind: 'ended'; file: string; head: EndedRecordHead; info: RunInfo }
  /** A descriptor or record this Rankscope cannot use (another version, say), with why. */
  | { kind: 'unreadable'; file: string; error: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function listRuns(folder: string): Promise<ListedRun[]> {
  const dir = runsFolder(folder);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const live: Promise<ListedRun | undefined>[] = [];
  const ended: ListedRun[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.ended.json')) {
      try {
        const head = readRecordHead(file);
        ended.push({ kind: 'ended', file, head, info: head.info });
      } catch (e) {
        ended.push({ kind: 'unreadable', file, error: (e as Error).message });
      }
    } else if (/^\d+\.json$/.test(name)) live.push(liveRun(file, Number(name.slice(0, -5))));
  }
  const found = (await Promise.all(live)).filter((r) => r !== undefined);
  const startedAt = (r: ListedRun): number => (r.kind === 'unreadable' ? 0 : r.info.startedAt);
  const endedAt = (r: ListedRun): number => (r.kind === 'ended' ? r.head.endedAt : 0);
  found.sort((a, b) => startedAt(b) - startedAt(a));
  ended.sort((a, b) => endedAt(b) - endedAt(a));
  return [...found, ...ended];
}

async function liveRun(file: string, pid: number): Promise<ListedRun | undefined> {
  let descriptor: RunDescriptor;
  try {
    descriptor = parseDescriptor(file, fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // it just ended
    if (!alive(pid)) return forget(file);
    return { kind: 'unreadable', file, error: (e as Error).message };
  }
  if (!alive(pid)) return forget(file, descriptor.socket);
  try {
    await probe(descriptor);
  } catch (e) {
    if (!(e instanceof RunWireError)) throw e;
    // Ended between our reading and probing: its record is listed next time.
    if (!fs.existsSync(file)) return undefined;
    return { kind: 'unreadable', file, error: e.message };
  }
  return { kind: 'live', file, descriptor, info: descriptor.info };
}

/** A descriptor left by a process that died without cleaning up. */
function forget(file: string, socket?: string): undefined {
  fs.rmSync(file, { force: true });
  if (socket && process.platform !== 'win32') fs.rmSync(socket, { force: true });
  return undefined;
}
