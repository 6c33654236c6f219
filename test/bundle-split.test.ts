/**
 * The user's module holds only what the user wrote: the runtime (and esbuild's helpers) live in a
 * chunk beside it, so a debugger's Module scope, stopped in the program, lists the program's own
 * top-level bindings and none of ours (`__defProp`, `abortReport`, …).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleProgram } from '../runtime/launcher/bundle.js';
import { ROOT } from './helpers/run-cli.js';

/** The top-level names a module declares or imports (enough for esbuild's output). */
function topLevelNames(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(/^(?:var|let|const|function\*?|async function|class)\s+([\w$]+)/gm)) names.push(m[1]);
  for (const m of code.matchAll(/^import\s*\{([^}]*)\}/gm)) {
    for (const part of m[1].split(',')) if (part.trim()) names.push(part.trim().split(/\s+as\s+/).pop()!);
  }
  return names;
}

describe('the bundle', () => {
  it('keeps the runtime out of the entry module: its scope is the program\'s bindings', async () => {
    const program = path.join(ROOT, 'samples', 'mpi', 'hello-world.ts');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-split-'));
    const { file } = await bundleProgram(program, out);
    const code = fs.readFileSync(file, 'utf8');
    const names = topLevelNames(code);
    for (const name of ['comm', 'rank', 'MPI']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const ours = names.filter((n) => !['comm', 'rank', 'MPI', 'require', 'hello_world_exports'].includes(n));
    assert.deepEqual(ours, [], `runtime bindings in the entry module:\n${code}`);
    assert.ok(!/__defProp|abortReport|__esm/.test(code), code);
    // The chunks the entry imports are beside it (a `--bundle-only` output is moved as a folder).
    for (const m of code.matchAll(/from\s+"(\.\/[^"]+)"|import\s+"(\.\/[^"]+)"/g)) {
      assert.ok(fs.existsSync(path.join(out, m[1] ?? m[2])), `${m[1] ?? m[2]} beside ${file}`);
    }
  });
});

describe('the bundle\'s facts', () => {
  it('says whether the program itself uses multiprocessing (the runtime chunk holds both APIs)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-split-'));
    const mpi = await bundleProgram(path.join(ROOT, 'samples', 'mpi', 'hello-world.ts'), out);
    assert.equal(mpi.usesMultiprocessing, false);
    const mpDir = path.join(ROOT, 'samples', 'multiprocessing');
    const mpSample = fs.readdirSync(mpDir).find((f) => f.endsWith('.ts') && fs.readFileSync(path.join(mpDir, f), 'utf8').includes("'rankscope/multiprocessing'"));
    assert.ok(mpSample, 'a multiprocessing sample');
    const mp = await bundleProgram(path.join(mpDir, mpSample), fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-split-')));
    assert.equal(mp.usesMultiprocessing, true);
  });
});
