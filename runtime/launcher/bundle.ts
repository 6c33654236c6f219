/**
 * Bundles the user's program once, before any rank starts: ESM (top-level await works), types
 * stripped, `rankscope/*` resolved to our runtime wherever the program lives, with a source map so
 * stacks and call sites point at the user's `.ts` lines.
 */
// Loaded only when a build is needed: a cached bundle starts its ranks without loading esbuild.
import type * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRY_HOOKS, PUBLIC_ENTRIES, RUNTIME_DIR } from './paths.js';
import { writeSiteTable } from './recorder/site-table-writer.js';
import type { BuildProblem } from '../contract/run.js';

export class BundleError extends Error {
  constructor(message: string, readonly problems: BuildProblem[] = []) {
    super(message);
  }
}

const rankscopeImports: esbuild.Plugin = {
  name: 'rankscope-imports',
  setup(build) {
    build.onResolve({ filter: /^rankscope(\/.*)?$/ }, (args) => {
      const entry = PUBLIC_ENTRIES[args.path];
      if (!entry || !fs.existsSync(entry)) {
        return { errors: [{ text: `'${args.path}' is not a Rankscope module; use 'rankscope', 'rankscope/mpi' or 'rankscope/multiprocessing'` }] };
      }
      return { path: entry };
    });
  },
};

/** Lets bundled CommonJS dependencies call `require` for Node built-ins. */
const BANNER = "import { createRequire as __rankscopeCreateRequire } from 'node:module'; const require = __rankscopeCreateRequire(import.meta.url);";

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];

const LOADERS: Record<string, esbuild.Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

/**
 * The entry module imports itself, so a multiprocessing child can find an exported target or
 * `Process` subclass by name (as Python's spawn re-imports `__main__`), and says when its body has
 * run (through a hidden global the hooks module defines: an import would put its bindings in the
 * user's module scope, which a debugger lists). The prefix shares line 1 (line 2 after a shebang) so every line number stays the user's.
 */
function entryModule(file: string): esbuild.Plugin {
  return {
    name: 'rankscope-entry',
    setup(build) {
      build.onLoad({ filter: /.*/ }, (args) => {
        if (args.path !== file) return undefined;
        const source = fs.readFileSync(file, 'utf8');
        const prefix = `import * as __rankscopeSelf from ${JSON.stringify(file)}; import ${JSON.stringify(ENTRY_HOOKS)}; globalThis.__rankscopeEntry.register(__rankscopeSelf);`;
        const cut = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
        const contents = `${source.slice(0, cut)}${prefix}${source.slice(cut)}\n;globalThis.__rankscopeEntry.done();\n`;
        return { contents, loader: LOADERS[path.extname(file)] ?? 'ts', resolveDir: path.dirname(file) };
      });
    },
  };
}

export interface Bundle {
  file: string;
  /** Whether the program imports `rankscope/multiprocessing` (then warm spares are worth starting). */
  usesMultiprocessing: boolean;
  /** Every source file the bundle was built from (absolute paths), for the cache. */
  inputs: string[];
}

/**
 * A module that re-exports every public entry and the entry hooks. Built as a second entry point
 * with code splitting, it makes esbuild put the whole runtime (and its helpers, `__defProp`, …)
 * into a chunk shared by both entries, so the user's module holds only what the user wrote: a
 * debugger's Module scope lists the program's top-level bindings, not ours. Never written out.
 */
const RUNTIME_ENTRY = 'rankscope-runtime-entry';

