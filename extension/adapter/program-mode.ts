/**
 * Which kind of program a file is, read from its imports (and those of the local modules it
 * imports): an MPI program runs as N ranks, a multiprocessing program runs once, as its main
 * process, and starts the others itself. Read before the launch, so a multiprocessing program
 * started from an MPI configuration (`"np": 9`) runs once instead of nine times.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProgramImports {
  mpi: boolean;
  multiprocessing: boolean;
}

/** `from 'x'`, `import 'x'`, `import('x')`, `require('x')`: the specifier. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
/** Enough for a course program and its helpers; a big project needs no guess (it has launch.json). */
const MAX_FILES = 50;

export function programImports(program: string): ProgramImports {
  const found: ProgramImports = { mpi: false, multiprocessing: false };
  const seen = new Set<string>();
  const queue = [program];
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [, spec] of text.matchAll(SPECIFIER)) {
      if (spec === 'rankscope/mpi') found.mpi = true;
      else if (spec === 'rankscope/multiprocessing') found.multiprocessing = true;
      else if (spec.startsWith('.')) {
        const local = resolveLocal(path.resolve(path.dirname(file), spec));
        if (local) queue.push(local);
      }
    }
  }
  return found;
}

/** `./helper.js` written for a `helper.ts` file resolves to it, as esbuild and tsc resolve it. */
function resolveLocal(base: string): string | undefined {
  const stems = /\.[mc]?js$/.test(base) ? [base.replace(/\.([mc]?)js$/, '.$1ts'), base] : [base];
  for (const stem of stems) {
    for (const ext of EXTENSIONS) {
      const candidate = stem + ext;
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
  }
  return undefined;
}

/** Whether a file imports any `rankscope` module: F5 on it means a Rankscope run. */
export function importsRankscope(text: string): boolean {
  for (const [, spec] of text.matchAll(SPECIFIER)) if (spec === 'rankscope' || spec.startsWith('rankscope/')) return true;
  return false;
}
