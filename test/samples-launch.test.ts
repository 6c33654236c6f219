/** samples/.vscode/launch.json: a rankscope configuration per sample, with the rank count its header says. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers/run-cli.js';

const DIRS = ['mpi', 'multiprocessing'];
const read = (dir: string, f: string): string => fs.readFileSync(path.join(ROOT, 'samples', dir, f), 'utf8');
const tsFiles = (dir: string): string[] => fs.readdirSync(path.join(ROOT, 'samples', dir)).filter((x) => x.endsWith('.ts')).sort();

/**
 * The files other samples import (`from './numpy-format.js'`): shared code, not programs to run,
 * so they carry no `// Run:` header. Every other file is a sample.
 */
function helpers(dir: string): Set<string> {
  const imported = tsFiles(dir).flatMap((f) => [...read(dir, f).matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `${m[1]}.ts`));
  return new Set(imported);
}

describe('samples launch.json', () => {
  const launch = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples/.vscode/launch.json'), 'utf8')) as { configurations: { type: string; program: string; np?: number; mode?: string }[] };

  it('says in every sample how to run it: a `// Run: rankscope run …` header', () => {
    const missing = DIRS.flatMap((dir) => tsFiles(dir).filter((f) => !helpers(dir).has(f) && !/^\/\/ Run: rankscope run /m.test(read(dir, f))).map((f) => `${dir}/${f}`));
    assert.deepEqual(missing, [], 'samples without a `// Run: rankscope run …` header');
  });

  it('runs the open file first (F5 on any sample), then has one entry per sample with its rank count', () => {
    assert.equal(launch.configurations[0].program, '${file}');
    let samples = 0;
    for (const dir of DIRS) {
      for (const f of tsFiles(dir).filter((x) => !helpers(dir).has(x))) {
        const header = /^\/\/ Run: rankscope run(?: -n (\d+))?/m.exec(read(dir, f));
        assert.ok(header, `samples/${dir}/${f} has no \`// Run: rankscope run …\` header`);
        const c = launch.configurations.find((x) => x.program === `\${workspaceFolder}/${dir}/${f}`);
        assert.ok(c, `no launch configuration for ${dir}/${f}`);
        assert.equal(c.type, 'rankscope');
        if (header[1]) assert.equal(c.np, Number(header[1]), `${dir}/${f}`);
        else assert.equal(c.mode, 'multiprocessing', `${dir}/${f}`);
        samples++;
      }
    }
    // The loop above checked every sample: an empty folder listing would pass it silently.
    assert.ok(samples >= 25, `only ${samples} samples found`);
  });

  it('has no configuration for a file that is not a sample', () => {
    const programs = launch.configurations.map((c) => c.program).filter((p) => p !== '${file}');
    for (const p of programs) {
      const [dir, f] = p.replace('${workspaceFolder}/', '').split('/');
      assert.ok(DIRS.includes(dir) && tsFiles(dir).includes(f), `${p}: no such sample`);
      assert.ok(!helpers(dir).has(f), `${p} is shared code other samples import, not a program to run`);
    }
  });
});
