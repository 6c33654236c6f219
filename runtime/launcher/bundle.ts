/**
 * Bundles the user's program once, before any rank starts: ESM (top-level await works), types
 * stripped, `rankscope/*` resolved to our runtime wherever the program lives, with a source map so
 * stacks and call sites point at the user's `.ts` lines.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PUBLIC_ENTRIES } from './paths.js';

export class BundleError extends Error {}

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

export async function bundleProgram(program: string, outDir: string): Promise<string> {
  const abs = path.resolve(program);
  if (!fs.existsSync(abs)) throw new BundleError(`rankscope: program not found: ${program}`);
  if (!fs.statSync(abs).isFile()) throw new BundleError(`rankscope: ${program} is not a file`);
  if (!EXTENSIONS.includes(path.extname(abs))) {
    throw new BundleError(`rankscope: ${program}: expected a .ts, .mts, .js or .mjs file`);
  }
  const outfile = path.join(outDir, 'program.mjs');
  try {
    await esbuild.build({
      entryPoints: [abs],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      keepNames: true,
      banner: { js: BANNER },
      plugins: [rankscopeImports],
      logLevel: 'silent',
      absWorkingDir: path.dirname(abs),
    });
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    if (!failure.errors) throw err;
    const lines = failure.errors.map((e) => {
      const where = e.location ? `${path.relative(process.cwd(), path.resolve(path.dirname(abs), e.location.file)) || e.location.file}:${e.location.line}:${e.location.column + 1}: ` : '';
      return `${where}error: ${e.text}`;
    });
    throw new BundleError(`rankscope: cannot build ${program}:\n${lines.join('\n')}`);
  }
  return outfile;
}
