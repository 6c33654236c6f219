// What an editor needs to type-check a Rankscope program with nothing installed, built into dist/:
// - dist/types/: declarations of the public API (runtime/api/*.ts and what it exposes), with
//   their doc comments, made by tsc from tsconfig.types.json; the entry points reference Node's
//   types, which ship beside them (dist/types/node_modules/@types/node and its undici-types) so a
//   folder without node_modules finds them too;
// - dist/ts-plugin.cjs: the TypeScript server plugin (extension/ts-plugin/) that resolves
//   `rankscope…` imports to those declarations in VS Code.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const NODE_TYPES_REFERENCE = '/// <reference types="node" />\n';

export async function buildTypes(esbuild, cjsNode) {
  await Promise.all([declarations(), esbuild.build({
    ...cjsNode, entryPoints: ['extension/ts-plugin/index.ts'], outfile: 'dist/ts-plugin.cjs',
    // tsserver require()s a plugin and calls what module.exports is.
    footer: { js: 'module.exports = module.exports.default;' },
  })]);
}

async function declarations() {
  rmSync('dist/types', { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.types.json']);
  for (const entry of readdirSync('dist/types/api')) {
    const file = `dist/types/api/${entry}`;
    writeFileSync(file, NODE_TYPES_REFERENCE + readFileSync(file, 'utf8'));
  }
  for (const pkg of ['@types/node', 'undici-types']) {
    cpSync(`node_modules/${pkg}`, `dist/types/node_modules/${pkg}`, { recursive: true, filter: (f) => !f.endsWith('.md') });
  }
}
