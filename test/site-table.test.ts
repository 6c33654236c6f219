/**
 * A bundle's site table (protocol/site-table.ts) must say what the bundle's full source map says
 * for every position in the user's code, and nothing for the runtime's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleProgram } from '../runtime/launcher/bundle.js';
import { RUNTIME_DIR } from '../runtime/launcher/paths.js';
import { siteAt, siteTablePath, type SiteTable } from '../runtime/contract/site-table.js';
import { ROOT } from './helpers/run-cli.js';

describe('site tables', () => {
  it('map the user\'s positions as the source map does, and no runtime position', async () => {
    const program = path.join(ROOT, 'samples', 'mpi', 'point-to-point.ts');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-sites-'));
    await bundleProgram(program, out);
    let user = 0;
    let runtime = 0;
    // The program's module and the runtime's chunks beside it: each script a rank runs has a table.
    for (const file of fs.readdirSync(out).filter((f) => f.endsWith('.mjs')).map((f) => path.join(out, f))) {
    const table = JSON.parse(fs.readFileSync(siteTablePath(file), 'utf8')) as SiteTable;
    const map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      for (let col = 0; col < text.length; col += 7) {
        const e = map.findEntry(i, col) as { generatedLine?: number; originalSource?: string; originalLine?: number; originalColumn?: number };
        const site = siteAt(table, i + 1, col + 1);
        if (e.generatedLine !== i || !e.originalSource) continue;
        const source = e.originalSource.startsWith('file:') ? new URL(e.originalSource).pathname : path.resolve(out, e.originalSource);
        if (source === program) {
          user++;
          assert.deepEqual(site, { file: program, line: e.originalLine! + 1, column: e.originalColumn! + 1 }, `bundle ${i + 1}:${col + 1}`);
        } else if (source.startsWith(RUNTIME_DIR)) {
          runtime++;
          assert.equal(site, null, `bundle ${i + 1}:${col + 1} is the runtime's`);
        }
      }
    });
    }
    assert.ok(user > 20 && runtime > 1000, `positions checked: ${user} user, ${runtime} runtime`);
  });
});
