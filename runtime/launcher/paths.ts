/** Where the runtime sources are, whether we run from `runtime/` (tests) or from the built `dist/`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRuntimeDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '..'), path.resolve(here, '../runtime'), path.resolve(here, 'runtime')]) {
    if (fs.existsSync(path.join(candidate, 'rank', 'api', 'mpi.ts'))) return candidate;
  }
  throw new Error(`rankscope: cannot find the runtime sources near ${here}; reinstall Rankscope`);
}

export const RUNTIME_DIR = findRuntimeDir();

/** The module each public import specifier resolves to. */
export const PUBLIC_ENTRIES: Record<string, string> = {
  rankscope: path.join(RUNTIME_DIR, 'rank', 'api', 'index.ts'),
  'rankscope/mpi': path.join(RUNTIME_DIR, 'rank', 'api', 'mpi.ts'),
  'rankscope/multiprocessing': path.join(RUNTIME_DIR, 'rank', 'api', 'multiprocessing.ts'),
};

/** Imported by every program's entry module: gives the runtime the module's own exports. */
export const ENTRY_HOOKS = path.join(RUNTIME_DIR, 'rank', 'entry-hooks.ts');
