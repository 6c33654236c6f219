/**
 * What "Rankscope: Open the Samples" makes: a copy of samples/ somewhere else, with its
 * tsconfig.json and nothing installed. Checked with that tsconfig and the plugin, every sample has
 * no problems (the tsconfig must hold where the copy lands: no ../runtime paths, no @types to find).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';
import { languageService, optionsOf, problems, requireDeclarations } from './language-service.js';

describe('ts plugin: the samples copied out of the extension', function () {
  this.timeout(300000);
  let copy: string;
  before(() => {
    requireDeclarations();
    copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rankscope-samples-')), 'rankscope-samples');
    fs.cpSync(path.join(ROOT, 'samples'), copy, { recursive: true });
  });
  after(() => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));

  it('have no problems, every one of them', () => {
    const files = fs.readdirSync(copy, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(copy, f));
    assert.ok(files.length > 20, `only ${files.length} samples`);
    const service = languageService(files, optionsOf(copy));
    assert.deepEqual(files.flatMap((f) => problems(service, f)), []);
  });
});

describe('the samples in the repository, opened directly', function () {
  this.timeout(300000);

  // A development host (F5 on this repository) loads no TypeScript server plugin: samples/ find
  // the declarations through the package's own "exports" (TypeScript resolves a package's name
  // inside it to itself).
  it('have no problems without the plugin', () => {
    requireDeclarations();
    const samples = path.join(ROOT, 'samples');
    const files = fs.readdirSync(samples, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(samples, f));
    const service = languageService(files, optionsOf(samples), false);
    assert.deepEqual(files.flatMap((f) => problems(service, f)), []);
  });
});
