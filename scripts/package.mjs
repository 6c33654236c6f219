// npm run package: a VSIX for this platform (rankscope-<platform>-<arch>.vsix). The extension is
// bundled and minified; the VSIX also carries the runtime sources (each user program is bundled
// with them at launch) and esbuild's JavaScript API with this platform's esbuild binary, which is
// why the VSIX is platform-specific (see README, "Packaging").
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { addPluginPackage } from './vsix-add-plugin.mjs';

// --target darwin-arm64 (etc.) packages for another platform, with that platform's esbuild.
const asked = process.argv.indexOf('--target');
const target = asked > 0 ? process.argv[asked + 1] : `${process.platform}-${process.arch}`;
const out = `rankscope-${target}.vsix`;
// dist/extension.cjs require()s esbuild: put its JavaScript API and this platform's binary package
// where that require looks first, dist/node_modules/.
const esbuildPlatform = `@esbuild/${target}`;
if (!existsSync(`node_modules/${esbuildPlatform}`)) {
  const { version } = JSON.parse(readFileSync('node_modules/esbuild/package.json', 'utf8'));
  console.error(`package: ${esbuildPlatform} is not installed; run: npm install --no-save --force ${esbuildPlatform}@${version}`);
  process.exit(2);
}
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
rmSync('dist/node_modules', { recursive: true, force: true });
for (const pkg of ['esbuild', esbuildPlatform]) {
  mkdirSync(`dist/node_modules/${pkg}`, { recursive: true });
  cpSync(`node_modules/${pkg}`, `dist/node_modules/${pkg}`, { recursive: true });
}
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--target', target,
  '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { stdio: 'inherit' });
await addPluginPackage(out);
console.log(`${out}: ${(statSync(out).size / 2 ** 20).toFixed(2)} MiB`);
// The production build has no source maps: rebuild the development one for tests and debugging.
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
