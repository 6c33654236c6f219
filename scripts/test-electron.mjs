// The extension-host suite (test/vscode/suite) in VS Code desktop 1.100.3, for machines that can
// download it (`npm run test:electron`). Here, where only the npm registry is reachable, the same
// suite runs inside code-server instead (test/vscode/extension-host.test.ts, part of `npm test`).
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suite = path.join(root, '.vscode-test', 'suite', 'suite.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'test/vscode/suite/index.ts')], outfile: suite, bundle: true,
  platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning',
});
await runTests({
  version: '1.100.3',
  extensionDevelopmentPath: root,
  extensionTestsPath: suite,
  launchArgs: [path.join(root, 'samples'), '--disable-workspace-trust'],
});
