/**
 * A child's uncaught error, shown as Python's traceback shows it: under each frame in the user's
 * own files, the source line it was running (`1/0 # MARKER` in CPython's test_stderr_flush).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FRAME = /^(\s+at .*?\(?)((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/;

/** `stack` with the source line added under each frame that is in the user's program (not the runtime's or a package's). */
export function withSourceLines(stack: string, program: string | undefined): string {
  const dir = program ? path.dirname(path.resolve(program)) : undefined;
  const files = new Map<string, string[] | undefined>();
  return stack
    .split('\n')
    .flatMap((line) => {
      const m = FRAME.exec(line);
      if (!m) return [line];
      const file = m[2].startsWith('file://') ? fileURLToPath(m[2]) : m[2];
      if (file.includes(`${path.sep}node_modules${path.sep}`) || (dir && !file.startsWith(dir))) return [line];
      if (!files.has(file)) files.set(file, readLines(file));
      const src = files.get(file)?.[Number(m[3]) - 1]?.trim();
      return src ? [line, `        ${src}`] : [line];
    })
    .join('\n');
}

function readLines(file: string): string[] | undefined {
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
}
