/**
 * The webview bundles users get carry no test seams: nothing the browser tests drive or read is
 * in dist/webview/*.js (the tests read pixels and text; the timing tests build their own bundle,
 * timing/entry.ts, with its hooks). Reads the build's output: `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/run-cli.js';

/** Names only test hooks have had (the globals they set and what they offered). */
const HOOK_NAMES = ['__rankscopeDiagram', '__rankscopeTiming', '__rankscopeBench', 'installTestHooks', 'installTimingHooks', 'takeFrameLog', 'logFrames', 'zoomTo', 'labelsAt', 'timeLabels', 'whereIs'];

function built(file: string): string {
  const at = path.join(ROOT, 'dist', 'webview', file);
  assert.ok(fs.existsSync(at), `${at} is missing: run npm run build first`);
  return fs.readFileSync(at, 'utf8');
}

describe('shipped webview bundles', () => {
  for (const bundle of ['sequence', 'bench']) {
    it(`dist/webview/${bundle}.js has no test hooks`, () => {
      const js = built(`${bundle}.js`);
      assert.deepEqual(HOOK_NAMES.filter((name) => js.includes(name)), []);
    });

    it(`dist/webview/${bundle}.js is built from no test file`, () => {
      const sources = (JSON.parse(built(`${bundle}.js.map`)) as { sources: string[] }).sources;
      assert.ok(sources.some((s) => s.includes(`webview/${bundle}/main.ts`)), sources.join('\n'));
      assert.deepEqual(sources.filter((s) => /(^|\/)test\/|test-hooks/.test(s)), []);
    });
  }
});
