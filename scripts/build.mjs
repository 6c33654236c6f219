// Builds what the package runs: the CLI (dist/cli.js), the extension (dist/extension.cjs), its debug
// adapter for stdio use (dist/adapter.cjs) and the webviews (dist/webview/*: the sequence diagram
// and the benchmark panel). The runtime that ranks load is bundled into each user program at
// launch from runtime/ sources, so it needs no build step here.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { buildTypes } from './build-types.mjs';

const watch = process.argv.includes('--watch');
// --production (npm run package): minified, and no source maps to ship in the VSIX.
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };
// The extension is CommonJS (what every VS Code 1.100 loads); runtime/ code asks import.meta.url
// where it lives, which CommonJS spells __filename.
const cjsNode = {
  ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'esbuild'],
  define: { 'import.meta.url': '__rankscopeImportMetaUrl' },
  banner: { js: "const __rankscopeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const builds = [
  { ...common, entryPoints: ['runtime/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'esm', target: 'node20', external: ['esbuild'], define: { RANKSCOPE_VERSION: JSON.stringify(version) } },
  { ...cjsNode, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.cjs' },
  { ...cjsNode, entryPoints: ['extension/adapter/stdio.ts'], outfile: 'dist/adapter.cjs' },
  { ...common, entryPoints: ['webview/sequence/main.ts'], outfile: 'dist/webview/sequence.js', platform: 'browser', format: 'iife', target: 'chrome120' },
  { ...common, entryPoints: ['webview/bench/main.ts'], outfile: 'dist/webview/bench.js', platform: 'browser', format: 'iife', target: 'chrome120', loader: { '.css': 'text' } },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all([...builds.map((b) => esbuild.build(b)), buildTypes(esbuild, cjsNode)]);
  chmodSync('dist/cli.js', 0o755);
}
