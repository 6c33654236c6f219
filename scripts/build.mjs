// Builds what the package runs: the CLI (dist/cli.js). The runtime that ranks load is bundled
// into each user program at launch from runtime/ sources, so it needs no build step here.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

await esbuild.build({
  entryPoints: ['runtime/cli/bin.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['esbuild'],
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