const runtimeEntry: esbuild.Plugin = {
  name: 'rankscope-runtime-entry',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${RUNTIME_ENTRY}$`) }, () => ({ path: RUNTIME_ENTRY, namespace: RUNTIME_ENTRY }));
    build.onLoad({ filter: /.*/, namespace: RUNTIME_ENTRY }, () => ({
      contents: [...new Set([...Object.values(PUBLIC_ENTRIES), ENTRY_HOOKS])].filter((f) => fs.existsSync(f)).map((f) => `export * from ${JSON.stringify(f)};`).join('\n'),
      loader: 'ts',
      resolveDir: RUNTIME_DIR,
    }));
  },
};

/**
 * Builds PROGRAM into `outDir/program.mjs` (or into `outfile`), with its source map beside it, and
 * the runtime into a chunk beside it (`<name>.runtime-<hash>.mjs`, imported by the first).
 */
export async function bundleProgram(program: string, outDir: string, outfile = path.join(outDir, 'program.mjs')): Promise<Bundle> {
  const abs = path.resolve(program);
  if (!fs.existsSync(abs)) throw new BundleError(`rankscope: program not found: ${program}`);
  if (!fs.statSync(abs).isFile()) throw new BundleError(`rankscope: ${program} is not a file`);
  if (!EXTENSIONS.includes(path.extname(abs))) {
    throw new BundleError(`rankscope: ${program}: expected a .ts, .mts, .js or .mjs file`);
  }
  const ext = path.extname(outfile) || '.mjs';
  const stem = path.basename(outfile, ext);
  let metafile: esbuild.Metafile;
  let outputFiles: esbuild.OutputFile[];
  const { build } = await import('esbuild');
  try {
    ({ metafile, outputFiles } = await build({
      entryPoints: [{ in: abs, out: stem }, { in: RUNTIME_ENTRY, out: `${stem}.${RUNTIME_ENTRY}` }],
      outdir: path.dirname(outfile),
      outExtension: { '.js': ext },
      splitting: true,
      chunkNames: `${stem}.runtime-[hash]`,
      write: false,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      keepNames: true,
      banner: { js: BANNER },
      // A bundle started by another launcher (`mpiexec`, `srun`) has no RANKSCOPE_* variables:
      // it still knows our sources (to tell the user's frames from ours) and the program's name.
      define: { __RANKSCOPE_RUNTIME_DIR__: JSON.stringify(RUNTIME_DIR), __RANKSCOPE_PROGRAM__: JSON.stringify(abs) },
      plugins: [rankscopeImports, entryModule(abs), runtimeEntry],
      logLevel: 'silent',
      absWorkingDir: path.dirname(abs),
      metafile: true,
    }));
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    if (!failure.errors) throw err;
    const lines = failure.errors.map((e) => {
      const where = e.location ? `${path.relative(process.cwd(), path.resolve(path.dirname(abs), e.location.file)) || e.location.file}:${e.location.line}:${e.location.column + 1}: ` : '';
      return `${where}error: ${e.text}`;
    });
    const problems = failure.errors.flatMap((e) => (e.location ? [{ file: path.resolve(path.dirname(abs), e.location.file), line: e.location.line, column: e.location.column + 1, text: e.text }] : []));
    throw new BundleError(`rankscope: cannot build ${program}:\n${lines.join('\n')}`, problems);
  }
  // The banner's `require` (for bundled CommonJS) is kept only in files that use it: elsewhere it
  // is blanked (not removed, so every line keeps its number) and stays out of the module's scope.
  const text = new Map<string, string | Uint8Array>(outputFiles.map((f) => [f.path, f.contents]));
  for (const f of outputFiles) {
    if (f.path.endsWith('.map') || !f.text.startsWith(BANNER)) continue;
    const rest = f.text.slice(BANNER.length);
    if (!/\brequire\b/.test(rest)) text.set(f.path, rest);
  }
  // The runtime entry's own output (a line of re-exports) is imported by nothing: not written.
  const written = outputFiles.filter((f) => !path.basename(f.path).includes(`.${RUNTIME_ENTRY}.`));
  for (const f of written) fs.writeFileSync(f.path, text.get(f.path)!);
  // Every script a rank runs gets its site table: the chunk's says none of its lines is the user's.
  for (const f of written) if (!f.path.endsWith('.map')) writeSiteTable(f.path, RUNTIME_DIR);
  const inputs = Object.keys(metafile.inputs).filter((input) => !input.startsWith(`${RUNTIME_ENTRY}:`)).map((input) => path.resolve(path.dirname(abs), input));
  return { file: outfile, usesMultiprocessing: reachable(metafile, abs).has(PUBLIC_ENTRIES['rankscope/multiprocessing']), inputs };
}

/**
 * The files the program imports, directly or not (absolute paths). Not `metafile.inputs` alone:
 * the runtime entry makes every public module an input, whichever the program uses.
 */
function reachable(metafile: esbuild.Metafile, entry: string): Set<string> {
  const dir = path.dirname(entry);
  const byPath = new Map(Object.entries(metafile.inputs).map(([input, info]) => [path.resolve(dir, input), info]));
  const seen = new Set<string>([entry]);
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    for (const imp of byPath.get(file)?.imports ?? []) {
      const next = path.resolve(dir, imp.path);
      if (imp.external || seen.has(next)) continue;
      seen.add(next);
      todo.push(next);
    }
  }
  return seen;
}
