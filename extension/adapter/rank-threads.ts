/**
 * Ranks and processes as DAP threads: one thread per process of the job, named with what it is
 * doing right now ("rank 3 — blocked in recv(source=0) at ring.ts:14"), and a stack that points
 * at the pending call, or at the frames of the error that ended it.
 */
import * as path from 'node:path';
import { Source, StackFrame, Thread } from '@vscode/debugadapter';
import { RUNTIME_DIR, type ProcessInfo } from '../../runtime/launcher/index.js';
import { isUserSource } from '../../runtime/contract/site-table.js';

/** DAP thread ids start at 1; process index i is thread i + 1. */
export const threadId = (index: number): number => index + 1;
export const indexOf = (threadId: number): number => threadId - 1;

export function describeState(r: ProcessInfo): string {
  switch (r.status) {
    case 'starting':
      return 'starting';
    case 'running':
      return 'running';
    case 'blocked': {
      const op = r.pending!;
      return `blocked in ${op.text}${op.site ? ` at ${path.basename(op.site.file)}:${op.site.line}` : ''}`;
    }
    case 'finished':
      return 'finished (exit code 0)';
    case 'failed':
      return r.signal ? `killed by ${r.signal}` : `crashed (exit code ${r.exitCode})`;
  }
}

export function rankThreads(processes: readonly ProcessInfo[]): Thread[] {
  return processes.map((r) => new Thread(threadId(r.index), `${r.name} — ${describeState(r)}`));
}

/** One V8 stack line: `    at fn (/abs/file.ts:12:5)` or `    at /abs/file.ts:12:5`. */
const STACK_LINE = /^\s*at (?:(.*?) \()?(?:file:\/\/)?(\/[^:()]+):(\d+):(\d+)\)?$/;

export function rankFrames(r: ProcessInfo): StackFrame[] {
  const frames: StackFrame[] = [];
  const op = r.pending;
  if (op) {
    const src = op.site ? new Source(path.basename(op.site.file), op.site.file) : undefined;
    frames.push(new StackFrame(frameId(r.index, 0), `${op.text} (blocked)`, src, op.site?.line ?? 0, op.site?.column ?? 0));
  }
  if (r.error) {
    // Only the user's frames: the runtime's own (runtime/rank/mpi/comm.ts, where an MPI error is thrown)
    // would open an internal file at the stop, and F5 there would run it.
    for (const line of r.error.stack.split('\n').slice(1)) {
      const m = STACK_LINE.exec(line);
      if (!m || !isUserSource(m[2], RUNTIME_DIR) || m[2].startsWith('/node:')) continue;
      frames.push(new StackFrame(frameId(r.index, frames.length), m[1] ?? '<module>', new Source(path.basename(m[2]), m[2]), Number(m[3]), Number(m[4])));
    }
    if (frames.length === 0) frames.push(new StackFrame(frameId(r.index, 0), r.error.message));
  }
  if (frames.length === 0) frames.push(new StackFrame(frameId(r.index, 0), describeState(r)));
  return frames;
}

/** Frame ids encode the process and the depth, so no table has to be kept between requests. */
function frameId(index: number, depth: number): number {
  return index * 1000 + depth + 1;
}
