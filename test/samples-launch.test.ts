/** samples/.vscode/launch.json: a rankscope configuration per sample, with the rank count its header says. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers/run-cli.js';

describe('samples launch.json', () => {
  const launch = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples/.vscode/launch.json'), 'utf8')) as { configurations: { type: string; program: string; np?: number; mode?: string }[] };

  it('runs the open file first (F5 on any sample), then has one entry per sample with its rank count', () => {
    assert.equal(launch.configurations[0].program, '${file}');
    for (const dir of ['mpi', 'multiprocessing']) {
      for (const f of fs.readdirSync(path.join(ROOT, 'samples', dir)).filter((x) => x.endsWith('.ts'))) {
        const header = /^\/\/ Run: rankscope run(?: -n (\d+))?/m.exec(fs.readFileSync(path.join(ROOT, 'samples', dir, f), 'utf8'));
        if (!header) continue;
        const c = launch.configurations.find((x) => x.program === `\${workspaceFolder}/${dir}/${f}`);
        assert.ok(c, `no launch configuration for ${dir}/${f}`);
        assert.equal(c.type, 'rankscope');
        if (header[1]) assert.equal(c.np, Number(header[1]), `${dir}/${f}`);
        else assert.equal(c.mode, 'multiprocessing', `${dir}/${f}`);
      }
    }
  });
});
