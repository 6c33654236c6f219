/**
 * Reuses the bundle of a program whose sources have not changed since it was last built, as
 * tsx and ts-node cache their output: a re-run starts its ranks without loading esbuild at all.
 * Each build gets a directory of its own, never overwritten, so a job still running from an older
 * build keeps its files. `RANKSCOPE_NO_CACHE=1` turns the cache off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleProgram, type Bundle } from './bundle.js';
import { RUNTIME_DIR } from './paths.js';

interface Manifest {
  build: string;
  usesMultiprocessing: boolean;
  /** [absolute path, mtime in ms, size] of every input. */
  inputs: [string, number, number][];
}

const ROOT = path.join(os.tmpdir(), 'rankscope-cache');
/** How bundles are laid out (bundle.ts); a change of layout must not reuse older builds. 2: the runtime in chunks of its own. */
const LAYOUT = 2;
/** Older builds kept per program (a job may still be running one). */
const KEEP = 3;

function stamp(file: string): [string, number, number] | undefined {
  try {
    const st = fs.statSync(file);
    return [file, st.mtimeMs, st.size];
  } catch {
    return undefined;
  }
}

function fresh(m: Manifest): boolean {
  return m.inputs.every(([file, mtime, size]) => {
    const now = stamp(file);
    return now !== undefined && now[1] === mtime && now[2] === size;
  });
}

export async function cachedBundle(program: string, scratchDir: string): Promise<Bundle> {
  const abs = path.resolve(program);
  if (process.env.RANKSCOPE_NO_CACHE === '1') return bundleProgram(abs, scratchDir);
  const dir = path.join(ROOT, createHash('sha1').update(`${abs}\0${RUNTIME_DIR}\0${process.version}\0${LAYOUT}`).digest('hex').slice(0, 16));
  const manifestFile = path.join(dir, 'manifest.json');
  try {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const file = path.join(dir, m.build, 'program.mjs');
    if (fresh(m) && fs.existsSync(file)) return { file, usesMultiprocessing: m.usesMultiprocessing, inputs: m.inputs.map((i) => i[0]) };
  } catch {
    // no cache yet, or an unreadable one: build
  }
  const build = `${Date.now().toString(36)}-${process.pid}`;
  const outDir = path.join(dir, build);
  fs.mkdirSync(outDir, { recursive: true });
  const bundle = await bundleProgram(abs, outDir);
  // The inputs are known only once built; a file edited during the build (a few ms) is missed.
  const stamps = bundle.inputs.map(stamp).filter((x): x is [string, number, number] => x !== undefined);
  const manifest: Manifest = { build, usesMultiprocessing: bundle.usesMultiprocessing, inputs: stamps };
  const tmp = `${manifestFile}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(manifest));
  fs.renameSync(tmp, manifestFile);
  prune(dir, build);
  return bundle;
}

function prune(dir: string, keep: string): void {
  const builds = fs.readdirSync(dir).filter((d) => d !== 'manifest.json' && !d.includes('.json.')).sort();
  for (const old of builds.slice(0, Math.max(0, builds.length - KEEP))) {
    if (old !== keep) fs.rmSync(path.join(dir, old), { recursive: true, force: true });
  }
}
