// What an editor needs to type-check a Rankscope program with nothing installed, built into dist/:
// - dist/types/: declarations of the public API (runtime/rank/api/*.ts and what it exposes), with
//   their doc comments, made by tsc from tsconfig.types.json; the entry points are published at
//   dist/types/api/*.d.ts (package.json "exports", the ts-plugin), where they were before the rank's
//   sources moved under runtime/rank/ (moved there from dist/types/rank/api); they reference Node's
//   types, which ship beside them (dist/types/node_modules/@types/node and its undici-types) so a
//   folder without node_modules finds them too;
// - dist/ts-plugin.cjs: the TypeScript server plugin (extension/ts-plugin/) that resolves
//   `rankscope…` imports to those declarations in VS Code.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const NODE_TYPES_REFERENCE = '/// <reference types="node" />\n';
const EMITTED = 'dist/types/rank/api';
const PUBLISHED = 'dist/types/api';

/** A declaration of EMITTED, its relative specifiers rewritten to point at the same files from PUBLISHED. */
function republish(text) {
  return text.replace(/((?:from|import)\s*|import\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_, lead, q, spec) => {
    const target = posix.join(EMITTED, spec);
    // A sibling entry point moved too; anything else stays where tsc wrote it.
    const moved = posix.dirname(target) === EMITTED ? posix.join(PUBLISHED, posix.basename(target)) : target;
    let rel = posix.relative(PUBLISHED, moved);
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${q}${rel}${q}`;
  });
}

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
  mkdirSync(PUBLISHED, { recursive: true });
  for (const entry of readdirSync(EMITTED)) {
    const text = readFileSync(`${EMITTED}/${entry}`, 'utf8');
    writeFileSync(`${PUBLISHED}/${entry}`, NODE_TYPES_REFERENCE + republish(text));
  }
  rmSync(EMITTED, { recursive: true });
  for (const pkg of ['@types/node', 'undici-types']) {
    cpSync(`node_modules/${pkg}`, `dist/types/node_modules/${pkg}`, { recursive: true, filter: (f) => !f.endsWith('.md') });
  }
}
