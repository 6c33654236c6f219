/**
 * `rankscope init`: in a folder with one program and nothing else, it writes a tsconfig.json with
 * which TypeScript (what every editor runs) finds no problem in the program; before, it finds many.
 * An existing tsconfig.json is not overwritten.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, runCommand } from './helpers/run-cli.js';
import { USER_PROGRAM } from './helpers/user-program.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');


describe('rankscope init', function () {
  this.timeout(180000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-init-'));
    fs.writeFileSync(path.join(dir, 'prog.ts'), USER_PROGRAM);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a tsconfig.json with which the program type-checks', async () => {
    const before = await runCommand(process.execPath, [TSC, '--noEmit', '--module', 'preserve', '--target', 'es2022', path.join(dir, 'prog.ts')], { cwd: dir });
    assert.match(before.stdout, /Cannot find module 'rankscope\/mpi'/);
    const init = await runCli(['init'], { cwd: dir });
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /wrote .*tsconfig\.json/);
    const check = await runCommand(process.execPath, [TSC, '-p', dir], { cwd: dir });
    assert.equal(`${check.stdout}${check.stderr}`, '');
    assert.equal(check.code, 0);
  });

  it('leaves an existing tsconfig.json alone and says what it needs', async () => {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{}\n');
    const init = await runCli(['init', dir]);
    assert.equal(init.code, 1);
    assert.match(init.stderr, /exists and is left as it is.*\n[\s\S]*"rankscope\/mpi"/);
    assert.equal(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'), '{}\n');
  });
});
