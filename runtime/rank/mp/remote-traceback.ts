/**
 * Python's `multiprocessing.pool.RemoteTraceback`: a task's error, raised again in the caller, has
 * as its `cause` the worker's traceback, with the source line of each frame (as Python prints them),
 * so the line that failed in the worker shows in the caller's report.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The worker's traceback of a task's error: `err.cause` of the error a Pool call raises. */
export class RemoteTraceback extends Error {
  /** The worker's stack, each frame followed by its source line. */
  readonly tb: string;
  constructor(tb: string) {
    super(tb);
    this.name = 'RemoteTraceback';
    this.tb = tb;
    // What Node prints for the cause is its stack: the remote traceback, as Python's str() of it.
    this.stack = `RemoteTraceback: \n"""\n${tb}"""`;
  }
}

const FRAME = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/;
const sources = new Map<string, string[] | null>();

function sourceLine(file: string, line: number): string | undefined {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  if (!sources.has(path)) {
    try {
      sources.set(path, fs.readFileSync(path, 'utf8').split('\n'));
    } catch {
      sources.set(path, null);
    }
  }
  return sources.get(path)?.[line - 1]?.trim();
}

/** `err`'s stack with the source line under each frame that names a readable file (in the worker). */
export function formatTraceback(err: unknown): string {
  const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const out: string[] = [];
  for (const l of stack.split('\n')) {
    out.push(l);
    const m = /^\s+at /.test(l) ? FRAME.exec(l) : null;
    const src = m && !m[1].includes('/node_modules/') && !m[1].startsWith('node:') ? sourceLine(m[1], Number(m[2])) : undefined;
    if (src) out.push(`    ${src}`);
  }
  return `${out.join('\n')}\n`;
}
